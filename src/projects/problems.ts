/**
 * The problems of a library project's record and its changes, each with a stable code (the web
 * form reads the code and its values, never the words) and the words an office writes
 * (zh-CN): what is wrong and where, in the record's own terms (第2条阶段记录、2022年度计划投资).
 */
import type { ProjectProblemCode } from '../contract/constants.js';
import type { ErrorDetail } from '../errors.js';

type Values = Record<string, string | number>;

/** Each code's words from its values. */
const WORDS = {
  required: () => '项目名称不能为空',
  emptyAlias: (v: Values) => `第${v['n']}个曾用名为空：请填写或删去`,
  unknownUnit: () => '牵头单位不存在或已撤销：请重新选择',
  unknownEnterprise: () => '所关联的企业不存在：请重新选择',
  unknownLibrary: (v: Values) => `项目库“${v['library']}”不在本辖区的项目库设置中：请从列表中选择`,
  badClass: (v: Values) => `项目类别应为A、B或C，填的是“${v['value']}”`,
  noFirstStage: () => '项目须有起始阶段及其日期',
  unknownStage: (v: Values) => `${v['where']}“${v['stage']}”不在本辖区的阶段设置中：请从列表中选择`,
  date: (v: Values) => `${v['where']}“${v['value']}”不是有效日期：请按“2022-03-01”的格式填写`,
  dateBefore: (v: Values) => `${v['where']}${v['value']}早于上一阶段（${v['stage']}）的日期${v['date']}`,
  dateAfterToday: (v: Values) => `${v['where']}${v['value']}晚于今天（${v['date']}）`,
  needsReason: (v: Values) => `由“${v['from']}”退回“${v['to']}”须说明原因`,
  amount: (v: Values) => `${v['where']}应为不小于0的金额（万元）`,
  notAYear: (v: Values) => `${v['where']}的年度“${v['value']}”不是年份`,
  secondYear: (v: Values) => `${v['year']}年度已填报过计划投资，同一年度只能填一行`,
  monthly: (v: Values) => `${v['year']}年度的分月计划应为1月至12月共12个不小于0的金额`,
  month: (v: Values) => `${v['where']}的月份“${v['value']}”不是有效月份：请按“2022-03”的格式填写`,
  secondMonth: (v: Values) => `${v['month']}的完成投资已填过，每月只能填一行`,
  futureMonth: (v: Values) => `${v['month']}尚未开始，不能填报完成投资`,
  secondTarget: (v: Values) => `${v['year']}年度已有目标阶段，同一年度只能定一个`,
  percent: (v: Values) => `${v['where']}的完成百分比应在0至100之间`,
  progressReport: () => '形象进度须填写日期和进展说明，百分比（如填）应在0至100之间',
  location: () => '项目位置不在有效范围内：经度应在-180至180之间，纬度应在-90至90之间',
  exit: () => '出库须填写日期和原因',
  exitBefore: (v: Values) => `出库日期“${v['value']}”应为不早于${v['date']}的有效日期`,
  left: (v: Values) => `该项目已于${v['date']}出库，不能再变更`,
  sameStage: (v: Values) => `该项目已处于“${v['stage']}”阶段`,
  notLeft: () => '该项目仍在项目库中，没有出库可撤销',
  undoReason: () => '撤销出库须说明原因',
} satisfies Record<ProjectProblemCode | 'left' | 'sameStage' | 'notLeft', (v: Values) => string>;

export type { ProjectProblemCode };

/**
 * One problem at `path`, with its code, values and words.
 * @example
 * projectProblem('library', 'unknownLibrary', { library: 'nope' }).message // '项目库“nope”不在本辖区的项目库设置中：请从列表中选择'
 */
export function projectProblem(path: string, code: ProjectProblemCode, values: Values = {}): ErrorDetail {
  return { path, message: WORDS[code](values), code, values };
}

/** The words of a code alone (an error's headline). */
export function projectWords(code: keyof typeof WORDS, values: Values = {}): string {
  return WORDS[code](values);
}
