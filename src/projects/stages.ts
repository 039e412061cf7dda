/**
 * The stage model (谋划 → 洽谈 → 签约 → 入库 → 开工 → 建设 → 建成投用/投产 → 达产 by default,
 * configurable) and the libraries, with what the rules ask of them: a stage's position, the
 * stage a role names, the stage a report's promised step means, the stage a project was at on a
 * day, and the day it first reached a stage.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import { toDayNumber } from '../plan/dates.js';
import type { Library, LibraryProject, StageDef, StageModel, StageRole } from './types.js';
import { STAGE_ROLES } from './types.js';

/**
 * The default model. Decision 37 (docs/DECISIONS.md): one stage per step offices count, 入库
 * after 签约 (a signed project enters the library with its approvals), 建设 apart from 开工 so that
 * "开而未建" can be told, and 建成投用/投产 one stage (a facility is put into use, a factory into
 * production: the same step for the counts).
 */
export const DEFAULT_STAGE_MODEL: StageModel = {
  stages: [
    {
      id: '谋划',
      name: '谋划',
      aliases: ['储备', '谋划储备', '前期谋划'],
      promises: ['谋划', '储备'],
      role: 'reserve',
    },
    {
      id: '洽谈',
      name: '洽谈',
      aliases: ['在谈', '洽谈对接'],
      promises: ['洽谈', '在谈', '对接'],
      role: 'negotiate',
    },
    {
      id: '签约',
      name: '签约',
      aliases: ['已签约', '签约落地'],
      promises: ['签约落地', '签约', '落地', '引进', '引入', '落户', '入驻'],
      role: 'signed',
    },
    {
      id: '入库',
      name: '入库',
      aliases: ['已入库', '立项'],
      promises: ['新入库', '入库', '纳入项目库'],
      role: 'approved',
    },
    {
      id: '开工',
      name: '开工',
      aliases: ['新开工', '开工建设', '已开工'],
      promises: ['开工建设', '开复工', '新开工', '开工', '动工', '启动建设'],
      role: 'started',
    },
    {
      id: '建设',
      name: '建设',
      aliases: ['在建', '续建', '建设中'],
      promises: ['主体结构封顶', '主体建设', '加快建设', '续建', '封顶', '建设'],
      role: 'building',
    },
    {
      id: '建成投用',
      name: '建成投用',
      aliases: ['投产', '建成投产', '竣工', '建成', '已投用'],
      promises: [
        '建成投用',
        '投入使用',
        '投入运营',
        '竣工验收',
        '建成',
        '投用',
        '竣工',
        '完工',
        '投产',
        '开业',
        '开园',
        '开学',
        '通车',
        '交付',
        '投运',
      ],
      role: 'completed',
    },
    { id: '达产', name: '达产', aliases: ['达产达效'], promises: ['达产', '达效'], role: 'capacity' },
  ],
};

/** The example libraries of issue 17; a jurisdiction configures its own. */
export const DEFAULT_LIBRARIES: Library[] = [
  { code: 'major', name: '重大项目库', words: ['重大项目库', '重大项目'] },
  { code: 'industry', name: '产业项目库', words: ['高精尖产业项目库', '产业项目库', '产业项目'] },
  { code: 'renewal', name: '城市更新项目库', words: ['城市更新项目库', '城市更新', '年度项目'] },
  { code: 'science', name: '科技成果项目库', words: ['科技成果项目库', '科技成果'] },
];

const REQUIRED_ROLES: StageRole[] = ['approved', 'started', 'building', 'completed'];

/**
 * Checks a configured stage model: stages with unique ids and names, no alias or promise
 * word shared by two stages, each role used once, the required roles present and in the order
 * of STAGE_ROLES. Throws AppError BAD_INPUT listing every problem with its path.
 * @example
 * resolveStageModel(DEFAULT_STAGE_MODEL) === DEFAULT_STAGE_MODEL // true
 */
export function resolveStageModel(model: StageModel): StageModel {
  const problems: ErrorDetail[] = [];
  const ids = new Map<string, number>();
  const words = new Map<string, number>();
  const roles = new Map<StageRole, number>();
  if (model.stages.length < 2)
    problems.push({ path: 'stages', message: 'a model needs at least two stages' });
  model.stages.forEach((s, i) => {
    if (!s.id.trim()) problems.push({ path: `stages.${i}.id`, message: 'empty id' });
    if (!s.name.trim()) problems.push({ path: `stages.${i}.name`, message: 'empty name' });
    for (const [field, list] of [
      ['name', [s.id, s.name, ...s.aliases]],
      ['promises', s.promises.map((p) => `promise:${p}`)],
    ] as const) {
      for (const w of new Set(list)) {
        const other = words.get(w);
        if (other !== undefined && other !== i)
          problems.push({
            path: `stages.${i}.${field}`,
            message: `"${w.replace(/^promise:/, '')}" also names stage ${other + 1}`,
          });
        words.set(w, i);
      }
    }
    if (ids.has(s.id)) problems.push({ path: `stages.${i}.id`, message: `duplicate id "${s.id}"` });
    ids.set(s.id, i);
    if (s.role) {
      if (roles.has(s.role))
        problems.push({ path: `stages.${i}.role`, message: `role ${s.role} used twice` });
      roles.set(s.role, i);
    }
  });
  for (const role of REQUIRED_ROLES)
    if (!roles.has(role)) problems.push({ path: 'stages', message: `no stage has the role ${role}` });
  const order = STAGE_ROLES.filter((r) => roles.has(r)).map((r) => roles.get(r)!);
  if (order.some((at, i) => i > 0 && at < order[i - 1]!))
    problems.push({ path: 'stages', message: `roles must follow the order ${STAGE_ROLES.join(' → ')}` });
  if (problems.length > 0) throw new AppError('BAD_INPUT', 'Invalid stage model', problems);
  return model;
}

/**
 * Position of a stage in the model; -1 when the model has no such stage.
 * @example
 * stageIndex(DEFAULT_STAGE_MODEL, '开工') // 4
 */
export function stageIndex(model: StageModel, stage: string): number {
  return model.stages.findIndex((s) => s.id === stage);
}

/**
 * The stage holding a role.
 * @example
 * roleStage(DEFAULT_STAGE_MODEL, 'started').id // '开工'
 */
export function roleStage(model: StageModel, role: StageRole): StageDef {
  const found = model.stages.find((s) => s.role === role);
  if (!found) throw new AppError('BAD_INPUT', `The stage model has no stage with the role ${role}`);
  return found;
}

/** Position of the stage holding `role`, or -1 when no stage holds it (an optional role). */
export function roleIndex(model: StageModel, role: StageRole): number {
  return model.stages.findIndex((s) => s.role === role);
}

/**
 * The stage a ledger's 阶段 cell names, by id, name or alias (spaces ignored); undefined otherwise.
 * @example
 * findStage(DEFAULT_STAGE_MODEL, '投产')?.id // '建成投用'
 */
export function findStage(model: StageModel, text: string): StageDef | undefined {
  const t = text.replace(/\s+/g, '');
  return model.stages.find((s) => s.id === t || s.name === t || s.aliases.includes(t));
}

/**
 * The stage a report's promised step means: the stage whose promise word is the longest found in
 * the step; on a tie the later stage (the step promises the furthest). Undefined when no word is
 * found ("改造提升", "前期工作", "供应"): such a target needs a person to choose.
 * @example
 * parseTargetStage(DEFAULT_STAGE_MODEL, '开工建设') // '开工'
 * parseTargetStage(DEFAULT_STAGE_MODEL, '竣工开学') // '建成投用'
 */
export function parseTargetStage(model: StageModel, step: string): string | undefined {
  const text = step.replace(/\s+/g, '');
  let best: { stage: string; length: number; index: number } | undefined;
  model.stages.forEach((s, index) => {
    for (const word of s.promises) {
      if (!text.includes(word)) continue;
      if (!best || word.length > best.length || (word.length === best.length && index > best.index))
        best = { stage: s.id, length: word.length, index };
    }
  });
  return best?.stage;
}

/**
 * The library a text names ("力争新入库重大项目30个" → major), by the longest library word in it;
 * undefined when none is named.
 * @example
 * findLibrary(DEFAULT_LIBRARIES, '充实调整高精尖产业项目库')?.code // 'industry'
 */
export function findLibrary(libraries: readonly Library[], text: string): Library | undefined {
  let best: { library: Library; length: number } | undefined;
  for (const library of libraries) {
    for (const word of [library.name, ...library.words]) {
      if (text.includes(word) && (!best || word.length > best.length))
        best = { library, length: word.length };
    }
  }
  return best?.library;
}

/**
 * The stage a project was at at the end of `date`: its last history entry on or before that
 * day; undefined before its first entry (the project was not in the library yet).
 * @example
 * stageAt({ history: [{ stage: '签约', date: '2022-03-01' }, { stage: '开工', date: '2022-06-01' }] }, '2022-05-31') // '签约'
 */
export function stageAt(project: Pick<LibraryProject, 'history'>, date: string): string | undefined {
  const day = toDayNumber(date);
  let found: string | undefined;
  for (const entry of project.history) {
    if (toDayNumber(entry.date) > day) break;
    found = entry.stage;
  }
  return found;
}

/**
 * The day a project first reached `stage` or any later stage (a project may skip stages: one
 * recorded at 开工 has passed 签约), or undefined when it has not. A later move back does not undo
 * it: the counts ask when a project first got there.
 * @example
 * reachedOn(DEFAULT_STAGE_MODEL, { history: [{ stage: '谋划', date: '2021-05-01' }, { stage: '开工', date: '2022-04-01' }] }, '签约') // '2022-04-01'
 */
export function reachedOn(
  model: StageModel,
  project: Pick<LibraryProject, 'history'>,
  stage: string,
): string | undefined {
  const target = stageIndex(model, stage);
  if (target < 0) throw new AppError('BAD_INPUT', `Unknown stage "${stage}"`);
  for (const entry of project.history) if (stageIndex(model, entry.stage) >= target) return entry.date;
  return undefined;
}

/** The current stage: the last history entry's. */
export function currentStage(project: Pick<LibraryProject, 'history'>): string {
  const last = project.history.at(-1);
  if (!last) throw new AppError('BAD_INPUT', 'A project needs at least one stage in its history');
  return last.stage;
}
