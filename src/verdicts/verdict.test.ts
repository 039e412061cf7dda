import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import {
  derivePublicVerdict,
  deriveVerdictExportRow,
  getCurrentVerdict,
  giveVerdict,
  listPublicEvidence,
  startVerdictRecord,
  VERDICT_LABELS,
  VERDICTS,
} from './verdict.js';
import type { VerdictContext, VerdictInput, VerdictRecord } from './verdict.js';
import { supervisor, unitReporter } from './test-fixtures.js';

const subject = { type: 'task' as const, id: 7, planId: 1 };
const PUBLISHED = '2022-03-01T00:00:00.000Z';
const running: VerdictContext = { health: 'on_track', state: 'in_progress' };

function record(): VerdictRecord {
  return startVerdictRecord(subject, PUBLISHED);
}

function give(r: VerdictRecord, input: VerdictInput, context = running, at = '2022-07-05T09:00:00.000Z') {
  return giveVerdict(r, input, context, supervisor, at).record;
}

function errorOf(fn: () => unknown): { code: string; paths: string[] } {
  try {
    fn();
  } catch (error) {
    if (isAppError(error)) return { code: error.code, paths: error.details.map((d) => d.path) };
    throw error;
  }
  throw new Error('did not throw');
}

describe('giveVerdict', () => {
  it('starts at 尚未评估 and keeps each verdict with its date', () => {
    let r = record();
    expect(getCurrentVerdict(r).verdict).toBe('not_rated');
    r = give(r, { verdict: 'on_track' });
    r = give(
      r,
      { verdict: 'behind', note: '拆迁未按计划完成' },
      { health: 'behind', state: 'in_progress' },
      '2022-09-01T09:00:00.000Z',
    );
    expect(r.entries.map((e) => e.verdict)).toEqual(['not_rated', 'on_track', 'behind']);
    expect(r.entries.map((e) => e.at.slice(0, 10))).toEqual(['2022-03-01', '2022-07-05', '2022-09-01']);
  });

  it('不再推进 requires its public reason', () => {
    expect(errorOf(() => give(record(), { verdict: 'dropped' }))).toEqual({
      code: 'BAD_INPUT',
      paths: ['note'],
    });
    const r = give(record(), { verdict: 'dropped', note: '该地块调整为公园绿地，经区政府研究不再建设' });
    expect(getCurrentVerdict(r).note).toBe('该地块调整为公园绿地，经区政府研究不再建设');
  });

  it('调整 requires the new promise in words and a note; a new deadline must be a date', () => {
    expect(
      errorOf(() =>
        give(record(), { verdict: 'adjusted', newPromise: { text: ' ', deadline: '2022-13-01' } }),
      ),
    ).toEqual({
      code: 'BAD_INPUT',
      paths: ['newPromise.text', 'newPromise.deadline', 'note'],
    });
    const r = give(record(), {
      verdict: 'adjusted',
      note: '经区政府常务会议研究调整',
      newPromise: { text: '年内完成改造50个小区，其余2023年6月底前完成', deadline: '2023-06-30' },
    });
    expect(getCurrentVerdict(r).newPromise).toEqual({
      text: '年内完成改造50个小区，其余2023年6月底前完成',
      deadline: '2023-06-30',
      value: null,
    });
  });

  it('已完成 needs the work finished and a note', () => {
    expect(errorOf(() => give(record(), { verdict: 'done', note: '已建成投用' })).code).toBe('CONFLICT');
    expect(
      errorOf(() => give(record(), { verdict: 'done' }, { health: 'done', state: 'closed' })).paths,
    ).toEqual(['note']);
    const r = give(
      record(),
      { verdict: 'done', note: '已建成投用', evidenceIds: [31, 31, 32] },
      { health: 'done', state: 'closed' },
    );
    expect(getCurrentVerdict(r).evidenceIds).toEqual([31, 32]);
    // A target is finished when its health is done.
    expect(
      getCurrentVerdict(give(record(), { verdict: 'done', note: '已实现' }, { health: 'done' })).verdict,
    ).toBe('done');
  });

  it('a verdict against the computed health needs a public note', () => {
    const behind: VerdictContext = { health: 'behind', state: 'in_progress' };
    expect(errorOf(() => give(record(), { verdict: 'on_track' }, behind))).toEqual({
      code: 'BAD_INPUT',
      paths: ['note'],
    });
    expect(
      getCurrentVerdict(
        give(record(), { verdict: 'on_track', note: '6月数据尚未入统，实际已完成过半' }, behind),
      ).verdict,
    ).toBe('on_track');
    expect(errorOf(() => give(record(), { verdict: 'behind' }, running)).paths).toEqual(['note']);
  });

  it('cannot go back to 尚未评估 once rated; leaving 已完成 or 不再推进 needs a note', () => {
    const rated = give(record(), { verdict: 'on_track' });
    expect(errorOf(() => give(rated, { verdict: 'not_rated' })).paths).toEqual(['verdict']);
    const dropped = give(record(), { verdict: 'dropped', note: '不再建设' });
    expect(errorOf(() => give(dropped, { verdict: 'on_track' })).paths).toEqual(['note']);
  });

  it('refuses the same verdict with nothing new, an unknown verdict, and anyone but the plan office', () => {
    const rated = give(record(), { verdict: 'on_track' });
    expect(errorOf(() => give(rated, { verdict: 'on_track' })).code).toBe('CONFLICT');
    expect(errorOf(() => give(record(), { verdict: 'kept' as never })).paths).toEqual(['verdict']);
    expect(
      errorOf(() => giveVerdict(record(), { verdict: 'on_track' }, running, unitReporter, PUBLISHED)).code,
    ).toBe('FORBIDDEN');
  });

  it('records the verdict in the audit trail with the note as the reason', () => {
    const { event } = giveVerdict(
      record(),
      { verdict: 'dropped', note: '不再建设' },
      running,
      supervisor,
      PUBLISHED,
    );
    expect(event).toMatchObject({
      action: 'verdict.give',
      entity: { type: 'task', id: 7 },
      before: { verdict: 'not_rated' },
      after: { verdict: 'dropped' },
      reason: '不再建设',
    });
  });
});

describe('the public side of verdicts', () => {
  const history = () => {
    let r = record();
    r = give(r, { verdict: 'on_track', evidenceIds: [4] });
    r = give(
      r,
      { verdict: 'behind', note: '拆迁滞后', evidenceIds: [4, 5] },
      { health: 'behind' },
      '2022-09-01T09:00:00.000Z',
    );
    return r;
  };

  it('shows the current verdict and the history newest first, without who gave them', () => {
    const view = derivePublicVerdict(history());
    expect(view.current).toMatchObject({
      verdict: 'behind',
      label: '滞后',
      on: '2022-09-01',
      note: '拆迁滞后',
    });
    expect(view.history.map((h) => h.verdict)).toEqual(['behind', 'on_track', 'not_rated']);
    expect(JSON.stringify(view)).not.toMatch(/"by"|userId/);
  });

  it('lists every evidence made public once', () => {
    expect(listPublicEvidence(history())).toEqual([4, 5]);
  });

  it('exports as open data columns with the words', () => {
    expect(deriveVerdictExportRow(history())).toEqual({
      verdict: 'behind',
      verdict_label: '滞后',
      verdict_on: '2022-09-01',
      verdict_note: '拆迁滞后',
      new_promise: '',
      verdict_changes: 2,
    });
  });

  it('every verdict has its public words', () => {
    expect(VERDICTS.map((v) => VERDICT_LABELS[v])).toEqual([
      '尚未评估',
      '按计划推进',
      '滞后',
      '调整',
      '不再推进',
      '已完成',
    ]);
  });
});
