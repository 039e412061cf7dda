/**
 * The API's vocabulary as values: lists of codes that requests and answers use, and the limits
 * of a request as taken in. No imports: the domain (src/plan, src/requests), the store and the
 * web app all take them from here, so a code added here is known everywhere at once.
 */

/** Kinds of unit: a district department, a town or street office, an enterprise, another body. */
export const UNIT_KINDS = ['department', 'town', 'street', 'enterprise', 'other'] as const;

/** The pipeline a named project moves along: 储备 → 签约 → 开工 → 建成投用. */
export const PROJECT_STAGES = ['储备', '签约', '开工', '建成投用'] as const;

/** Every code of a health's why (src/plan/health-why.ts), in its order, for translations and their tests. */
export const HEALTH_WHY_CODES = [
  'STARTS_LATER',
  'NOTHING_DUE',
  'NO_FIGURE_YET',
  'TARGET_ACHIEVED',
  'SPAN_ENDED_MISSED',
  'RATIO_VS_EXPECTED',
  'CLOSED',
  'REPORTED_DONE',
  'NO_REPORT_YET',
  'PAST_DEADLINE',
  'PROGRESS_VS_EXPECTED',
  'STAGE_REACHED',
  'NO_COUNT_PROMISED',
  'STAGE_PAST_DEADLINE',
  'PROJECT_STAGE_COUNT',
  'NO_PIPELINE_STAGE',
] as const;

/** Passwords shorter than this are refused when set. */
export const MIN_PASSWORD_LENGTH = 8;

/** The longest unit name accepted (characters). */
export const MAX_UNIT_NAME_LENGTH = 100;

/** What may refer to a unit, in the order messages list them (a refused delete, a merge's `moved`). */
export const UNIT_USAGE_KEYS = [
  'tasksLed',
  'tasksCoLed',
  'targetsLed',
  'targetsCoLed',
  'users',
  'reports',
  'supervision',
  'evidenceFiles',
  'requestOrdersLed',
  'requestOrdersCoHandled',
  'requestFollowUps',
  'requestThemes',
  'requestExemptions',
  'catalogueRows',
  'knowledgeEntries',
] as const;

/**
 * Where a request came from. `grid` is a grid worker's own find (未诉先办, proactive): it is
 * handled like any order but never counted as a complaint in 三率 or hotspots of complaints.
 */
export const ORDER_SOURCES = ['hotline', 'web', 'api', 'grid'] as const;

/** Lifecycle of a work order. `objecting`: a 退单 request waits for the centre's decision. */
export const ORDER_STATUSES = [
  'received', // taken in, not yet (or no longer) with a unit
  'dispatched', // with a lead unit that has not signed yet
  'signed', // the lead unit signed for it (签收)
  'objecting', // the lead unit asked to return it (退单), awaiting the centre
  'replied', // the lead unit answered (办结反馈)
  'closed', // the centre closed it; a follow-up (回访) may reopen it
  'transferred', // 已转办: handed down to a jurisdiction below (市级派单), whose own order carries on
] as const;

/** The citizen's answer on a follow-up call (回访), as the hotline records it. */
export const SATISFACTION_LEVELS = ['满意', '基本满意', '不满意'] as const;

/**
 * Reason codes for returning an order (退单), as a dispatch catalogue offers them.
 * `not_ours` 非本单位职责; `outside_area` 不属本辖区; `duplicate` 重复工单; `unreasonable` 诉求不合理;
 * `insufficient` 信息不全无法办理.
 */
export const OBJECTION_REASONS = [
  'not_ours',
  'outside_area',
  'duplicate',
  'unreasonable',
  'insufficient',
] as const;

// ---- the limits of a request as taken in: the domain, the body schemas and the intake form ----

/** Longest request text accepted (characters). */
export const MAX_TEXT_LENGTH = 4000;
export const MAX_ADDRESS_LENGTH = 200;
/** Longest community or grid-cell name, and longest contact name. */
export const MAX_PLACE_NAME_LENGTH = 50;
export const MAX_MEDIA = 9;
export const MAX_MEDIA_BYTES = 20 * 1024 * 1024;
/** Photos, video, voice, and PDF (a notice, receipt or contract the citizen shows). */
export const MEDIA_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'video/mp4',
  'audio/mpeg',
  'application/pdf',
] as const;

// ---- documents and open data -------------------------------------------------------------------

/** The lists that export as .xlsx and CSV (GET /plans/:id/exports/:list.:format). */
export const EXPORT_LISTS = ['targets', 'achievements', 'projects', 'tasks', 'audit'] as const;

/** The lists of a published plan's open data, one CSV each (GET /public/plans/:id/:list.csv). */
export const OPEN_DATA_LISTS = ['targets', 'achievements', 'tasks', 'projects'] as const;

// ---- the leader's cockpit and the public promise tracker (issue 19, src/verdicts) ------------

/**
 * Delivery confidence, five levels as the UK's GMPP grades them, best first: 很有把握 (green),
 * 较有把握 (amber/green), 存在风险 (amber), 风险较大 (amber/red), 难以按期完成 (red).
 */
export const CONFIDENCE_LEVELS = ['green', 'amber_green', 'amber', 'amber_red', 'red'] as const;

/** Who gives a confidence: the lead unit itself, or the 督查室 independently. */
export const CONFIDENCE_SOURCES = ['lead_unit', 'independent'] as const;

/**
 * A public commitment's verdict, set by the plan office: 尚未评估, 按计划推进, 滞后, 调整 (with the
 * new promise), 不再推进 (with its public reason), 已完成.
 */
export const VERDICTS = ['not_rated', 'on_track', 'behind', 'adjusted', 'dropped', 'done'] as const;

/** What a promise's line keeps: the deadline, and a target's value. */
export const PROMISE_FIELDS = ['deadline', 'value'] as const;

/** Why a promise moved: the report or the first assignment, an approved 延期, a decision, a verdict of 调整. */
export const PROMISE_SOURCES = ['report', 'assignment', 'extension', 'decision', 'verdict'] as const;

/** What one may follow: a commitment (a task or a target), a chapter of the report, a whole plan. */
export const FOLLOW_SUBJECTS = ['task', 'target', 'chapter', 'plan'] as const;

/** How often a follower by e-mail hears: at most one digest a day, or a week. */
export const DIGEST_CADENCES = ['daily', 'weekly'] as const;

/** The changes a follower is told of. */
export const CHANGE_KINDS = ['verdict', 'state', 'deadline', 'value', 'evidence'] as const;

/** A public comment (留言): waiting for the plan office, published, rejected, or hidden after publication. */
export const COMMENT_STATES = ['pending', 'published', 'rejected', 'hidden'] as const;

/**
 * Why the plan office rejects or hides a comment: 含个人信息, 辱骂攻击, 与本事项无关, 广告,
 * 重复, 违法违规.
 */
export const MODERATION_REASONS = [
  'personal_data',
  'abuse',
  'off_topic',
  'advertising',
  'duplicate',
  'unlawful',
] as const;

/** The views a wall screen rotates through. */
export const WALL_VIEWS = ['targets', 'chapters', 'worst', 'units', 'supervision', 'requests'] as const;
/**
 * The answer rules' reason codes (答复质检, issue 20): a refused reply names each as a detail
 * `rules.<code>`, and the web says each in the reader's language.
 */
export const REPLY_RULE_CODES = [
  'too_short',
  'stock_phrase',
  'missing_date',
  'missing_place',
  'contradicts_follow_up',
  'repeats_reply',
] as const;

/** A knowledge-base version's status: draft, waiting for the centre, published, sent back. */
export const KNOWLEDGE_VERSION_STATUSES = ['draft', 'pending', 'approved', 'rejected'] as const;

/** Days a new API token lives by default, and at most (issue 12.4). */
export const TOKEN_DAYS_DEFAULT = 90;
export const TOKEN_DAYS_MAX = 365;

/**
 * What an API token may do (issue 12.4): `read` every GET; `report` a unit's own reporting
 * (progress, reports, evidence, data-call forms, answers to 督办单, extension and closing
 * requests, a unit's answers on work items); `requests` 接诉即办 writes (intake, events,
 * dispatch, settings of 12345, Open311 POST, enterprises' requests); `manage` every other write.
 * A token's role still decides what it may do within its scopes.
 */
export const TOKEN_SCOPES = ['read', 'report', 'requests', 'manage'] as const;

/** A jurisdiction's level (src/jurisdictions/types.ts LEVELS, the same words). */
export const JURISDICTION_LEVELS = ['国家', '省', '市', '区县', '街乡'] as const;

/**
 * The codes of a library project's problems (ErrorDetail.code), which a form matches to its own
 * words; the server's words for each are in src/projects/problems.ts.
 */
export const PROJECT_PROBLEM_CODES = [
  'required',
  'emptyAlias',
  'unknownLibrary',
  'badClass',
  'noFirstStage',
  'unknownStage',
  'unknownUnit',
  'unknownEnterprise',
  'date',
  'dateBefore',
  'dateAfterToday',
  'needsReason',
  'amount',
  'notAYear',
  'secondYear',
  'monthly',
  'month',
  'secondMonth',
  'futureMonth',
  'secondTarget',
  'percent',
  'progressReport',
  'location',
  'exit',
  'exitBefore',
  'undoReason',
] as const;
export type ProjectProblemCode = (typeof PROJECT_PROBLEM_CODES)[number];

/** The codes of a request field's schema problem and of a stale version (src/server/errors.ts). */
export const FIELD_PROBLEM_CODES = [
  'required',
  'tooSmall',
  'tooFew',
  'tooLong',
  'tooBig',
  'tooMany',
  'type',
  'choice',
  'format',
  'unknownField',
  'invalid',
  'stale',
] as const;
export type FieldProblemCode = (typeof FIELD_PROBLEM_CODES)[number];
