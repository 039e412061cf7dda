/**
 * The model of the 项目库 (project libraries) and of 服务包 (service packages for enterprises and
 * talents), issue 17. Plain JSON everywhere: ISO dates (YYYY-MM-DD) for days, ISO instants (UTC)
 * for moments, months as YYYY-MM, money in 万元 (the unit investment statistics are kept in; the
 * office files show 亿元). The store keeps these as rows; the domain functions take and return them.
 */
import type { Span } from '../report/types.js';
import type { Deadline, DeadlineRule, Interval, Satisfaction } from '../requests/types.js';

/** A project's class in its library (A 类 the most important; offices grade A/B/C). */
export const PROJECT_CLASSES = ['A', 'B', 'C'] as const;
export type ProjectClass = (typeof PROJECT_CLASSES)[number];

/** One library of a jurisdiction (重大项目库, 产业项目库…); configurable, several per jurisdiction. */
export interface Library {
  /** Stable key kept on each project ("major"). */
  code: string;
  /** As offices write it: "重大项目库". */
  name: string;
  /** Words in a report that name this library ("重大项目", "高精尖产业项目库"), longest wins. */
  words: string[];
}

/**
 * What a stage means to the rules (lamps, 三未, counts), so a configured model may name its stages
 * as it likes. Every role but `reserve`, `negotiate`, `signed` and `capacity` is required.
 */
export const STAGE_ROLES = [
  'reserve', // 谋划: an idea in reserve
  'negotiate', // 洽谈: talks with an investor
  'signed', // 签约: agreement signed
  'approved', // 入库: entered into the library (立项, approvals in hand): "新入库" counts this
  'started', // 开工: construction started (the start lamp, 批而未开)
  'building', // 建设: construction under way (开而未建 ends here)
  'completed', // 建成投用/投产: finished, in use or in production (建而未完 ends here)
  'capacity', // 达产: at designed capacity
] as const;
export type StageRole = (typeof STAGE_ROLES)[number];

/** One stage of the model, in order. */
export interface StageDef {
  /** Stable key, kept in histories; the default model uses the stage's name ("开工"). */
  id: string;
  /** As offices write it: "建成投用". */
  name: string;
  /** Other names a ledger may use for it ("投产", "在建"). */
  aliases: string[];
  /** Steps a report promises that mean this stage ("开工建设", "开复工"); see parseTargetStage. */
  promises: string[];
  role?: StageRole;
}

/** The stages a project moves along, in order (谋划 → … → 达产 by default). */
export interface StageModel {
  stages: StageDef[];
}

/** One dated stage change. A move back to an earlier stage carries its reason. */
export interface StageEntry {
  stage: string;
  /** The day the stage was reached. */
  date: string;
  reason?: string;
}

/** A planned date for reaching a stage (计划开工 2022-06-30). */
export interface Milestone {
  stage: string;
  planned: string;
}

/** Investment completed in one month, 万元. */
export interface MonthlyInvestment {
  /** YYYY-MM */
  month: string;
  amount: number;
}

/** The year's planned investment (年度计划投资), 万元, optionally spread by month (12 values). */
export interface AnnualPlan {
  year: number;
  planned: number;
  monthly?: number[];
}

/** Where a year's target came from: the report that promised the step. */
export interface TargetSource {
  planId?: number;
  span?: Span;
  /** The report's words ("推动…等40个项目签约落地"). */
  quote?: string;
}

/** The stage a year's plan promises for the project ("开工建设" in 2022 → 开工). */
export interface YearTarget {
  year: number;
  stage: string;
  /** The step as the report wrote it. */
  step: string;
  source?: TargetSource;
}

/** A 形象进度 report: what was built, dated, with a physical percent when the unit gives one. */
export interface ProgressReport {
  date: string;
  note: string;
  percent?: number;
}

export interface GeoPoint {
  lng: number;
  lat: number;
}

/** A project of a library: one record for all its years. */
export interface LibraryProject {
  id: number;
  name: string;
  /** Other names it went by (in earlier reports, ledgers): matching reads them too. */
  aliases: string[];
  /** Library code. */
  library: string;
  class: ProjectClass;
  /** Never empty; in date order; the last entry is the current stage. */
  history: StageEntry[];
  /** 总投资, 万元; null when not known yet (谋划). */
  totalInvestment: number | null;
  annualPlans: AnnualPlan[];
  /** Completed by month (one entry per month). */
  investments: MonthlyInvestment[];
  /** 地块 (land parcel) as the planning office names it. */
  parcel: string | null;
  location: GeoPoint | null;
  /** 牵头单位. */
  leadUnitId: number | null;
  /** 包联领导 (the leader who answers for the project). */
  leader: string | null;
  enterpriseId: number | null;
  milestones: Milestone[];
  /** One target per year at most. */
  targets: YearTarget[];
  progress: ProgressReport[];
  /** 入统: the day the project was registered in fixed-asset investment statistics. */
  statsRegisteredOn: string | null;
  /** 出库: taken out of the library (dropped, merged), with its reason. */
  exited: { date: string; reason: string } | null;
}

// ─── Enterprises and talents ────────────────────────────────────────────────────────────────

/** Size as statistics classify it (大中小微). */
export const ENTERPRISE_SIZES = ['大型', '中型', '小型', '微型'] as const;
export type EnterpriseSize = (typeof ENTERPRISE_SIZES)[number];

/** An enterprise served by the government. Never public: see derivePublicServiceView. */
export interface Enterprise {
  id: number;
  name: string;
  /** 统一社会信用代码, 18 characters, checked by parseCreditCode. */
  creditCode: string;
  industry: string;
  address: string;
  size: EnterpriseSize | null;
}

/** A talent holding a 人才服务包. Personal data: never public. */
export interface Talent {
  id: number;
  name: string;
  /** The talent programme or level ("领军人才"). */
  category: string;
  field: string;
  /** The enterprise the talent works for, when there is one. */
  enterpriseId: number | null;
}

/** Whom a 服务包 serves. */
export type Holder = { kind: 'enterprise'; id: number } | { kind: 'talent'; id: number };

/** A 服务包: the year's commitments to one enterprise or talent, looked after by a 服务管家. */
export interface ServicePackage {
  id: number;
  holder: Holder;
  year: number;
  /** 服务管家 (the official who looks after the holder). */
  butler: string;
}

/** What kind of commitment: policy to honour, land, an approval, a problem to solve. */
export const COMMITMENT_KINDS = ['policy', 'land', 'approval', 'problem'] as const;
export type CommitmentKind = (typeof COMMITMENT_KINDS)[number];

/**
 * open → in_progress → delivered → confirmed (by the enterprise); a delivery the enterprise does
 * not accept is `returned`, then delivered again or reopened; a confirmed commitment may be
 * reopened too (→ in_progress, a fresh clock).
 */
export const COMMITMENT_STATES = ['open', 'in_progress', 'delivered', 'confirmed', 'returned'] as const;
export type CommitmentState = (typeof COMMITMENT_STATES)[number];

/** What a commitment serves: a project of the library, a land parcel, a task of a plan. */
export type CommitmentLink =
  | { kind: 'project'; projectId: number }
  | { kind: 'parcel'; parcel: string }
  | { kind: 'task'; taskId: number };

/** One commitment of a 服务包. */
export interface Commitment {
  id: number;
  packageId: number;
  kind: CommitmentKind;
  title: string;
  responsibleUnitId: number;
  butler: string;
  /** The day the clock started (opening, or the last reopening). */
  openedOn: string;
  /** Working days allowed from `openedOn`; null when the office set a date instead. */
  workingDays: number | null;
  /** 办结时限: the last day to deliver. */
  dueOn: string;
  state: CommitmentState;
  /** Evidence of delivery (file refs or notes), as given with the delivery. */
  evidence: string[];
  deliveredOn: string | null;
  confirmedOn: string | null;
  satisfaction: Satisfaction | null;
  links: CommitmentLink[];
  /** The latest return or reopening reason. */
  note: string | null;
  /** Count of events applied: the optimistic-lock version. */
  version: number;
}

/** Who acts on a commitment or an enterprise request. */
export interface ServiceActor {
  /** office: 营商办 / plan office; butler: the 服务管家; unit: a responsible unit; enterprise: the holder. */
  role: 'office' | 'butler' | 'unit' | 'enterprise';
  /** Units a unit user acts for. */
  unitIds: number[];
}

// ─── Enterprise requests (企业诉求) ──────────────────────────────────────────────────────────

/** received → dispatched → signed → replied → closed; a closed request may be reopened. */
export const ENTERPRISE_REQUEST_STATUSES = ['received', 'dispatched', 'signed', 'replied', 'closed'] as const;
export type EnterpriseRequestStatus = (typeof ENTERPRISE_REQUEST_STATUSES)[number];

/** Deadline rules of an enterprise request, on the 接诉即办 calendar (src/requests/calendar.ts). */
export interface EnterpriseRequestRules {
  sign: DeadlineRule;
  finish: DeadlineRule;
}

/** A request an enterprise makes, taken in by its 服务管家 and clocked like a 接诉即办 order. */
export interface EnterpriseRequest {
  id: number;
  enterpriseId: number;
  packageId: number | null;
  text: string;
  category: string;
  receivedAt: string;
  butler: string;
  status: EnterpriseRequestStatus;
  leadUnitId: number | null;
  rules: EnterpriseRequestRules | null;
  deadlines: { sign: Deadline; finish: Deadline } | null;
  /** Periods the clock stood still (waiting on the enterprise). */
  pauses: Interval[];
  /** Open pause start, when the clock stands still now. */
  pausedAt: string | null;
  signedAt: string | null;
  repliedAt: string | null;
  reply: string | null;
  closedAt: string | null;
  satisfaction: Satisfaction | null;
  reopenCount: number;
  version: number;
}
