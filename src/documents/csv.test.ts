import { describe, expect, it } from 'vitest';
import { formatCsv, parseCsv, unescapeCsvFormula } from './csv.js';
import { parseDeadline } from './dates.js';
import { sniffUpload } from './sniff.js';
import iconv from 'iconv-lite';

describe('parseCsv', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks, and keeps line numbers', () => {
    const { records, errors } = parseCsv('\ufeffa;b\r\n"x;y";"say ""hi"""\n"two\nlines";\n3;4', ';');
    expect(errors).toEqual([]);
    expect(records.map((r) => [r.line, r.fields.map((f) => f.value)])).toEqual([
      [1, ['a', 'b']],
      [2, ['x;y', 'say "hi"']],
      [3, ['two\nlines', '']],
      [5, ['3', '4']],
    ]);
  });

  it('tells an empty quoted field from an empty one', () => {
    const { records } = parseCsv(';""', ';');
    expect(records[0]!.fields).toEqual([
      { value: '', quoted: false },
      { value: '', quoted: true },
    ]);
  });

  it('reports an unterminated quote with the line and field it opens in, keeping the records before', () => {
    const { records, errors } = parseCsv('a\nx,"open\nc');
    expect(errors).toEqual([{ line: 2, column: 2, message: '引号没有闭合' }]);
    expect(records.map((r) => r.fields.map((f) => f.value))).toEqual([['a']]);
  });

  it('reports stray quotes with their line and field', () => {
    expect(parseCsv('id;title\n1;"say"hi\n2;x', ';').errors).toEqual([
      { line: 2, column: 2, message: '字段的右引号后还有文字：请用引号括住整个字段' },
    ]);
    expect(parseCsv('id;title\n1;x\n2;a"b', ';').errors).toEqual([
      {
        line: 3,
        column: 2,
        message: '未加引号的字段中有引号：请用引号括住该字段，字段中的引号写两次（""）',
      },
    ]);
  });

  it('numbers lines across CR, LF and CRLF line ends and line breaks inside quotes', () => {
    const { records } = parseCsv('a;b\r"two\r\nlines";c\r\n\r\n"three\rlines\n";d\ne;f', ';');
    expect(records.map((r) => [r.line, r.fields.map((f) => f.value)])).toEqual([
      [1, ['a', 'b']],
      [2, ['two\r\nlines', 'c']],
      [4, ['']],
      [5, ['three\rlines\n', 'd']],
      [8, ['e', 'f']],
    ]);
  });

  it('numbers lines of Chinese text, and of characters beyond the BMP, as they are', () => {
    const { records } = parseCsv('街道（镇）,社区\n江宁路街道,"蒋家巷\n社区"\n𠀋村,甲\n彭浦镇,乙');
    expect(records.map((r) => [r.line, r.fields[0]?.value])).toEqual([
      [1, '街道（镇）'],
      [2, '江宁路街道'],
      [4, '𠀋村'],
      [5, '彭浦镇'],
    ]);
  });
});

describe('formatCsv', () => {
  it('quotes only what needs it, escapes formulas, adds a BOM and CRLF on request', () => {
    const text = formatCsv(
      [
        ['名称', '值'],
        ['=1+1', -3],
        ['a,b', null],
        ['', 'x"y'],
      ],
      { bom: true },
    );
    expect(text).toBe('\ufeff名称,值\r\n\'=1+1,-3\r\n"a,b",\r\n"","x""y"\r\n');
    expect(unescapeCsvFormula("'=1+1")).toBe('=1+1');
    expect(unescapeCsvFormula("'s Hertogenbosch")).toBe("'s Hertogenbosch");
  });

  it('writes nothing for null and a non-finite number, true/false for booleans, and can leave off the last line end', () => {
    expect(formatCsv([[null, undefined, Number.NaN, true, false, 0]], { delimiter: ';', eol: '\n' })).toBe(
      ';;;true;false;0\n',
    );
    expect(formatCsv([['a'], ['b']], { eol: '\n', finalEol: false })).toBe('a\nb');
    expect(formatCsv([['-x', '+1', '@a', 'a=b']], { escapeFormulas: false })).toBe('-x,+1,@a,a=b\r\n');
    expect(formatCsv([['-x', '+1', '@a', 'a=b', '\t1']])).toBe("'-x,'+1,'@a,a=b,\t1\r\n");
    expect(formatCsv([], { bom: true })).toBe('\ufeff');
  });

  it('round-trips through parseCsv', () => {
    const rows = [
      ['id', 'text'],
      ['1', '推动2022年供应产业用地2500亩以上；"两区"建设\n第二行'],
    ];
    const parsed = parseCsv(formatCsv(rows, { delimiter: ';' }), ';');
    expect(parsed.records.map((r) => r.fields.map((f) => f.value))).toEqual(rows);
  });
});

describe('sniffUpload', () => {
  it('names what a file is from its bytes', () => {
    expect(sniffUpload(Buffer.from('序号,任务\n1,推进\n'))).toEqual({ kind: 'text', encoding: 'UTF-8' });
    const gbk = sniffUpload(
      iconv.encode('序号,任务内容,牵头单位\n1,制定实施产业用地供应三年行动计划,区规划自然资源分局\n', 'gbk'),
    );
    expect(gbk.kind).toBe('text');
    expect(gbk.encoding).toMatch(/GB/);
    expect(sniffUpload(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])).kind).toBe('ole');
    expect(sniffUpload(Buffer.from('%PDF-1.7\n')).kind).toBe('pdf');
    expect(sniffUpload(new Uint8Array()).kind).toBe('empty');
  });
});

describe('parseDeadline', () => {
  it.each([
    ['2022-06-30', '2022-06-30'],
    ['2022/6/30', '2022-06-30'],
    ['2022.6.30', '2022-06-30'],
    ['2022年6月30日', '2022-06-30'],
    ['2022年6月底', '2022-06-30'],
    ['2022年2月', '2022-02-28'],
    ['2022年底', '2022-12-31'],
    ['2022年上半年', '2022-06-30'],
    ['2022年13月', undefined],
    ['2022-02-30', undefined],
    ['尽快', undefined],
  ])('%s → %s', (text, iso) => {
    expect(parseDeadline(text)).toBe(iso);
  });
});
