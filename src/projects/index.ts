/**
 * The 项目库 and 服务包 (issue 17): the pure domain — libraries and their projects over the
 * years, the stage model, lamps (亮灯), the 三未 and stale lists, matching reports' projects to the
 * library, counts against a report's promises; enterprises and talents, 服务包 commitments,
 * 企业诉求 on the 接诉即办 clock, the year's 兑现 count and the public counts; a seeded generator.
 * No I/O: the store keeps what these functions return; transports call them.
 */
export type * from './types.js';
export {
  COMMITMENT_KINDS,
  COMMITMENT_STATES,
  ENTERPRISE_REQUEST_STATUSES,
  ENTERPRISE_SIZES,
  PROJECT_CLASSES,
  STAGE_ROLES,
} from './types.js';
export * from './stages.js';
export * from './project.js';
export * from './investment.js';
export * from './lamp-why.js';
export * from './lamps.js';
export * from './lists.js';
export * from './match.js';
export * from './promises.js';
export * from './credit-code.js';
export * from './enterprise.js';
export * from './service.js';
export * from './commitment-as-of.js';
export * from './enterprise-requests.js';
export * from './public.js';
export * from './review.js';
export * from './actors.js';
export * from './commitment-assign.js';
export * from './generator.js';
export * from './spans.js';
export * from './investment-return.js';
