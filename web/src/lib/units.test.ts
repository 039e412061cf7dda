import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';
import {
  USAGE_KEYS,
  deriveAreaChoices,
  deriveMoved,
  deriveRefusal,
  validateUnitArea,
  validateUnitName,
} from './units';

const UNITS = [
  { id: 1, name: '区科委' },
  { id: 2, name: '区财政局' },
];

describe('validateUnitName', () => {
  it('requires a name of at most 100 characters that no other unit has', () => {
    expect(validateUnitName('  ', UNITS)).toEqual({ key: 'admin.required' });
    expect(validateUnitName('局'.repeat(101), UNITS)).toEqual({
      key: 'todo.noteTooLong',
      values: { max: 100 },
    });
    expect(validateUnitName(' 区财政局 ', UNITS, 1)).toEqual({
      key: 'admin.unitNameTaken',
      values: { name: '区财政局' },
    });
    expect(validateUnitName('区科委', UNITS, 1)).toBeUndefined();
    expect(validateUnitName('区科学技术委员会', UNITS)).toBeUndefined();
  });
});

describe('deriveRefusal', () => {
  it('turns the counts, clashes and taken names of a 409 into lines, with a hint for requests', () => {
    const error = new ApiError(409, 'CONFLICT', 'in use', [
      { path: 'usage.tasksLed', message: '3 tasks it leads' },
      { path: 'usage.catalogueRows', message: '2 rows of the dispatch catalogue in force' },
      { path: 'reports.7.2022-03', message: 'reported by both units' },
      { path: 'body.name', message: 'already taken' },
      { path: 'usage.somethingNew', message: '1 thing' },
    ]);
    expect(deriveRefusal(error)).toEqual([
      { key: 'admin.usage.tasksLed', values: { count: 3 } },
      { key: 'admin.usage.catalogueRows', values: { count: 2 } },
      { key: 'admin.reportClash', values: { period: '2022-03' } },
      { key: 'admin.unitNameTakenServer' },
      { key: 'admin.requestsHint' },
    ]);
  });

  it('says which area a unit governs, or why the area it was given was refused', () => {
    const error = new ApiError(409, 'CONFLICT', 'governs', [
      { path: 'area', message: 'governs 东湖街道' },
      { path: 'body.area', message: 'governed by unit 7' },
      { path: 'body.area', message: 'a department governs no area' },
      { path: 'body.area', message: 'not a street or town of 示范区' },
    ]);
    expect(deriveRefusal(error)).toEqual([
      { key: 'admin.governsArea', values: { area: '东湖街道' } },
      { key: 'admin.areaTakenServer' },
      { key: 'admin.areaNotTerritorial' },
      { key: 'admin.areaInvalid' },
    ]);
    for (const key of ['governsArea', 'areaTakenServer', 'areaNotTerritorial', 'areaInvalid'] as const) {
      expect(zhCN.admin[key], key).toBeTruthy();
      expect(en.admin[key], key).toBeTruthy();
    }
  });

  it('explains a merge refused for a catalogue version scheduled for later, dated in each language', async () => {
    const error = new ApiError(409, 'CONFLICT', 'scheduled', [
      { path: 'catalogue.3', message: 'scheduled for 2026-12-31T16:00:00.000Z' },
      { path: 'catalogue.4', message: 'something else' },
    ]);
    const at = new Date('2026-12-31T16:00:00.000Z');
    const lines = deriveRefusal(error);
    expect(lines).toEqual([
      { key: 'admin.catalogueScheduled', values: { version: 3, at } },
      { key: 'admin.catalogueScheduledUndated', values: { version: 4 } },
    ]);
    const i18n = i18next.createInstance();
    await i18n.init({
      resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
      lng: 'en',
      interpolation: { escapeValue: false },
    });
    for (const lng of ['zh-CN', 'en']) {
      const [dated, undated] = lines.map((line) => i18n.t(line.key, { ...line.values, lng }));
      expect(dated).toContain('3');
      expect(dated).toContain(new Intl.DateTimeFormat(lng).format(at));
      expect(undated).toContain('4');
      expect(undated).not.toMatch(/\{\{/);
    }
  });

  it('gives nothing for errors without reasons', () => {
    expect(
      deriveRefusal(new ApiError(409, 'CONFLICT', 'stale', [{ path: 'expectedVersion', message: 'x' }])),
    ).toEqual([]);
    expect(deriveRefusal(new Error('boom'))).toEqual([]);
  });
});

describe('deriveAreaChoices', () => {
  it('names the other office of a governed area, and keeps the unit’s own area first when unlisted', () => {
    const units = [
      { id: 1, name: '东湖街道党群服务中心', area: '东湖街道' },
      { id: 2, name: '西山街道办事处', area: '西山街道' },
      { id: 3, name: '区科委' },
    ];
    expect(deriveAreaChoices(['东湖街道', '西山街道', '北岭街道'], units, 1)).toEqual([
      { area: '东湖街道' },
      { area: '西山街道', governedBy: { id: 2, name: '西山街道办事处' } },
      { area: '北岭街道' },
    ]);
    expect(deriveAreaChoices(['西山街道'], units, 1).map((c) => c.area)).toEqual(['东湖街道', '西山街道']);
  });
});

describe('validateUnitArea', () => {
  const choices = [{ area: '东湖街道' }, { area: '西山街道', governedBy: { id: 2, name: '西山街道办事处' } }];
  it('takes no area, any area for a kind that governs none, and a free area of the list', () => {
    expect(validateUnitArea(undefined, 'street', choices)).toBeUndefined();
    expect(validateUnitArea('西山街道', 'department', choices)).toBeUndefined();
    expect(validateUnitArea('东湖街道', 'town', choices)).toBeUndefined();
  });
  it('names the office that governs a chosen area, and refuses an area not in the list', () => {
    expect(validateUnitArea('西山街道', 'street', choices)).toEqual({
      key: 'admin.areaTaken',
      values: { area: '西山街道', name: '西山街道办事处' },
    });
    expect(validateUnitArea('朝阳区', 'street', choices)).toEqual({ key: 'admin.areaInvalid' });
  });
});

describe('deriveMoved', () => {
  it('lists the non-zero counts of a merge, in the server order', () => {
    const moved = Object.fromEntries(USAGE_KEYS.map((key) => [key, 0])) as Record<
      (typeof USAGE_KEYS)[number],
      number
    >;
    expect(deriveMoved({ ...moved, users: 2, tasksLed: 1 })).toEqual([
      { key: 'admin.usage.tasksLed', values: { count: 1 } },
      { key: 'admin.usage.users', values: { count: 2 } },
    ]);
  });

  it('has a line for every kind of reference in both languages', () => {
    for (const key of USAGE_KEYS) {
      expect(zhCN.admin.usage[key], key).toMatch(/\{\{count\}\}/);
      expect(en.admin.usage[key], key).toMatch(/\{\{count\}\}/);
    }
  });
});
