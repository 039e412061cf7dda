/**
 * Dispatch (派单): the category a request's text suggests — keyword rules from the catalogue
 * plus what past orders teach (multinomial naive Bayes over jieba tokens) — and the unit the
 * catalogue gives for that category and place, with the operator able to override both.
 * Suggestions only: a person confirms them when the order is dispatched.
 */
import { createRequire } from 'node:module';
import type * as JiebaModule from '@node-rs/jieba';
import type { Jieba } from '@node-rs/jieba';
import type * as JiebaDict from '@node-rs/jieba/dict.js';
import { AppError } from '../errors.js';
import { getCatalogueRow, getCatalogueVersion, resolveOwner } from './catalogue.js';
import type { Catalogue, CatalogueRow } from './catalogue.js';
import type { OrderEventInput, RequestUnit, WorkOrder } from './types.js';

let jieba: Jieba | undefined;

/** Loads jieba and its 5 MB dictionary on first use, not when a transport imports this module. */
function loadJieba(): Jieba {
  const require = createRequire(import.meta.url);
  const { Jieba: JiebaClass } = require('@node-rs/jieba') as typeof JiebaModule;
  const { dict } = require('@node-rs/jieba/dict.js') as typeof JiebaDict;
  return JiebaClass.withDict(dict);
}

/** Words that carry no category: fillers of a call, places' generic parts. */
const STOP_WORDS = new Set(
  '的 了 是 在 我 有 和 就 都 也 很 还 没 不 人 要 请 希望 尽快 解决 反映 市民 来电 来电人 相关 部门 处理 问题 一直 已经 多次 麻烦 住在 社区 街道 镇 村 小区 号楼 附近 影响 正常 生活 派人 看看 之前 到 现在 那个 还是 有人 来'.split(
    ' ',
  ),
);

/**
 * Tokens of a request's text: jieba words (default dictionary, no HMM so it is deterministic),
 * without punctuation, digits and stop words. The dictionary loads once, on first use (~0.6 s).
 * @example
 * tokenize('下雨后路口积水严重') // ['下雨', '后', '路口', '积水', '严重']
 */
export function tokenize(text: string): string[] {
  jieba ??= loadJieba();
  return jieba.cut(text, false).filter((w) => /[\p{Script=Han}A-Za-z]/u.test(w) && !STOP_WORDS.has(w));
}

/** A naive Bayes model as plain JSON, so the store can keep it and retrain it at night. */
export interface CategoryModel {
  docs: number;
  vocabulary: number;
  classes: { category: string; docs: number; tokens: number; counts: Record<string, number> }[];
}

export interface LabelledText {
  text: string;
  category: string;
}

/**
 * Trains a multinomial naive Bayes model on past orders' texts and their final categories.
 * @example
 * trainCategoryModel([{ text: '暖气不热', category: '供暖' }]).classes[0]?.category // '供暖'
 */
export function trainCategoryModel(samples: Iterable<LabelledText>): CategoryModel {
  const classes = new Map<string, { docs: number; tokens: number; counts: Map<string, number> }>();
  const vocabulary = new Set<string>();
  let docs = 0;
  for (const sample of samples) {
    docs++;
    let cls = classes.get(sample.category);
    if (!cls) {
      cls = { docs: 0, tokens: 0, counts: new Map() };
      classes.set(sample.category, cls);
    }
    cls.docs++;
    for (const token of tokenize(sample.text)) {
      vocabulary.add(token);
      cls.tokens++;
      cls.counts.set(token, (cls.counts.get(token) ?? 0) + 1);
    }
  }
  return {
    docs,
    vocabulary: vocabulary.size,
    classes: [...classes].map(([category, c]) => ({
      category,
      docs: c.docs,
      tokens: c.tokens,
      counts: Object.fromEntries(c.counts),
    })),
  };
}

export interface CategorySuggestion {
  category: string;
  /** Share of belief, 0–1, summing to 1 over the list. */
  score: number;
  /** Why: the catalogue keywords found, and whether past orders agreed. */
  reasons: string[];
}

const KNOWN_WORDS = new WeakMap<CategoryModel, Set<string>>();

function knownWords(model: CategoryModel): Set<string> {
  let words = KNOWN_WORDS.get(model);
  if (!words) {
    words = new Set(model.classes.flatMap((c) => Object.keys(c.counts)));
    KNOWN_WORDS.set(model, words);
  }
  return words;
}

/** Weight of one keyword hit against the naive Bayes log-likelihood (chosen on synthetic orders). */
const KEYWORD_WEIGHT = 2;

/**
 * Categories for a text, best first: catalogue keyword hits plus, when a model is given, the
 * naive Bayes log-probability; softmax-normalised. Rows without any evidence still appear, with
 * a small score, so the operator's list is complete.
 * @example
 * suggestCategories('下雨后路口积水严重', catalogue.versions[0]!.rows)[0]?.category // '积水'
 */
export function suggestCategories(
  text: string,
  rows: readonly CatalogueRow[],
  model?: CategoryModel,
): CategorySuggestion[] {
  // Words no past order ever used say nothing about any category; kept, they would favour the
  // categories with the fewest words (Laplace smoothing), so they are left out.
  const known = model ? knownWords(model) : undefined;
  const tokens = model ? tokenize(text).filter((t) => known?.has(t)) : [];
  const byCategory = new Map(model?.classes.map((c) => [c.category, c]));
  const logits = rows.map((row) => {
    const hits = row.keywords.filter((k) => text.includes(k));
    let logit = hits.length * KEYWORD_WEIGHT;
    const reasons = hits.length > 0 ? [`关键词：${hits.join('、')}`] : [];
    if (model) {
      const cls = byCategory.get(row.category);
      const prior = ((cls?.docs ?? 0) + 1) / (model.docs + rows.length);
      let ll = Math.log(prior);
      const denominator = (cls?.tokens ?? 0) + model.vocabulary + 1;
      for (const t of tokens) ll += Math.log(((cls?.counts[t] ?? 0) + 1) / denominator);
      logit += ll;
    }
    return { category: row.category, logit, reasons };
  });
  const max = Math.max(...logits.map((l) => l.logit));
  const exp = logits.map((l) => Math.exp(l.logit - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  const out = logits.map((l, i) => ({
    category: l.category,
    score: (exp[i] ?? 0) / sum,
    reasons: l.reasons,
  }));
  out.sort((a, b) => b.score - a.score || a.category.localeCompare(b.category));
  if (model && out[0]) out[0].reasons.push('与历史工单相近');
  return out;
}

export interface ClassifierFigures {
  total: number;
  correct: number;
  accuracy: number;
  /** Accuracy when the right category is among the first three suggestions. */
  top3: number;
}

/**
 * Accuracy of the suggestions on held-back labelled texts.
 * @example
 * evaluateClassifier(testSet, rows, model).accuracy // 0.93
 */
export function evaluateClassifier(
  samples: Iterable<LabelledText>,
  rows: readonly CatalogueRow[],
  model?: CategoryModel,
): ClassifierFigures {
  let total = 0;
  let correct = 0;
  let top3 = 0;
  for (const sample of samples) {
    total++;
    const ranked = suggestCategories(sample.text, rows, model);
    if (ranked[0]?.category === sample.category) correct++;
    if (ranked.slice(0, 3).some((s) => s.category === sample.category)) top3++;
  }
  return { total, correct, accuracy: total ? correct / total : 0, top3: total ? top3 / total : 0 };
}

export interface DispatchSuggestion {
  category: string;
  leadUnitId: number;
  designated: boolean;
  catalogueVersion: number;
  rules: NonNullable<Extract<OrderEventInput, { type: 'dispatched' }>['rules']>;
  /** In words, for the dispatcher's screen. */
  reason: string;
}

/**
 * The automatic dispatch for a category and place under the catalogue in force at `now`.
 * Throws BAD_INPUT for an unknown category or a place no unit covers.
 * @example
 * suggestDispatch({ category: '物业', area: '南口镇' }, catalogue, units, now).leadUnitId // 110
 */
export function suggestDispatch(
  input: { category: string; area: string },
  catalogue: Catalogue,
  units: RequestUnit[],
  now: string,
): DispatchSuggestion {
  const version = getCatalogueVersion(catalogue, now);
  const row = getCatalogueRow(version, input.category);
  const leadUnitId = resolveOwner(row.owner, input.area, units);
  const unit = units.find((u) => u.id === leadUnitId);
  const how =
    row.owner.by === 'territory'
      ? `属地：${input.area}`
      : `派单目录第${version.version}版「${row.category}」`;
  return {
    category: row.category,
    leadUnitId,
    designated: row.designated,
    catalogueVersion: version.version,
    rules: { sign: row.sign, contact: row.contact, finish: row.finish, coFinish: row.coFinish ?? row.finish },
    reason: `${how} → ${unit?.name ?? `单位 ${leadUnitId}`}`,
  };
}

export interface DispatchOverride {
  leadUnitId?: number;
  category?: string;
  coUnitIds?: number[];
  designated?: boolean;
  reason: string;
}

/**
 * The `dispatched` event for a suggestion, or for the operator's override of it (another unit,
 * another category — whose rules then apply —, co-units). An override needs a reason.
 * @example
 * deriveDispatchEvent(suggestion) // { type: 'dispatched', leadUnitId: 110, … }
 */
export function deriveDispatchEvent(
  suggestion: DispatchSuggestion,
  override?: DispatchOverride,
  context?: { catalogue: Catalogue; units: RequestUnit[]; now: string; area: string },
): Extract<OrderEventInput, { type: 'dispatched' }> {
  if (!override) {
    return {
      type: 'dispatched',
      leadUnitId: suggestion.leadUnitId,
      coUnits: [],
      designated: suggestion.designated,
      catalogueVersion: suggestion.catalogueVersion,
      rules: suggestion.rules,
      category: suggestion.category,
    };
  }
  if (!override.reason.trim())
    throw new AppError('BAD_INPUT', '人工改派须说明理由', [{ path: 'override.reason', message: 'is empty' }]);
  let base = suggestion;
  if (override.category && override.category !== suggestion.category) {
    if (!context)
      throw new AppError('BAD_INPUT', 'Changing the category needs the catalogue', [
        { path: 'override.category', message: 'no catalogue' },
      ]);
    base = suggestDispatch(
      { category: override.category, area: context.area },
      context.catalogue,
      context.units,
      context.now,
    );
  }
  if (
    override.leadUnitId !== undefined &&
    context &&
    !context.units.some((u) => u.id === override.leadUnitId)
  ) {
    throw new AppError('BAD_INPUT', `单位 ${override.leadUnitId} 不存在`, [
      { path: 'override.leadUnitId', message: 'unknown unit' },
    ]);
  }
  return {
    type: 'dispatched',
    leadUnitId: override.leadUnitId ?? base.leadUnitId,
    coUnits: (override.coUnitIds ?? []).map((unitId) => ({ unitId })),
    designated: override.designated ?? base.designated,
    catalogueVersion: base.catalogueVersion,
    rules: base.rules,
    category: base.category,
    override: { reason: override.reason },
  };
}

/** The catalogue and the units an order is dispatched by. */
export interface DispatchSetup {
  catalogue: Catalogue;
  units: RequestUnit[];
}

/**
 * The centre's dispatch of an order: the catalogue's choice for its category and place, or the
 * operator's override of it with a reason (deriveDispatchEvent).
 */
export function deriveCentreDispatch(
  setup: DispatchSetup,
  order: Pick<WorkOrder, 'category' | 'location'>,
  override: DispatchOverride | undefined,
  now: string,
): Extract<OrderEventInput, { type: 'dispatched' }> {
  const suggestion = suggestDispatch(
    { category: override?.category ?? order.category, area: order.location.area },
    setup.catalogue,
    setup.units,
    now,
  );
  return deriveDispatchEvent(suggestion, override, {
    catalogue: setup.catalogue,
    units: setup.units,
    now,
    area: order.location.area,
  });
}

/** The automatic dispatch, or undefined when no unit covers the category in that place. */
export function findDispatch(
  input: { category: string; area: string },
  setup: DispatchSetup,
  now: string,
): DispatchSuggestion | undefined {
  try {
    return suggestDispatch(input, setup.catalogue, setup.units, now);
  } catch (error) {
    // No unit for it (an area whose office an admin has not named yet): a person chooses.
    if (error instanceof AppError && error.code === 'BAD_INPUT') return undefined;
    throw error;
  }
}

/**
 * What the dispatcher's queue suggests for an order: the three likeliest categories from its
 * text, and the catalogue's unit (null when its category or place no longer dispatches).
 */
export function suggestForOrder(
  order: Pick<WorkOrder, 'text' | 'category' | 'location'>,
  setup: DispatchSetup,
  now: string,
  model?: CategoryModel,
) {
  const version = getCatalogueVersion(setup.catalogue, now);
  const categories = suggestCategories(order.text, version.rows, model).slice(0, 3);
  let dispatch: DispatchSuggestion | null;
  try {
    dispatch = suggestDispatch(
      { category: order.category, area: order.location.area },
      setup.catalogue,
      setup.units,
      now,
    );
  } catch {
    // An order whose category or place no longer dispatches: the operator chooses by hand.
    dispatch = null;
  }
  return { categories, dispatch };
}
