/**
 * Decidim accountability results as a plan's report (issue 6): each outline node a heading line,
 * each task its own line under it, so that the plan is stored by the same import as a report
 * and every span resolves in a text that reads as the results list did. Pure.
 */
import type { Extraction, Heading, Task as ExtractedTask } from '../report/types.js';
import type { DecidimImport } from './decidim.js';

/**
 * Decidim drafts → a report-shaped text and extraction, so that the plan is stored by the same
 * import as a report: each outline node a heading line, each task its own line under it. Every
 * span then resolves in the plan's text, which reads as the results list did. `taskAt` and
 * `outlineAt` give the draft each task and heading came from, by the offset of its line.
 */
export function decidimToReport(
  drafts: DecidimImport,
  header: { title: string; year: number; place: string },
): {
  text: string;
  extraction: Extraction;
  taskAt: Map<number, DecidimImport['tasks'][number]>;
  outlineAt: Map<number, string>;
} {
  let text = `${header.title}\n\n`;
  const outline: Heading[] = [];
  const tasks: ExtractedTask[] = [];
  const taskAt = new Map<number, DecidimImport['tasks'][number]>();
  const outlineAt = new Map<number, string>();
  const addTask = (task: DecidimImport['tasks'][number]) => {
    const body = task.text;
    const start = text.length;
    text += `${body}\n`;
    tasks.push({
      span: [start, start + body.length],
      text: body,
      outlinePath: [],
      itemIndexes: [],
      projectIndexes: [],
    });
    taskAt.set(start, task);
  };
  for (const task of drafts.tasks.filter((t) => t.outlineKey === null)) addTask(task);
  const walk = (parentKey: string | null) => {
    for (const node of drafts.outline.filter((n) => n.parentKey === parentKey)) {
      const title = node.title.replace(/\s+/g, ' ').trim() || `#${node.sourceId}`;
      const start = text.length;
      text += `${title}\n`;
      outline.push({ level: node.level, title, span: [start, start + title.length] });
      outlineAt.set(start, node.key);
      for (const task of drafts.tasks.filter((t) => t.outlineKey === node.key)) addTask(task);
      walk(node.key);
    }
  };
  walk(null);
  const extraction: Extraction = {
    report: { title: header.title, year: header.year, ...(header.place ? { place: header.place } : {}) },
    outline,
    zones: [],
    items: [],
    projects: [],
    tasks,
    warnings: [],
  };
  return { text, extraction, taskAt, outlineAt };
}

/** The plan's year from the results' dates (the earliest), when no year is given. */
export function yearOfResults(drafts: DecidimImport): number | undefined {
  const years = drafts.results
    .flatMap((r) => [r.startDate, r.endDate])
    .filter((d): d is string => d !== null)
    .map((d) => Number(d.slice(0, 4)));
  return years.length > 0 ? Math.min(...years) : undefined;
}
