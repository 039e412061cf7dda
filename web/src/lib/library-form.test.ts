import { describe, expect, it } from 'vitest';
import { DETAIL } from '../test-fixtures/library';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';
import {
  PROBLEM_KEYS,
  changedFields,
  fieldOfPath,
  formOfProject,
  patchBody,
  problemOf,
} from './library-form';

describe('the project form’s values and bodies', () => {
  it('sends only what the user changed, under the version they started from, keeping monthly plans', () => {
    const saved = {
      ...DETAIL.project,
      annualPlans: [{ year: 2023, planned: 30_000, monthly: Array(12).fill(2500) }],
    };
    const values = { ...formOfProject(saved), leader: '  示例领导 ', aliases: ['二期', ' '] };
    values.annualPlans = [
      { year: 2023, planned: 30_000 },
      { year: null, planned: null },
    ];
    expect(changedFields(values, saved)).toEqual(['aliases', 'leader']);
    expect(patchBody(values, saved, 3)).toEqual({ version: 3, aliases: ['二期'], leader: '示例领导' });
    values.annualPlans = [{ year: 2023, planned: 36_000 }];
    expect(patchBody(values, saved, 3)).toMatchObject({
      annualPlans: [{ year: 2023, planned: 36_000, monthly: Array(12).fill(2500) }],
    });
  });
});

describe('the server’s problems at their fields', () => {
  it('finds the field a path concerns', () => {
    expect(fieldOfPath('body.name')).toEqual(['name']);
    expect(fieldOfPath('history.0.date')).toEqual(['stageDate']);
    expect(fieldOfPath('body.stage')).toEqual(['stage']);
    expect(fieldOfPath('annualPlans.1.planned')).toEqual(['annualPlans', 1, 'planned']);
    expect(fieldOfPath('aliases.2')).toEqual(['aliases']);
    expect(fieldOfPath('milestones.0.stage')).toBeNull();
  });

  it('reads the server’s problem by its code and values, never by its words', () => {
    const of = (path: string, code: string | undefined, values?: Record<string, string | number>) =>
      problemOf({ path, message: '服务器的文字', ...(code ? { code } : {}), ...(values ? { values } : {}) });
    expect(of('library', 'unknownLibrary', { library: 'x' })).toMatchObject({
      name: ['library'],
      key: 'unknownLibrary',
    });
    expect(of('history.1.date', 'dateBefore', { date: '2022-03-01' })).toMatchObject({
      name: ['stageDate'],
      key: 'dateBefore',
      values: { date: '2022-03-01' },
    });
    expect(of('annualPlans.1.year', 'secondYear', { year: 2023 })).toMatchObject({
      name: ['annualPlans', 1, 'year'],
      key: 'secondYear',
      values: { year: 2023 },
    });
    expect(of('leadUnitId', 'unknownUnit').key).toBe('unknownUnit');
    expect(of('body.name', 'required').key).toBe('required');
    expect(of('body.name', 'tooLong', { max: 200 })).toMatchObject({ key: 'tooLong', values: { max: 200 } });
    expect(of('body.extra', 'unknownField')).toMatchObject({ name: null, key: 'unknownField' });
    // No code, or one the form does not know: the general words, whatever the server wrote.
    expect(of('parcel', undefined)).toMatchObject({ name: ['parcel'], key: 'invalid', values: {} });
    expect(of('parcel', 'somethingNew', { x: 1 })).toMatchObject({ key: 'invalid', values: {} });
  });

  it('has the office’s words for every code in both languages', () => {
    const zh: Record<string, string> = zhCN.library.form.problem;
    const english: Record<string, string> = en.library.form.problem;
    for (const key of PROBLEM_KEYS) {
      expect(zh[key], key).toMatch(/[\u4e00-\u9fff]/);
      expect(english[key], key).toMatch(/^[^\u4e00-\u9fff]*[a-z][^\u4e00-\u9fff]*$/);
    }
  });
});
