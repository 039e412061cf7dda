/**
 * Review of an extraction by the plan office (issue 5, 报告 review mode): what a corrected or
 * added figure may hold, where an added item sits in the text, and how a task splits in two or
 * two neighbouring tasks merge. Pure: src/commands/review.ts loads, applies and audits.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import type { Comparator, Span } from '../report/types.js';
import type { Direction } from './types.js';

export const COMPARATORS: readonly Comparator[] = ['>=', '>', '<=', '~', '='];
const SENTENCE_END = /[。！？；!?;\n]/;

/** What review corrects on a target or an achievement. */
export interface ItemFields {
  metric: string;
  comparator: Comparator;
  value: number;
  unit: string;
  period: string;
}

/** Problems with a (partial) set of item fields, each naming its field. */
export function checkItemFields(fields: Partial<ItemFields>): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (fields.value !== undefined && !Number.isFinite(fields.value)) {
    problems.push({ path: 'value', message: 'must be a finite number' });
  }
  if (fields.comparator !== undefined && !COMPARATORS.includes(fields.comparator)) {
    problems.push({ path: 'comparator', message: `must be one of ${COMPARATORS.join(', ')}` });
  }
  if (fields.metric !== undefined && fields.metric.trim() === '') {
    problems.push({ path: 'metric', message: 'must not be empty' });
  }
  return problems;
}

/** The fields as stored: text trimmed. */
export function trimItemFields<T extends Partial<ItemFields>>(fields: T): T {
  return {
    ...fields,
    ...(fields.metric !== undefined && { metric: fields.metric.trim() }),
    ...(fields.unit !== undefined && { unit: fields.unit.trim() }),
    ...(fields.period !== undefined && { period: fields.period.trim() }),
  };
}

/**
 * Problems with a span of a text of `length` UTF-16 code units: [start, end), inside, not empty.
 * @example checkSpan([5, 2], 10) // [{ path: 'span', message: '所选原文不在报告正文之内：请在报告原文中重新选择一段文字' }]
 */
export function checkSpan(span: Span, length: number, path = 'span'): ErrorDetail[] {
  const [start, end] = span;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > length || start >= end) {
    return [{ path, message: '所选原文不在报告正文之内：请在报告原文中重新选择一段文字' }];
  }
  return [];
}

/**
 * The sentence of `text` that holds `span`: from after the previous stop to the next one.
 * @example sentenceAround('一是稳增长。二是保就业。', [6, 8]) // '二是保就业。'
 */
export function sentenceAround(text: string, span: Span): string {
  let start = span[0];
  while (start > 0 && !SENTENCE_END.test(text.charAt(start - 1))) start -= 1;
  let end = span[1];
  while (end < text.length && !SENTENCE_END.test(text.charAt(end - 1))) end += 1;
  return text.slice(start, end).trim();
}

/** The direction a target added in review aims at, from its comparator (以内 falls, 左右 neither). */
export function deriveDirection(comparator: Comparator): Direction | null {
  return comparator === '<=' ? 'falling' : comparator === '~' ? null : 'rising';
}

/**
 * A task's two halves when split at `at` (an offset of the plan text strictly inside its span):
 * their texts and spans. BAD_INPUT (`at`) outside the span, or when a half would be empty.
 */
export function deriveTaskSplit(
  text: string,
  span: Span,
  at: number,
): { first: { text: string; span: Span }; second: { text: string; span: Span } } {
  if (!Number.isInteger(at) || at <= span[0] || at >= span[1]) {
    throw new AppError('BAD_INPUT', 'the split point must lie inside the task', [
      { path: 'at', message: `must be an offset between ${span[0]} and ${span[1]}, exclusive` },
    ]);
  }
  const first = text.slice(span[0], at).trim();
  const second = text.slice(at, span[1]).trim();
  if (first === '' || second === '') {
    throw new AppError('BAD_INPUT', 'both parts of a split task need text', [
      { path: 'at', message: 'would leave an empty task' },
    ]);
  }
  return { first: { text: first, span: [span[0], at] }, second: { text: second, span: [at, span[1]] } };
}

/** BAD_INPUT (`taskIds`) unless a merge names two different tasks. */
export function assertTwoTasks(ids: readonly [number, number]): void {
  if (ids[0] === ids[1]) {
    throw new AppError('BAD_INPUT', 'merge needs two different tasks', [
      { path: 'taskIds', message: 'must name two different tasks' },
    ]);
  }
}

/** A task as a merge sees it. */
export interface MergeableTask {
  id: number;
  text: string;
  span: Span;
  outlineNodeId: number | null;
}

/**
 * The merged task of two that follow each other in one outline node (`between`: the ids of the
 * node's other tasks that start between them): its text — the report's from the first's start
 * to the second's end, or both texts joined when either is not in the report — and span.
 * BAD_INPUT (`taskIds`) for two outline nodes, or tasks that are not adjacent.
 */
export function deriveTaskMerge(
  text: string,
  first: MergeableTask,
  second: MergeableTask,
  between: readonly number[],
): { text: string; span: Span } {
  if (first.outlineNodeId !== second.outlineNodeId) {
    throw new AppError('BAD_INPUT', 'only tasks of the same outline node can be merged', [
      { path: 'taskIds', message: 'tasks are in different outline nodes' },
    ]);
  }
  if (between.length > 0 || second.span[0] < first.span[1]) {
    throw new AppError('BAD_INPUT', 'only adjacent tasks can be merged', [
      { path: 'taskIds', message: 'tasks are not adjacent' },
    ]);
  }
  const inText = first.span[1] > first.span[0] && second.span[1] > second.span[0];
  return {
    text: inText ? text.slice(first.span[0], second.span[1]).trim() : `${first.text}${second.text}`,
    span: [first.span[0], Math.max(first.span[1], second.span[1])],
  };
}
