import { describe, expect, it } from 'vitest';
import { searchCommitments, sentenceAround, toCsv, type Commitment } from './commitments';

const row = (over: Partial<Commitment>): Commitment => ({
  key: 'task:1',
  kind: 'task',
  id: 1,
  title: '推进回天地区建设',
  source: '推进回天地区建设，新增学位2000个。',
  status: 'in_progress',
  leadUnit: '区发展改革委',
  deadline: '2022-12-31',
  start: 0,
  ...over,
});

describe('toCsv', () => {
  it('starts with a BOM and quotes fields with commas, quotes and newlines', () => {
    const csv = toCsv([row({ source: '他说"好",然后\n走了' })]);
    expect(csv.startsWith('\uFEFFkind,id,title')).toBe(true);
    expect(csv).toContain('"他说""好"",然后\n走了"');
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(3);
  });
});

describe('searchCommitments', () => {
  it('finds by title, source or unit', () => {
    const rows = [
      row({}),
      row({ key: 'task:2', id: 2, title: '森林覆盖率', source: '森林覆盖率48.5%以上', leadUnit: null }),
    ];
    expect(searchCommitments(rows, '学位').map((r) => r.id)).toEqual([1]);
    expect(searchCommitments(rows, '森林').map((r) => r.id)).toEqual([2]);
    expect(searchCommitments(rows, '发展改革').map((r) => r.id)).toEqual([1]);
    expect(searchCommitments(rows, '  ')).toHaveLength(2);
  });
});

describe('sentenceAround', () => {
  it('widens a span to its whole sentence', () => {
    const text = '一、回顾。推进小米科技、北新建材等40个项目签约落地。二、任务';
    const start = text.indexOf('小米科技');
    expect(sentenceAround(text, [start, start + 4])).toBe('推进小米科技、北新建材等40个项目签约落地。');
  });

  it('stops at the ends of the text', () => {
    expect(sentenceAround('建设项目', [0, 2])).toBe('建设项目');
  });
});
