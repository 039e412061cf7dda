import { describe, expect, it } from 'vitest';
import { DETAIL } from '../test-fixtures/library';
import { changedFields, fieldOfPath, formOfProject, patchBody, problemOf } from './library-form';

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

  it('reads the server’s English as a key of the office’s words', () => {
    const of = (path: string, message: string) => problemOf({ path, message });
    expect(of('library', 'unknown library "x"')).toMatchObject({ name: ['library'], key: 'unknownLibrary' });
    expect(
      of('history.1.date', '2022-01-01 is before 2022-03-01, the date of the stage before'),
    ).toMatchObject({
      key: 'dateBefore',
      values: { date: '2022-03-01' },
    });
    expect(of('annualPlans.1.year', 'a second plan for 2023')).toMatchObject({
      name: ['annualPlans', 1, 'year'],
      key: 'secondYear',
      values: { year: '2023' },
    });
    expect(of('leadUnitId', 'unknown unit 99').key).toBe('unknownUnit');
    expect(of('body.name', 'Too small: expected string to have >=1 characters').key).toBe('required');
    expect(of('body.name', 'Too big: expected string to have <=200 characters')).toMatchObject({
      key: 'tooLong',
      values: { max: '200' },
    });
    expect(of('body.extra', 'unknown field')).toMatchObject({ name: null, key: 'unknownField' });
    expect(of('parcel', 'something new')).toMatchObject({ name: ['parcel'], key: 'invalid' });
  });
});
