/** Checks of the admin forms, as the user types: keys into i18n with their values. */
import { MIN_PASSWORD_LENGTH } from '../../../src/contract/constants';
import type { Problem } from './progress';

/** The shortest password the server takes (the API's vocabulary). */
export const MIN_PASSWORD = MIN_PASSWORD_LENGTH;
const USERNAME = /^[\p{L}\p{N}._@-]+$/u;

export interface NewUserValues {
  username: string;
  displayName: string;
  role: 'admin' | 'supervisor' | 'reporter' | 'leader' | undefined;
  unitIds: number[];
  password: string;
}

export function validateNewUser(v: NewUserValues): Partial<Record<keyof NewUserValues, Problem>> {
  const problems: Partial<Record<keyof NewUserValues, Problem>> = {};
  const username = v.username.trim();
  if (username.length < 2 || username.length > 64) problems.username = { key: 'admin.usernameLength' };
  else if (!USERNAME.test(username)) problems.username = { key: 'admin.usernameChars' };
  if (v.displayName.trim() === '') problems.displayName = { key: 'admin.required' };
  if (!v.role) problems.role = { key: 'admin.required' };
  if (v.role === 'reporter' && v.unitIds.length === 0) problems.unitIds = { key: 'admin.reporterNeedsUnit' };
  if (v.password.length < MIN_PASSWORD)
    problems.password = { key: 'admin.passwordShort', values: { min: MIN_PASSWORD } };
  return problems;
}

export interface SettingsValues {
  frequency: 'monthly' | 'quarterly';
  dueDay: string;
  coUnitLeadDays: string;
  atRisk: string;
  behind: string;
}

function num(text: string): number | undefined {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(n) ? n : undefined;
}

export function validateSettings(v: SettingsValues): Partial<Record<keyof SettingsValues, Problem>> {
  const problems: Partial<Record<keyof SettingsValues, Problem>> = {};
  const due = num(v.dueDay);
  if (due === undefined || !Number.isInteger(due) || due < 1 || due > 28)
    problems.dueDay = { key: 'admin.rangeDay' };
  const lead = num(v.coUnitLeadDays);
  if (lead === undefined || !Number.isInteger(lead) || lead < 0 || lead > 27)
    problems.coUnitLeadDays = { key: 'admin.rangeLead' };
  const atRisk = num(v.atRisk);
  const behind = num(v.behind);
  if (atRisk === undefined || atRisk <= 0 || atRisk > 2) problems.atRisk = { key: 'admin.rangeRatio' };
  if (behind === undefined || behind <= 0 || behind > 2) problems.behind = { key: 'admin.rangeRatio' };
  else if (atRisk !== undefined && behind >= atRisk) problems.behind = { key: 'admin.behindBelowAtRisk' };
  return problems;
}

export function toSettingsWrite(v: SettingsValues) {
  return {
    period: { frequency: v.frequency, dueDay: Number(v.dueDay), coUnitLeadDays: Number(v.coUnitLeadDays) },
    health: { thresholds: { atRisk: Number(v.atRisk), behind: Number(v.behind) } },
  };
}
