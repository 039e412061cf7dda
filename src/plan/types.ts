/**
 * The plan's domain model, shared by store, server, cli and web (as API types).
 * Values from the report stay as written (unit: '亿元', stage: '签约落地'); see ARCHITECTURE.md glossary.
 */
import { PROJECT_STAGES, type UNIT_KINDS } from '../contract/constants.js';
import type { Comparator, ItemKind, ReportMeta, Span } from '../report/types.js';

export type Role = 'admin' | 'supervisor' | 'reporter' | 'leader';
export type PlanState = 'draft' | 'published';
/**
 * What a plan is (issue 18): `report`, read from a government work report; `ledger`, a year's
 * 督查督办事项台账 that registering other work makes, which no one chooses as their plan.
 */
export type PlanKind = 'report' | 'ledger';
/** Lifecycle of a task (未启动, 推进中, 已完成, 已销号): kept apart from progress and health. */
export type TaskState = 'not_started' | 'in_progress' | 'done' | 'closed';
export type Direction = 'rising' | 'falling';
/** Computed, never typed in (issue 4). */
export type Health = 'on_track' | 'at_risk' | 'behind' | 'done' | 'not_started' | 'no_data';
export type UnitKind = (typeof UNIT_KINDS)[number];
/** The pipeline a named project moves along: 储备 → 签约 → 开工 → 建成投用 (the API's vocabulary). */
export { PROJECT_STAGES };
export type ProjectStage = (typeof PROJECT_STAGES)[number];

export interface Unit {
  id: number;
  name: string;
  kind: UnitKind;
  /**
   * The street or town (街道/镇) of the jurisdiction a street or town office governs: 属地
   * dispatch sends that area's orders to it. Absent for a unit that governs none; at most one
   * unit governs an area.
   */
  area?: string;
  /** The jurisdiction the unit belongs to (issue 16); the store always gives it. */
  jurisdictionId?: number;
  /** Other names offices write for it (简称), matched by src/jurisdictions/units.ts. */
  aliases?: string[];
}

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** Units a reporter acts for; empty for other roles. */
  unitIds: number[];
  disabled: boolean;
  /** The jurisdiction (辖区) the user belongs to (issue 16). */
  jurisdictionId: number;
  /** Granted the jurisdictions below theirs (a city's 督查室 sees its districts'). */
  seesDescendants: boolean;
}

export interface Plan {
  id: number;
  title: string;
  place: string;
  level: string;
  year: number;
  state: PlanState;
  /** Optimistic-lock counter, bumped on every write to the plan row. */
  version: number;
  meta: ReportMeta;
  sourceName: string;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  /** The jurisdiction (辖区) whose plan it is (issue 16); the store always gives it. */
  jurisdictionId?: number;
  /** A report's plan or a ledger of other work (issue 18). */
  kind: PlanKind;
}

export interface OutlineNode {
  id: number;
  planId: number;
  parentId: number | null;
  level: 1 | 2 | 3;
  title: string;
  span: Span;
  position: number;
  /** Relative weight among siblings; roll-ups normalise weights so they add up. */
  weight: number;
}

/** Who owns an item, and by when. */
export interface Assignment {
  leadUnitId: number | null;
  coUnitIds: number[];
  leader: string | null;
  /** ISO date (YYYY-MM-DD). */
  deadline: string | null;
  weight: number;
}

export interface Baseline {
  value: number;
  unit: string;
  period: string;
  achievementId: number;
}

export interface Target extends Assignment {
  id: number;
  planId: number;
  outlineNodeId: number | null;
  taskId: number | null;
  metric: string;
  comparator: Comparator;
  value: number;
  unit: string;
  period: string;
  direction: Direction | null;
  span: Span;
  quote: string;
  /** The sentence that holds the target, for showing it in context. */
  sentence: string;
  baseline: Baseline | null;
  version: number;
}

export interface Achievement {
  id: number;
  planId: number;
  outlineNodeId: number | null;
  metric: string;
  comparator: Comparator;
  value: number;
  unit: string;
  period: string;
  span: Span;
  quote: string;
}

export interface Task extends Assignment {
  id: number;
  planId: number;
  outlineNodeId: number | null;
  text: string;
  span: Span;
  state: TaskState;
  /** 0–100, as last approved. */
  progress: number;
  version: number;
  /**
   * The id of the task in an earlier plan this one was carried over from (结转), or null for a
   * task of this plan's own report. A carried task has no span in the text and a re-import
   * leaves it as it is.
   */
  carriedFrom: number | null;
}

export interface ProjectList {
  id: number;
  planId: number;
  taskId: number | null;
  /** The step the list promises, as written ("签约落地"). */
  stage: string;
  /** "等40个项目签约落地" → 40; null when the text gives no count. */
  count: number | null;
  kind: ItemKind;
  span: Span;
}

export interface Project {
  id: number;
  planId: number;
  listId: number;
  taskId: number | null;
  name: string;
  /** Promised step as written. */
  stage: string;
  kind: ItemKind;
  span: Span;
  /** Where it is now in the pipeline, with the date each stage was reached. */
  currentStage: ProjectStage;
  stageDates: Partial<Record<ProjectStage, string>>;
  version: number;
}
