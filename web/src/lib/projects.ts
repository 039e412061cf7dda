import { PROJECT_STAGES, type Project, type ProjectList, type ProjectStage } from '../api/types';

/**
 * The pipeline stage a promised step written in the report stands for:
 * "签约落地" → 签约, "开工建设"/"开复工"/"实施" → 开工, "建成投用"/"竣工" → 建成投用, else 储备.
 */
export function parseStage(written: string): ProjectStage {
  if (/建成|投用|投运|竣工|完工/.test(written)) return '建成投用';
  if (/开工|复工|建设|施工|实施|启动/.test(written)) return '开工';
  if (/签约|落地|引进/.test(written)) return '签约';
  return '储备';
}

export function stageIndex(stage: ProjectStage): number {
  return PROJECT_STAGES.indexOf(stage);
}

/** True when the project is at or past `stage`. */
export function hasReached(project: Project, stage: ProjectStage): boolean {
  return stageIndex(project.currentStage) >= stageIndex(stage);
}

export interface ListProgress {
  list: ProjectList;
  /** The pipeline stage the list promises. */
  stage: ProjectStage;
  /** The count promised: the list's own count, else the number of projects it names. */
  promised: number;
  /** How many of its projects reached the promised stage. */
  reached: number;
  /** Projects at each stage now. */
  byStage: Record<ProjectStage, number>;
  projects: Project[];
}

/** Per list: projects by current stage, and counts reached against counts promised. */
export function deriveListProgress(lists: ProjectList[], projects: Project[]): ListProgress[] {
  const byList = new Map<number, Project[]>();
  for (const project of projects) {
    const bucket = byList.get(project.listId);
    if (bucket) bucket.push(project);
    else byList.set(project.listId, [project]);
  }
  return lists.map((list) => {
    const members = byList.get(list.id) ?? [];
    const stage = parseStage(list.stage);
    const byStage = Object.fromEntries(PROJECT_STAGES.map((s) => [s, 0])) as Record<ProjectStage, number>;
    for (const project of members) byStage[project.currentStage] += 1;
    return {
      list,
      stage,
      promised: list.count ?? members.length,
      reached: members.filter((project) => hasReached(project, stage)).length,
      byStage,
      projects: members,
    };
  });
}

export interface StageTotal {
  stage: ProjectStage;
  lists: number;
  promised: number;
  reached: number;
}

/**
 * Promised and reached summed per pipeline stage, over the lists the report promises (kind
 * target); lists of past achievements are left out. Stages with no list are left out.
 */
export function deriveStageTotals(progress: ListProgress[]): StageTotal[] {
  const totals = new Map<ProjectStage, StageTotal>();
  for (const entry of progress) {
    if (entry.list.kind !== 'target') continue;
    const total = totals.get(entry.stage) ?? { stage: entry.stage, lists: 0, promised: 0, reached: 0 };
    total.lists += 1;
    total.promised += entry.promised;
    total.reached += entry.reached;
    totals.set(entry.stage, total);
  }
  return PROJECT_STAGES.flatMap((stage) => {
    const total = totals.get(stage);
    return total ? [total] : [];
  });
}

/** Lists the report promises first, then by the count promised, largest first. */
export function sortListProgress(progress: ListProgress[]): ListProgress[] {
  return [...progress].sort(
    (a, b) =>
      Number(a.list.kind !== 'target') - Number(b.list.kind !== 'target') ||
      b.promised - a.promised ||
      a.list.span[0] - b.list.span[0],
  );
}
