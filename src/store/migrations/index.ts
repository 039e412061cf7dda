/**
 * Every migration, by name. Names are timestamps, so their order is the order they ran in.
 * Listed statically (not read from the folder) so they load the same under tsx, vitest and
 * compiled JavaScript.
 */
import type { Migration, MigrationProvider } from 'kysely';
import * as createUnits from './20261126T2030-create-units.js';
import * as createUsers from './20261126T2031-create-users.js';
import * as createUserUnits from './20261126T2032-create-user-units.js';
import * as createSessions from './20261126T2033-create-sessions.js';
import * as createApiTokens from './20261126T2034-create-api-tokens.js';
import * as createPlans from './20261126T2035-create-plans.js';
import * as createOutlineNodes from './20261126T2036-create-outline-nodes.js';
import * as createTasks from './20261126T2037-create-tasks.js';
import * as createTaskCoUnits from './20261126T2038-create-task-co-units.js';
import * as createAchievements from './20261126T2039-create-achievements.js';
import * as createTargets from './20261126T2040-create-targets.js';
import * as createTargetCoUnits from './20261126T2041-create-target-co-units.js';
import * as createProjectLists from './20261126T2042-create-project-lists.js';
import * as createProjects from './20261126T2043-create-projects.js';
import * as createTrackingSettings from './20261126T2200-create-tracking-settings.js';
import * as createPeriodLocks from './20261126T2201-create-period-locks.js';
import * as createUnitReports from './20261126T2202-create-unit-reports.js';
import * as createEvidenceFiles from './20261126T2203-create-evidence-files.js';
import * as createFigureCorrections from './20261126T2204-create-figure-corrections.js';
import * as createNotices from './20261126T2205-create-notices.js';
import * as createExtensionRequests from './20261126T2206-create-extension-requests.js';
import * as createClosureApplications from './20261126T2207-create-closure-applications.js';
import * as createAuditEvents from './20261126T2208-create-audit-events.js';
import * as createRequestOrders from './20261126T2300-create-request-orders.js';
import * as createRequestEvents from './20261126T2301-create-request-events.js';
import * as createRequestCoUnits from './20261126T2302-create-request-co-units.js';
import * as createRequestCatalogueVersions from './20261126T2303-create-request-catalogue-versions.js';
import * as createRequestScoringSchemes from './20261126T2304-create-request-scoring-schemes.js';
import * as createRequestExemptions from './20261126T2305-create-request-exemptions.js';
import * as createRequestThemes from './20261126T2306-create-request-themes.js';
import * as createRequestTaskLinks from './20261126T2307-create-request-task-links.js';
import * as createRequestModels from './20261126T2308-create-request-models.js';
import * as createRequestFollowUps from './20261126T2309-create-request-follow-ups.js';
import * as createRequestOverdueIndexes from './20261126T2310-create-request-overdue-indexes.js';
import * as indexPlanLeadUnits from './20261126T2330-index-plan-lead-units.js';
import * as createRequestHolidayTables from './20261126T2340-create-request-holiday-tables.js';
import * as addUnitVersion from './20261127T0900-add-unit-version.js';
import * as addTaskCarriedFrom from './20261127T0910-add-task-carried-from.js';
import * as createRequestMedia from './20261127T1200-create-request-media.js';
import * as addUnitArea from './20261127T1300-add-unit-area.js';
import * as createDecidimSources from './20261207T0000-create-decidim-sources.js';
import * as createLibrarySettings from './20261207T0200-create-library-settings.js';
import * as createLibraryProjects from './20261207T0201-create-library-projects.js';
import * as createLibraryInvestments from './20261207T0202-create-library-investments.js';
import * as createLibraryMatches from './20261207T0203-create-library-matches.js';
import * as createLibraryPromises from './20261207T0204-create-library-promises.js';
import * as createEnterprises from './20261207T0210-create-enterprises.js';
import * as createTalents from './20261207T0211-create-talents.js';
import * as createServicePackages from './20261207T0212-create-service-packages.js';
import * as createCommitments from './20261207T0213-create-commitments.js';
import * as createCommitmentEvents from './20261207T0214-create-commitment-events.js';
import * as createEnterpriseRequests from './20261207T0215-create-enterprise-requests.js';
import * as createEnterpriseRequestEvents from './20261207T0216-create-enterprise-request-events.js';
import * as addPlanRevision from './20261207T1000-add-plan-revision.js';
import * as addTokenExpiry from './20261207T1100-add-token-expiry.js';
import * as createWorkLedgers from './20261215T0900-create-work-ledgers.js';
import * as createMeetings from './20261215T0901-create-meetings.js';
import * as createWorkLists from './20261215T0902-create-work-lists.js';
import * as createWorkItems from './20261215T0903-create-work-items.js';
import * as createNotifyOutbox from './20261215T0910-create-notify-outbox.js';
import * as createNotifyAttempts from './20261215T0911-create-notify-attempts.js';
import * as createChaseMarks from './20261215T0912-create-chase-marks.js';
import * as createChaseRuns from './20261215T0913-create-chase-runs.js';
import * as createNotifySettings from './20261215T0914-create-notify-settings.js';
import * as createBulletinDrafts from './20261215T0920-create-bulletin-drafts.js';
import * as createBulletins from './20261215T0921-create-bulletins.js';
import * as createBulletinUnits from './20261215T0922-create-bulletin-units.js';
import * as createReportDrafts from './20261208T1400-create-report-drafts.js';
import * as createPromiseVersions from './20261215T0000-create-promise-versions.js';
import * as createConfidenceAssessments from './20261215T0001-create-confidence-assessments.js';
import * as createVerdictEntries from './20261215T0002-create-verdict-entries.js';
import * as createPublicChanges from './20261215T0003-create-public-changes.js';
import * as createFollows from './20261215T0004-create-follows.js';
import * as createFollowMessages from './20261215T0005-create-follow-messages.js';
import * as createComments from './20261215T0006-create-comments.js';
import * as createCommentChallenges from './20261215T0007-create-comment-challenges.js';
import * as createCommenterSessions from './20261215T0008-create-commenter-sessions.js';
import * as createKioskTokens from './20261215T0009-create-kiosk-tokens.js';
import * as createPromiseSettings from './20261215T0010-create-promise-settings.js';
import * as createKnowledgeEntries from './20261208T1000-create-knowledge-entries.js';
import * as createRequestReplyChecks from './20261208T1001-create-request-reply-checks.js';
import * as createHandlerAssignments from './20261208T1002-create-handler-assignments.js';
import * as createUnitHeads from './20261208T1003-create-unit-heads.js';
import * as createRequestDeskSettings from './20261208T1004-create-request-desk-settings.js';
import * as addRequestOrderDeskColumns from './20261208T1005-add-request-order-desk-columns.js';
import * as createJurisdictions from './20261216T0000-create-jurisdictions.js';
import * as addJurisdictionId from './20261216T0100-add-jurisdiction-id.js';
import * as createPlanLinks from './20261216T0200-create-plan-links.js';
import * as createLibraryStageSpans from './20261217T0000-create-library-stage-spans.js';
import * as addTokenScopesAndLimitHits from './20261217T0100-add-token-scopes-and-limit-hits.js';
import * as createLibraryQuietSpans from './20261218T0000-create-library-quiet-spans.js';
import * as addPlanKind from './20261218T0410-add-plan-kind.js';
import * as createNotifyFallbacks from './20261218T0500-create-notify-fallbacks.js';
import * as ownDeskSettingsAndFallbacks from './20261219T0000-own-desk-settings-and-fallbacks.js';
import * as createLibraryInvestmentCalls from './20261219T0100-create-library-investment-calls.js';
import * as indexFollowUpsByJurisdiction from './20261219T0200-index-follow-ups-by-jurisdiction.js';
import * as addEvidencePublicCopy from './20261219T1900-add-evidence-public-copy.js';
import * as ownBulletins from './20261220T0000-own-bulletins.js';
import * as partitionRequestOrders from './20261220T0100-partition-request-orders.js';
import * as coverFollowUpsMonth from './20261221T0000-cover-follow-ups-month.js';
import * as ownNotifySettings from './20261221T0100-own-notify-settings.js';

export const migrations: Record<string, Migration> = {
  '20261126T2030-create-units': createUnits,
  '20261126T2031-create-users': createUsers,
  '20261126T2032-create-user-units': createUserUnits,
  '20261126T2033-create-sessions': createSessions,
  '20261126T2034-create-api-tokens': createApiTokens,
  '20261126T2035-create-plans': createPlans,
  '20261126T2036-create-outline-nodes': createOutlineNodes,
  '20261126T2037-create-tasks': createTasks,
  '20261126T2038-create-task-co-units': createTaskCoUnits,
  '20261126T2039-create-achievements': createAchievements,
  '20261126T2040-create-targets': createTargets,
  '20261126T2041-create-target-co-units': createTargetCoUnits,
  '20261126T2042-create-project-lists': createProjectLists,
  '20261126T2043-create-projects': createProjects,
  '20261126T2200-create-tracking-settings': createTrackingSettings,
  '20261126T2201-create-period-locks': createPeriodLocks,
  '20261126T2202-create-unit-reports': createUnitReports,
  '20261126T2203-create-evidence-files': createEvidenceFiles,
  '20261126T2204-create-figure-corrections': createFigureCorrections,
  '20261126T2205-create-notices': createNotices,
  '20261126T2206-create-extension-requests': createExtensionRequests,
  '20261126T2207-create-closure-applications': createClosureApplications,
  '20261126T2208-create-audit-events': createAuditEvents,
  '20261126T2300-create-request-orders': createRequestOrders,
  '20261126T2301-create-request-events': createRequestEvents,
  '20261126T2302-create-request-co-units': createRequestCoUnits,
  '20261126T2303-create-request-catalogue-versions': createRequestCatalogueVersions,
  '20261126T2304-create-request-scoring-schemes': createRequestScoringSchemes,
  '20261126T2305-create-request-exemptions': createRequestExemptions,
  '20261126T2306-create-request-themes': createRequestThemes,
  '20261126T2307-create-request-task-links': createRequestTaskLinks,
  '20261126T2308-create-request-models': createRequestModels,
  '20261126T2309-create-request-follow-ups': createRequestFollowUps,
  '20261126T2310-create-request-overdue-indexes': createRequestOverdueIndexes,
  '20261126T2330-index-plan-lead-units': indexPlanLeadUnits,
  '20261126T2340-create-request-holiday-tables': createRequestHolidayTables,
  '20261127T0900-add-unit-version': addUnitVersion,
  '20261127T0910-add-task-carried-from': addTaskCarriedFrom,
  '20261127T1200-create-request-media': createRequestMedia,
  '20261127T1300-add-unit-area': addUnitArea,
  '20261207T0000-create-decidim-sources': createDecidimSources,
  '20261207T0200-create-library-settings': createLibrarySettings,
  '20261207T0201-create-library-projects': createLibraryProjects,
  '20261207T0202-create-library-investments': createLibraryInvestments,
  '20261207T0203-create-library-matches': createLibraryMatches,
  '20261207T0204-create-library-promises': createLibraryPromises,
  '20261207T0210-create-enterprises': createEnterprises,
  '20261207T0211-create-talents': createTalents,
  '20261207T0212-create-service-packages': createServicePackages,
  '20261207T0213-create-commitments': createCommitments,
  '20261207T0214-create-commitment-events': createCommitmentEvents,
  '20261207T0215-create-enterprise-requests': createEnterpriseRequests,
  '20261207T0216-create-enterprise-request-events': createEnterpriseRequestEvents,
  '20261207T1000-add-plan-revision': addPlanRevision,
  '20261207T1100-add-token-expiry': addTokenExpiry,
  '20261215T0900-create-work-ledgers': createWorkLedgers,
  '20261215T0901-create-meetings': createMeetings,
  '20261215T0902-create-work-lists': createWorkLists,
  '20261215T0903-create-work-items': createWorkItems,
  '20261215T0910-create-notify-outbox': createNotifyOutbox,
  '20261215T0911-create-notify-attempts': createNotifyAttempts,
  '20261215T0912-create-chase-marks': createChaseMarks,
  '20261215T0913-create-chase-runs': createChaseRuns,
  '20261215T0914-create-notify-settings': createNotifySettings,
  '20261215T0920-create-bulletin-drafts': createBulletinDrafts,
  '20261215T0921-create-bulletins': createBulletins,
  '20261215T0922-create-bulletin-units': createBulletinUnits,
  '20261208T1400-create-report-drafts': createReportDrafts,
  '20261215T0000-create-promise-versions': createPromiseVersions,
  '20261215T0001-create-confidence-assessments': createConfidenceAssessments,
  '20261215T0002-create-verdict-entries': createVerdictEntries,
  '20261215T0003-create-public-changes': createPublicChanges,
  '20261215T0004-create-follows': createFollows,
  '20261215T0005-create-follow-messages': createFollowMessages,
  '20261215T0006-create-comments': createComments,
  '20261215T0007-create-comment-challenges': createCommentChallenges,
  '20261215T0008-create-commenter-sessions': createCommenterSessions,
  '20261215T0009-create-kiosk-tokens': createKioskTokens,
  '20261215T0010-create-promise-settings': createPromiseSettings,
  '20261208T1000-create-knowledge-entries': createKnowledgeEntries,
  '20261208T1001-create-request-reply-checks': createRequestReplyChecks,
  '20261208T1002-create-handler-assignments': createHandlerAssignments,
  '20261208T1003-create-unit-heads': createUnitHeads,
  '20261208T1004-create-request-desk-settings': createRequestDeskSettings,
  '20261208T1005-add-request-order-desk-columns': addRequestOrderDeskColumns,
  '20261216T0000-create-jurisdictions': createJurisdictions,
  '20261216T0100-add-jurisdiction-id': addJurisdictionId,
  '20261216T0200-create-plan-links': createPlanLinks,
  '20261217T0000-create-library-stage-spans': createLibraryStageSpans,
  '20261217T0100-add-token-scopes-and-limit-hits': addTokenScopesAndLimitHits,
  '20261218T0000-create-library-quiet-spans': createLibraryQuietSpans,
  '20261218T0410-add-plan-kind': addPlanKind,
  '20261218T0500-create-notify-fallbacks': createNotifyFallbacks,
  '20261219T0000-own-desk-settings-and-fallbacks': ownDeskSettingsAndFallbacks,
  '20261219T0100-create-library-investment-calls': createLibraryInvestmentCalls,
  '20261219T0200-index-follow-ups-by-jurisdiction': indexFollowUpsByJurisdiction,
  '20261219T1900-add-evidence-public-copy': addEvidencePublicCopy,
  '20261220T0000-own-bulletins': ownBulletins,
  '20261220T0100-partition-request-orders': partitionRequestOrders,
  '20261221T0000-cover-follow-ups-month': coverFollowUpsMonth,
  '20261221T0100-own-notify-settings': ownNotifySettings,
};

/** The migrations above, for Kysely's Migrator. */
export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
