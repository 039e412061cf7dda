import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import type { Task } from '../plan/types.js';
import { parseCsv } from './csv.js';
import { htmlToText, parseDecidimResults } from './decidim.js';
import {
  deriveDecidimSource,
  formatDecidimResults,
  planToDecidimResults,
  sourcedDecidimResults,
} from './decidim-export.js';
import * as fx from './testing/fixtures.js';

/** Decidim's own fixtures, copied into the repository (test/fixtures/interop/decidim/README.md). */
const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/interop/decidim/${name}`, import.meta.url));

function catchError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected an AppError');
}

describe('parseDecidimResults', () => {
  it('reads valid_result.csv into 4 results with the parent resolved', () => {
    const parsed = parseDecidimResults(fixture('valid_result.csv'));
    expect(parsed.locale).toBe('en');
    expect(parsed.results.map((r) => [r.id, r.parentId, r.progress])).toEqual([
      [70, 69, 96],
      [71, 69, 31],
      [72, 69, 27],
      [69, null, 96],
    ]);
    const r70 = parsed.results[0]!;
    expect(r70.title).toEqual({ ca: 'test ca 70', en: 'test en 70', es: 'test es 70' });
    expect(r70).toMatchObject({
      startDate: '2020-05-26',
      endDate: '2020-06-05',
      statusId: 7,
      statusKey: 'status_1',
    });
    expect(r70.statusName).toEqual({ ca: 'dolore', en: 'quibusdam', es: 'expedita' });
    // Columns are found by name: this file orders category names en;ca;es.
    expect(parsed.results[3]!.categoryName.en).toBe('Et sunt nesciunt atque repudiandae.');
    expect(parsed.results[3]!.categoryName.ca).toBe('Tempore est consequuntur quasi asperiores.');
    expect(parsed.outline).toEqual([
      {
        key: 'result:69',
        sourceId: 69,
        parentKey: null,
        level: 1,
        title: 'test en 69',
        description: 'Omnis dolores sint. Voluptatum aliquid modi. Saepe aliquam et.',
        progress: 96,
        line: 5,
      },
    ]);
    expect(parsed.tasks.map((t) => [t.key, t.outlineKey, t.text, t.state, t.deadline])).toEqual([
      ['result:70', 'result:69', 'test en 70', 'in_progress', '2020-06-05'],
      ['result:71', 'result:69', 'test en 71', 'in_progress', '2020-06-05'],
      ['result:72', 'result:69', 'test en 72', 'in_progress', '2020-06-05'],
    ]);
    expect(parsed.tasks[1]!.description).toBe(
      'Asperiores porro omnis. Iusto repellat perferendis. Nesciunt non rerum.',
    );
  });

  it('gives exactly the 3 errors of invalid_result.csv, one per blank title, and nothing else', () => {
    const error = catchError(() => parseDecidimResults(fixture('invalid_result.csv')));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.details).toEqual([
      { path: '第2行，title/en', message: 'title/en不能为空' },
      { path: '第3行，title/en', message: 'title/en不能为空' },
      { path: '第4行，title/en', message: 'title/en不能为空' },
    ]);
  });

  it('reports every bad line: dates, progress, status, unknown parent, duplicate id, field count', () => {
    const lines = fixture('valid_result.csv').toString('utf8').split('\n');
    const edit = (i: number, from: string, to: string) => (lines[i] = lines[i]!.replace(from, to));
    edit(1, ';2020-05-26;', ';2020-02-30;'); // line 2 start_date
    edit(2, ';31.0;', ';131;'); // line 3 progress
    edit(3, ';69;test ca 72', ';99;test ca 72'); // line 4 unknown parent
    edit(4, '69;16;', '70;16;'); // line 5 duplicate id (and 70..72's parent 69 vanishes)
    lines.push('73;;"";"";""');
    const error = catchError(() => parseDecidimResults(lines.join('\n'), { statusIds: [6, 7, 8] }));
    expect(error.details.map((d) => d.path)).toEqual([
      '第2行，start_date',
      '第3行，progress',
      '第5行，id',
      '第6行',
      '第2行，parent/id',
      '第3行，parent/id',
      '第4行，parent/id',
    ]);
    expect(error.details[2]!.message).toBe('id 70重复（第2行已有）');
  });

  it("undoes the exporter's leading ' escape and checks the component's statuses", () => {
    const text = [
      'id;parent/id;title/zh;description/zh;start_date;end_date;status/id;progress',
      `1;;'=A1+1;"<p>a &amp; b</p>";;;5;`,
    ].join('\n');
    const parsed = parseDecidimResults(text, { statusIds: [5] });
    expect(parsed.locale).toBe('zh');
    expect(parsed.tasks[0]).toMatchObject({ text: '=A1+1', description: 'a & b', state: 'not_started' });
    const error = catchError(() => parseDecidimResults(text, { statusIds: [6] }));
    expect(error.details).toEqual([{ path: '第2行，status/id', message: '状态5不是本模块的状态' }]);
  });

  it("reads Decidim 0.30's columns (taxonomies, reference, counts) by name, ignoring what it does not use", () => {
    const text = [
      'id;taxonomies/id;taxonomies/name;parent/id;title/en;title/zh;description/en;start_date;end_date;status/id;progress;created_at;updated_at;reference;children_count;comments_count;address;latitude;longitude',
      '12;"3, 4";"Mobility, Health";;Bike lanes;自行车道;<p>Paint them</p>;2025-01-01;2025-12-31;2;45.5;2025-01-02 10:00:00 UTC;2025-03-01 10:00:00 UTC;R-12;0;3;"Plaça 1; Barcelona";41.38;2.17',
    ].join('\n');
    const parsed = parseDecidimResults(text, { defaultLocale: 'zh' });
    expect(parsed.tasks).toEqual([
      expect.objectContaining({
        sourceId: 12,
        text: '自行车道',
        description: 'Paint them',
        progress: 45.5,
        deadline: '2025-12-31',
      }),
    ]);
  });

  it('refuses a GBK file, a missing id column and an empty file with clear errors', () => {
    const gbk = iconv.encode('id;title/zh\n1;推动科兴生物疫苗质量研究中心等40个项目签约落地\n', 'gbk');
    let error = catchError(() => parseDecidimResults(gbk));
    expect(error.code).toBe('UNSUPPORTED_FORMAT');
    expect(error.message).toContain(
      '结果CSV文件不是UTF-8编码（看起来是GB18030）：Decidim导出的是UTF-8，请另存为UTF-8后上传',
    );
    error = catchError(() => parseDecidimResults('title/en;progress\nx;1'));
    expect(error.details).toEqual([{ path: '第1行，id', message: '缺少“id”列' }]);
    error = catchError(() => parseDecidimResults(''));
    expect(error.details[0]!.path).toBe('第1行');
  });
});

describe('formatDecidimResults', () => {
  it('round-trips valid_result.csv through its own parser', () => {
    const first = parseDecidimResults(fixture('valid_result.csv'));
    const text = formatDecidimResults(first.results, ['ca', 'en', 'es']);
    const second = parseDecidimResults(text);
    expect(second.results).toEqual(first.results.map((r, i) => ({ ...r, line: i + 2 })));
    expect(second.outline.map((n) => n.key)).toEqual(['result:69']);
  });

  it("writes the exporter's column set in its order, with Ruby's quoting", () => {
    const original = fixture('valid_result.csv').toString('utf8').split('\n');
    const invalidHeader = fixture('invalid_result.csv').toString('utf8').split('\n')[0];
    const lines = formatDecidimResults(parseDecidimResults(original.join('\n')).results, [
      'ca',
      'en',
      'es',
    ]).split('\n');
    expect(lines[0]).toBe(invalidHeader);
    // Result 70 has no category: its line is byte for byte the one Decidim exported.
    expect(lines[1]).toBe(original[1]);
  });
});

describe('planToDecidimResults', () => {
  it('writes chapters as parents and tasks as children, which parse back into the same tree', () => {
    const { results, sourceOf } = planToDecidimResults({
      outline: fx.outline,
      tasks: fx.tasks,
      startDate: '2022-01-01',
    });
    expect(results.map((r) => [r.id, r.parentId])).toEqual([
      [1, null],
      [2, 1],
      [3, 1],
      [4, 1],
      [5, 1],
      [6, 1],
      [7, 1],
    ]);
    expect(sourceOf.get(1)).toEqual({ kind: 'outline', id: 2 });
    expect(sourceOf.get(4)).toEqual({ kind: 'task', id: 103 });
    expect(results[0]!.progress).toBe(Math.round(((60 + 100 + 30 + 0 + 80 + 40) / 6) * 100) / 100);
    const text = formatDecidimResults(results, ['zh']);
    const parsed = parseDecidimResults(text);
    expect(parsed.outline.map((n) => n.title)).toEqual(['2022年重点任务']);
    expect(parsed.tasks.map((t) => t.text)).toEqual(fx.tasks.map((t) => t.text));
    expect(parsed.tasks.map((t) => t.state)).toEqual([
      'in_progress',
      'done',
      'in_progress',
      'not_started',
      'in_progress',
      'in_progress',
    ]);
    expect(parsed.tasks[0]).toMatchObject({ startDate: '2022-01-01', deadline: '2022-12-31', progress: 60 });
    // The CSV has the 0.22–0.29 exporter's columns.
    expect(parseCsv(text, ';').records[0]!.fields.map((f) => f.value)).toEqual([
      'id',
      'category/id',
      'category/name/zh',
      'scope/id',
      'scope/name/zh',
      'parent/id',
      'title/zh',
      'description/zh',
      'start_date',
      'end_date',
      'status/id',
      'status/key',
      'status/name/zh',
      'progress',
      'created_at',
      'url',
      'component/id',
      'proposal_urls',
    ]);
  });
});

describe('htmlToText', () => {
  it('keeps paragraphs as lines and decodes entities', () => {
    expect(htmlToText('<p>一&amp;二</p><p>三<br>四 &lt;五&gt;</p>')).toBe('一&二\n三\n四 <五>');
  });
});

describe('Decidim conformance (issue 12.11)', () => {
  it('answers an impossible date with BAD_INPUT at its line and column, not a crash', () => {
    const text = fixture('valid_result.csv')
      .toString('utf8')
      .replace(';2020-05-26;2020-06-05;', ';2020-13-01;2020-06-05;');
    const error = catchError(() => parseDecidimResults(text));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.details).toContainEqual({
      path: '第2行，start_date',
      message: 'start_date应为日期，写作YYYY-MM-DD（填的是“2020-13-01”）',
    });
  });

  it('names a CSV syntax error by line and column name', () => {
    const text = 'id;title/en;description/en\n1;a;"<p>open\n2;b;c';
    expect(catchError(() => parseDecidimResults(text)).details).toContainEqual({
      path: '第2行，description/en',
      message: '引号没有闭合',
    });
  });

  it.each(['valid.csv', 'invalid.csv', 'exported.csv', 'empty_example.csv'])(
    "refuses Decidim 2017's comma-separated %s, naming the format",
    (name) => {
      const error = catchError(() => parseDecidimResults(fixture(`legacy-2017/${name}`)));
      expect(error.code).toBe('UNSUPPORTED_FORMAT');
      expect(error.message).toMatch(/^这是Decidim 2017年导入程序的逗号分隔结果格式/);
      expect(error.details).toEqual([{ path: '第1行', message: expect.stringContaining('2017') }]);
    },
  );

  it("lists the columns it drops (Decidim 0.30's taxonomies, counts and place)", () => {
    const text = [
      'id;taxonomies/id;taxonomies/name;parent/id;title/en;start_date;end_date;progress;updated_at;reference;children_count;comments_count;address;latitude;longitude',
      '12;"3, 4";"Mobility, Health";;Bike lanes;2025-01-01;2025-12-31;45.5;2025-03-01 10:00:00 UTC;R-12;0;3;Plaça 1;41.38;2.17',
    ].join('\n');
    expect(parseDecidimResults(text).dropped).toEqual([
      'taxonomies/id',
      'taxonomies/name',
      'updated_at',
      'reference',
      'children_count',
      'comments_count',
      'address',
      'latitude',
      'longitude',
    ]);
    expect(parseDecidimResults(fixture('valid_result.pr6028-intermediate.csv')).dropped).toEqual([]);
  });

  it.each(['valid_result.csv', 'valid_result.pr6028-intermediate.csv'])(
    'writes %s back byte for byte: ids, untrimmed titles, "" and nothing, every locale',
    (name) => {
      const original = fixture(name).toString('utf8');
      const parsed = parseDecidimResults(original);
      const options = { columns: parsed.columns, finalEol: parsed.finalEol };
      expect(formatDecidimResults(parsed.results, parsed.locales, options)).toBe(original);
    },
  );

  describe('sourcedDecidimResults', () => {
    const drafts = parseDecidimResults(fixture('valid_result.csv'));
    // The plan the import makes: result 69 a chapter (node 1), 70–72 its tasks 11–13.
    const outline = [{ ...fx.outline[0]!, id: 1, title: 'test en 69' }];
    const taskOf = (id: number, resultId: number): Task => {
      const draft = drafts.tasks.find((t) => t.sourceId === resultId)!;
      return {
        ...fx.tasks[0]!,
        id,
        outlineNodeId: 1,
        text: draft.text,
        progress: draft.progress!,
        deadline: draft.deadline,
      };
    };
    const tasks = [taskOf(11, 70), taskOf(12, 71), taskOf(13, 72)];
    const items = new Map<string, { kind: 'outline' | 'task'; id: number }>([
      ['result:69', { kind: 'outline', id: 1 }],
      ['result:70', { kind: 'task', id: 11 }],
      ['result:71', { kind: 'task', id: 12 }],
      ['result:72', { kind: 'task', id: 13 }],
    ]);
    const source = deriveDecidimSource(drafts, (key) => items.get(key));
    const write = (plan: { outline: typeof outline; tasks: Task[] }) =>
      formatDecidimResults(sourcedDecidimResults(plan, source), source.locales, {
        columns: source.columns,
        finalEol: source.finalEol,
      });

    it('writes an unchanged plan back as the very file it came from', () => {
      expect(write({ outline, tasks })).toBe(fixture('valid_result.csv').toString('utf8'));
    });

    it("keeps Decidim's ids and fields, brings Luoshi's progress, end date and edited titles, numbers new tasks above", () => {
      const edited = [
        { ...tasks[0]!, progress: 50, deadline: '2020-07-31' },
        { ...tasks[1]!, text: '自行车道建设' },
        // task 13 (result 72) was deleted in Luoshi; a new task was added under the chapter.
        { ...tasks[0]!, id: 14, text: '新增任务', progress: 10, deadline: null },
      ];
      const results = sourcedDecidimResults({ outline, tasks: edited }, source);
      expect(results.map((r) => [r.id, r.parentId, r.progress, r.endDate])).toEqual([
        [70, 69, 50, '2020-07-31'],
        [71, 69, 31, '2020-06-05'],
        [69, null, Math.round(((50 + 31 + 10) / 3) * 100) / 100, drafts.results[3]!.endDate],
        [73, 69, 10, null],
      ]);
      expect(results[0]!.title).toEqual(drafts.results[0]!.title);
      expect(results[1]!.title).toEqual({ ...drafts.results[1]!.title, en: '自行车道建设' });
      const kept = ({ line: _l, title: _t, progress: _p, endDate: _e, ...rest }: (typeof results)[number]) =>
        rest;
      expect(kept(results[0]!)).toEqual(kept(drafts.results[0]!));
      expect(results[0]).toMatchObject({ startDate: '2020-05-26', statusId: 7, statusKey: 'status_1' });
      expect(results[3]!.title).toEqual({ en: '新增任务' });
    });
  });
});
