/**
 * The contract against the domain: each answer that presents a domain (or report) type is the
 * same shape as that type, checked at compile time (`same`, src/contract/same.ts), so a field
 * added on one side and not the other fails to compile instead of being dropped by the
 * serializer or missed by the web app. Nothing imports this file: tsc checks it with src/, and
 * the web app never compiles the domain's modules through the contract.
 */
import type { LedgerField as DomainLedgerField } from '../documents/ledger-import.js';
import type { ErrorCode as DomainErrorCode, ErrorDetail as DomainErrorDetail } from '../errors.js';
import type { FieldChange as DomainFieldChange, HistoryEntry as DomainHistoryEntry } from '../plan/audit.js';
import type { HealthWhy as DomainHealthWhy } from '../plan/health-why.js';
import type {
  PeriodConfig as DomainPeriodConfig,
  PeriodLock as DomainPeriodLock,
  PeriodStatus as DomainPeriodStatus,
  ReportingPeriod as DomainReportingPeriod,
} from '../plan/periods.js';
import type { OutlineHealth as DomainOutlineHealth } from '../plan/plan-health.js';
import type {
  FigureCorrection as DomainFigureCorrection,
  OwedItem as DomainOwedItem,
  Reminder as DomainReminder,
  ReportDraft as DomainReportDraft,
  TargetEntry as DomainTargetEntry,
  TaskEntry as DomainTaskEntry,
  UnitReport as DomainUnitReport,
} from '../plan/reporting.js';
import type { DraftLine as DomainDraftLine } from '../plan/report-lines.js';
import type {
  RollupChildExplanation as DomainExplainChild,
  RollupExplanation as DomainExplanation,
} from '../plan/rollup.js';
import type {
  ClosureApplication as DomainClosureApplication,
  EvidenceRef as DomainEvidenceRef,
  ExtensionRequest as DomainExtensionRequest,
  NoticeEscalation as DomainNoticeEscalation,
  SubjectRef as DomainSubjectRef,
  SupervisionNotice as DomainSupervisionNotice,
} from '../plan/supervision.js';
import type { HealthConfigInput as DomainHealthConfigInput } from '../plan/thresholds.js';
import type {
  Achievement as DomainAchievement,
  Baseline as DomainBaseline,
  Health as DomainHealth,
  OutlineNode as DomainOutlineNode,
  Plan as DomainPlan,
  PlanState as DomainPlanState,
  Project as DomainProject,
  ProjectList as DomainProjectList,
  Role as DomainRole,
  Target as DomainTarget,
  Task as DomainTask,
  TaskState as DomainTaskState,
  Unit as DomainUnit,
  UnitKind as DomainUnitKind,
  User as DomainUser,
} from '../plan/types.js';
import type {
  Comparator as DomainComparator,
  ItemKind as DomainItemKind,
  ReportMeta as DomainReportMeta,
} from '../report/types.js';
import type {
  CatalogueRow as DomainCatalogueRow,
  CatalogueVersion as DomainCatalogueVersion,
  OwnerRule as DomainOwnerRule,
} from '../requests/catalogue.js';
import type {
  CategorySuggestion as DomainCategorySuggestion,
  ClassifierFigures as DomainClassifierFigures,
  DispatchSuggestion as DomainDispatchSuggestion,
} from '../requests/dispatch.js';
import type {
  Hotspot as DomainHotspot,
  LinkSuggestion as DomainLinkSuggestion,
  MonthlyTopic as DomainMonthlyTopic,
  TopicMeasure as DomainTopicMeasure,
} from '../requests/hotspots.js';
import type { OverdueItem as DomainOverdueItem } from '../requests/overdue.js';
import type * as DeskDomain from '../requests/index.js';
import type { Area as DomainArea } from '../requests/places.js';
import type * as desk from './desk.js';
import type {
  RankedUnit as DomainRankedUnit,
  Ranking as DomainRanking,
  RankingRule as DomainRankingRule,
} from '../requests/ranking.js';
import type {
  RateFigure as DomainRateFigure,
  ScoringScheme as DomainScoringScheme,
  UnitMonthScore as DomainUnitMonthScore,
} from '../requests/scoring.js';
import type {
  CoUnit as DomainCoUnit,
  Contact as DomainContact,
  Deadline as DomainDeadline,
  DeadlineRule as DomainDeadlineRule,
  FollowUp as DomainFollowUp,
  MediaRef as DomainMediaRef,
  OrderEvent as DomainOrderEvent,
  OrderEventInput as DomainOrderEventInput,
  OrderIntake as DomainOrderIntake,
  OrderLocation as DomainOrderLocation,
  RequestActor as DomainRequestActor,
  WorkOrder as DomainWorkOrder,
} from '../requests/types.js';
import type { PublicOrder as DomainPublicOrder } from '../requests/privacy.js';
import type { RepeatCandidate as DomainRepeatCandidate } from '../requests/repeat-calls.js';
import type { Contradiction as DomainContradiction } from '../plan/contradictions.js';
import type {
  Achievement,
  Area,
  Baseline,
  CatalogueRow,
  CatalogueVersion,
  CategorySuggestion,
  ClassifierFigures,
  ClosureApplication,
  CoUnit,
  Comparator,
  Contact,
  Deadline,
  DeadlineRule,
  DispatchSuggestion,
  ErrorCode,
  ErrorDetail,
  EvidenceRef,
  ExplainChild,
  Explanation,
  ExtensionRequest,
  FieldChange,
  FigureCorrection,
  FollowUp,
  Health,
  HealthWhy,
  HistoryEntry,
  Hotspot,
  ItemKind,
  LedgerChangeReport,
  LinkSuggestion,
  MediaRef,
  MonthlyTopic,
  NodeHealth,
  NoticeEscalation,
  OrderEvent,
  OrderEventBody,
  OrderEventInput,
  OrderIntake,
  OrderIntakeBody,
  OrderLocation,
  OutlineNode,
  RepeatCandidate,
  Contradiction,
  OverdueItem,
  OwedItem,
  OwnerRule,
  PeriodConfig,
  PeriodLockAnswer,
  PeriodRow,
  PeriodStatus,
  Plan,
  PlanState,
  Project,
  ProjectList,
  RankedUnit,
  Ranking,
  RankingRule,
  RateFigure,
  Reminder,
  ReportDraft,
  DraftLine,
  ReportMeta,
  ReportingPeriod,
  RequestActor,
  Role,
  ScoringScheme,
  SubjectRef,
  SupervisionNotice,
  Target,
  TargetEntry,
  Task,
  TaskEntry,
  TaskState,
  TaskStateAnswer,
  Todo,
  TopicMeasure,
  TrackingSettings,
  Unit,
  UnitKind,
  UnitMonthScore,
  UnitReport,
  User,
  WorkOrder,
  PublicOrder,
} from './index.js';
import type { Level as JurisdictionLevel } from '../jurisdictions/types.js';
import type * as jurisdictionsContract from './jurisdictions.js';
import { same } from './same.js';
import type { Versioned } from './same.js';

// ---- common.ts ------------------------------------------------------------------------
same<Comparator, DomainComparator>(true);
same<ItemKind, DomainItemKind>(true);
same<Role, DomainRole>(true);
same<PlanState, DomainPlanState>(true);
same<TaskState, DomainTaskState>(true);
same<UnitKind, DomainUnitKind>(true);
same<Health, DomainHealth>(true);
same<ErrorCode, DomainErrorCode>(true);
same<ErrorDetail, DomainErrorDetail>(true);

// ---- plans.ts -------------------------------------------------------------------------
// The API widens `level` to any text; every key is the domain's.
const _metaFits = (meta: DomainReportMeta): ReportMeta => meta;
void _metaFits;
const _planFits = (plan: DomainPlan): Plan => plan;
void _planFits;
same<OutlineNode, DomainOutlineNode>(true);
same<Baseline, DomainBaseline>(true);
// Only `leader` differs: optional here, since public answers leave it out.
same<Omit<Target, 'leader'>, Omit<DomainTarget, 'leader'>>(true);
same<Achievement, DomainAchievement>(true);
same<Omit<Task, 'leader'>, Omit<DomainTask, 'leader'>>(true);
same<ProjectList, DomainProjectList>(true);
same<Project, DomainProject>(true);

// ---- users.ts -------------------------------------------------------------------------
same<Unit, DomainUnit>(true);
same<User, DomainUser>(true);

// ---- health.ts ------------------------------------------------------------------------
// The schema and the domain's type say the same: a new code fails to compile here.
const _sameWhy = (why: HealthWhy): DomainHealthWhy => why;
void _sameWhy;
const _sameDomain = (why: DomainHealthWhy): HealthWhy => why;
void _sameDomain;
same<ExplainChild, DomainExplainChild>(true);
same<Explanation, DomainExplanation>(true);
same<NodeHealth, DomainOutlineHealth>(true);
same<FieldChange, DomainFieldChange>(true);
same<HistoryEntry, DomainHistoryEntry>(true);

// ---- tracking.ts ----------------------------------------------------------------------
same<PeriodConfig, DomainPeriodConfig>(true);
same<
  TrackingSettings,
  {
    planId: number;
    period: DomainPeriodConfig;
    health: DomainHealthConfigInput;
    version: number;
    updatedAt: string | null;
  }
>(true);
same<ReportingPeriod, DomainReportingPeriod>(true);
same<PeriodStatus, DomainPeriodStatus>(true);
same<PeriodRow, DomainReportingPeriod & { status: DomainPeriodStatus; lockedAt: string | null }>(true);
same<PeriodLockAnswer, Pick<DomainPeriodLock, 'key' | 'lockedAt'>>(true);
same<EvidenceRef, DomainEvidenceRef>(true);
same<OwedItem, DomainOwedItem>(true);
same<TaskEntry, DomainTaskEntry>(true);
same<TargetEntry, DomainTargetEntry>(true);
same<UnitReport, Versioned<DomainUnitReport>>(true);
same<ReportDraft, DomainReportDraft>(true);
same<DraftLine, DomainDraftLine>(true);
same<
  Todo,
  {
    unitId: number;
    dueOn: string;
    owed: DomainOwedItem[];
    report: Versioned<DomainUnitReport> | null;
    draft: DomainReportDraft;
  }
>(true);
same<FigureCorrection, DomainFigureCorrection>(true);
same<Reminder, DomainReminder>(true);

// ---- supervision.ts -------------------------------------------------------------------
same<SubjectRef, DomainSubjectRef>(true);
same<NoticeEscalation, DomainNoticeEscalation>(true);
same<SupervisionNotice, Versioned<DomainSupervisionNotice>>(true);
same<ExtensionRequest, Versioned<DomainExtensionRequest>>(true);
same<ClosureApplication, Versioned<DomainClosureApplication>>(true);
same<TaskStateAnswer, Pick<DomainTask, 'id' | 'state' | 'progress' | 'version'>>(true);

// ---- documents.ts ---------------------------------------------------------------------
same<LedgerChangeReport['field'], DomainLedgerField>(true);

// ---- requests.ts ----------------------------------------------------------------------
same<DeadlineRule, DomainDeadlineRule>(true);
same<Deadline, DomainDeadline>(true);
same<OrderLocation, DomainOrderLocation>(true);
same<MediaRef, DomainMediaRef>(true);
same<Contact, DomainContact>(true);
same<CoUnit, DomainCoUnit>(true);
same<FollowUp, DomainFollowUp>(true);
same<WorkOrder, DomainWorkOrder>(true);
same<PublicOrder, DomainPublicOrder>(true);
same<RequestActor, DomainRequestActor>(true);
same<OrderEventInput, DomainOrderEventInput>(true);
same<OrderIntake, DomainOrderIntake>(true);
same<OrderEvent, DomainOrderEvent>(true);
same<RepeatCandidate, DomainRepeatCandidate>(true);
same<Contradiction, DomainContradiction>(true);
// A parsed body is a domain value: a route validates and hands it straight over.
const _intakeFits = (body: OrderIntakeBody): DomainOrderIntake => body;
const _eventFits = (body: OrderEventBody): DomainOrderEventInput => body;
void _intakeFits;
void _eventFits;
same<CategorySuggestion, DomainCategorySuggestion>(true);
same<DispatchSuggestion, DomainDispatchSuggestion>(true);
same<OverdueItem, DomainOverdueItem>(true);
same<Area, Omit<DomainArea, 'boundary'>>(true);

// ---- requests-insights.ts -------------------------------------------------------------
same<RateFigure, DomainRateFigure>(true);
same<UnitMonthScore, DomainUnitMonthScore>(true);
same<RankingRule, DomainRankingRule>(true);
same<RankedUnit, DomainRankedUnit>(true);
same<Ranking, DomainRanking>(true);
same<Hotspot, DomainHotspot>(true);
same<MonthlyTopic, DomainMonthlyTopic>(true);
same<TopicMeasure, DomainTopicMeasure>(true);
same<LinkSuggestion, DomainLinkSuggestion>(true);

// ---- requests-admin.ts ----------------------------------------------------------------
same<OwnerRule, DomainOwnerRule>(true);
same<CatalogueRow, DomainCatalogueRow>(true);
same<CatalogueVersion, DomainCatalogueVersion>(true);
same<ScoringScheme, DomainScoringScheme>(true);
same<ClassifierFigures, DomainClassifierFigures>(true);

// ---- desk.ts (issue 20) ----------------------------------------------------------------
same<desk.KnowledgeVersion, DeskDomain.KnowledgeVersion>(true);
same<desk.KnowledgeEntry, DeskDomain.KnowledgeEntry>(true);
same<desk.KnowledgeHit, DeskDomain.KnowledgeHit>(true);
same<desk.KnowledgeUpkeepItem, DeskDomain.KnowledgeUpkeepItem>(true);
same<desk.ReplyRuleSet, DeskDomain.ReplyRuleSet>(true);
same<desk.SamplingRule, DeskDomain.SamplingRule>(true);
same<desk.UnitCheckRates, DeskDomain.UnitCheckRates>(true);
same<
  Omit<desk.CheckerQueueItem, 'order' | 'reply'>,
  Omit<DeskDomain.CheckerQueueItem, 'status'> & { status: string }
>(true);
same<desk.DeskFigures, DeskDomain.DeskFigures>(true);
same<desk.HandlerWorkItem, DeskDomain.WorkItem>(true);
same<desk.HandlerAssignment, DeskDomain.HandlerAssignment>(true);
same<desk.HandlerChange, DeskDomain.HandlerChange>(true);
same<desk.QueueEntry, DeskDomain.QueueEntry>(true);
same<desk.UnitMember, DeskDomain.UnitMember>(true);
same<desk.WorkloadRow, DeskDomain.WorkloadRow>(true);
same<desk.DeskSettings, DeskDomain.DeskSettings>(true);
same<desk.ReplyCheck, DeskDomain.StoredReplyCheck>(true);

// ---- jurisdictions.ts (issue 16.1) -----------------------------------------------------
same<jurisdictionsContract.JurisdictionSummary['level'], JurisdictionLevel>(true);
