/**
 * A task's title where a page or a notice names it: the report's sentence is its text, and its
 * first clause (up to the first ，；。) says what the task is — with the next one when the first is
 * only a leading phrase.
 */

/** Longest title, in characters, before it is cut with an ellipsis. */
export const TASK_TITLE_MAX = 40;
/** A first clause shorter than this says too little: the next clause joins it. */
const MIN_TITLE = 6;
/** A clause that only frames the work ("以…为重点", "围绕…", "按照…要求"): the next clause joins it. */
const LEADING_PHRASE = /^(以|围绕|按照|依托|聚焦|针对|结合|立足|通过|对标|在)[^，,；;。]*[，,]$/;

/**
 * The first clause of a task's sentence, cut to `max` characters.
 * @example
 * taskTitle('加快回天地区、沙河高教园等区域慢行系统建设,统筹抓好公交线路优化。') // '加快回天地区、沙河高教园等区域慢行系统建设'
 */
export function taskTitle(text: string, max = TASK_TITLE_MAX): string {
  const trimmed = text.trim();
  const clauses = trimmed.split(/(?<=[，,；;。！!？?\n])/);
  // A leading phrase ("以回天地区等区域为重点，") names no work: take clauses until one does.
  let title = '';
  for (const clause of clauses) {
    title += clause;
    const words = title.replace(/[，,；;。！!？?\s]/g, '');
    if (words.length >= MIN_TITLE && !LEADING_PHRASE.test(title)) break;
  }
  title = title.replace(/[，,；;。！!？?\s]+$/, '') || trimmed;
  return title.length > max ? `${title.slice(0, max - 1)}…` : title;
}
