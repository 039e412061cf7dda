import { describe, expect, it } from 'vitest';
import { boundaryProblemMessage, boundaryProblemPath } from '../../../src/contract/boundary';
import {
  MAX_LISTED,
  checkBoundaryText,
  lineColumn,
  serverBoundaryProblem,
  serverBoundaryProblems,
} from './library-boundary';

const ring = (x: number) => [
  [x, 40],
  [x + 0.1, 40],
  [x + 0.1, 40.1],
  [x, 40],
];
const feature = (name: string, geometry: unknown) => ({ type: 'Feature', properties: { name }, geometry });
const collection = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

describe('checkBoundaryText', () => {
  it('takes a collection of polygons and multipolygons, a Windows byte-order mark allowed', () => {
    const text = collection(
      feature('甲街道', { type: 'Polygon', coordinates: [ring(116)] }),
      feature('乙镇', { type: 'MultiPolygon', coordinates: [[ring(116.2)], [ring(116.4)]] }),
    );
    expect(checkBoundaryText(`\uFEFF${text}`)).toMatchObject({
      ok: true,
      features: 2,
      names: ['甲街道', '乙镇'],
    });
  });

  it('says where a broken text stops, by line and column', () => {
    expect(lineColumn('ab\ncd')).toEqual({ line: 2, column: 3 });
    const broken = checkBoundaryText(
      '{\n  "type": "FeatureCollection",\n  "features": [\n    { "type": "Feature" ]\n}',
    );
    expect(broken).toEqual({
      ok: false,
      problems: [{ key: 'notJsonAt', values: { line: 4, column: 25 } }],
      more: 0,
    });
    expect(checkBoundaryText('{"type": "FeatureCollection", ')).toMatchObject({
      problems: [{ key: expect.stringMatching(/^notJson/) }],
    });
    expect(checkBoundaryText('  ')).toMatchObject({ problems: [{ key: 'empty' }] });
  });

  it('names the feature, ring and point of what the map cannot draw', () => {
    const open = [...ring(116).slice(0, 3), [116.05, 40.05]];
    const result = checkBoundaryText(
      collection(
        feature('甲街道', { type: 'Polygon', coordinates: [open] }),
        feature('乙镇', { type: 'LineString', coordinates: [[116, 40]] }),
        {
          type: 'Feature',
          properties: {},
          geometry: { type: 'MultiPolygon', coordinates: [[[[500000, 4400000], ...ring(116).slice(1)]]] },
        },
        feature('丁村', null),
      ),
    );
    expect(result).toEqual({
      ok: false,
      more: 0,
      problems: [
        { key: 'ringOpen', values: { n: 1, name: '甲街道', ring: 1 } },
        { key: 'notPolygon', values: { n: 2, name: '乙镇', kind: 'line' } },
        {
          key: 'badPoint',
          values: { n: 3, name: '#3', part: 1, ring: 1, point: 1, value: '[500000,4400000]' },
        },
        { key: 'ringOpen', values: { n: 3, name: '#3', part: 1, ring: 1 } },
        { key: 'noGeometry', values: { n: 4, name: '丁村' } },
      ],
    });
  });

  it('lists the first problems and counts the rest', () => {
    const points = Array.from({ length: MAX_LISTED + 3 }, (_, i) =>
      feature(`点${i}`, { type: 'Point', coordinates: [116, 40] }),
    );
    const result = checkBoundaryText(collection(...points));
    expect(result.ok === false && [result.problems.length, result.more]).toEqual([MAX_LISTED, 3]);
  });

  it('refuses what is not a collection, saying what it is', () => {
    expect(checkBoundaryText('{"type":"Feature"}')).toMatchObject({
      problems: [{ key: 'notCollectionType', values: { type: 'Feature' } }],
    });
    expect(checkBoundaryText(collection())).toMatchObject({ problems: [{ key: 'noFeatures' }] });
  });
});

describe('serverBoundaryProblem', () => {
  it('puts the server’s answers (the same check, src/contract/boundary.ts) in the same words', () => {
    // Every problem the check finds, as the server sends it, reads back as the browser found it.
    const text = collection(
      feature('甲街道', { type: 'Polygon', coordinates: [[...ring(116).slice(0, 3), [116.05, 40.05]]] }),
      feature('乙镇', { type: 'LineString', coordinates: [[116, 40]] }),
      feature('丙村', {
        type: 'MultiPolygon',
        coordinates: [[ring(116)], [[[500000, 4400000], ...ring(116).slice(1)]], []],
      }),
      feature('丁村', {
        type: 'Polygon',
        coordinates: [
          [
            [116, 40],
            [116.1, 40],
            [116, 40],
          ],
        ],
      }),
      feature('戊村', null),
    );
    const checked = checkBoundaryText(text);
    expect(checked.ok).toBe(false);
    const problems = checked.ok ? [] : checked.problems;
    expect(problems.map((p) => p.key)).toEqual([
      'ringOpen',
      'notPolygon',
      'badPoint',
      'ringOpen',
      'noRings',
      'ringShort',
      'noGeometry',
    ]);
    // As the server sends them (src/commands/library.ts): the key as the code, with its values.
    for (const p of problems)
      expect(
        serverBoundaryProblem({
          path: boundaryProblemPath(p),
          code: p.key,
          values: p.values,
          message: boundaryProblemMessage(p),
        }),
      ).toEqual(p);
    expect(boundaryProblemMessage(problems[0]!)).toBe('第1个区域（甲街道）第1圈首尾坐标不一致，未闭合');
    expect(serverBoundaryProblem({ path: 'body.file', message: '请选择边界文件（GeoJSON）' }).key).toBe(
      'empty',
    );
    expect(serverBoundaryProblem({ path: 'boundary', message: 'ringOpen: 旧的文字' }).key).toBe('unreadable');
    expect(
      serverBoundaryProblems([
        { path: 'boundary.features.0', code: 'noGeometry', values: { n: 1, name: '甲' }, message: '…' },
        { path: 'boundary', code: 'more', values: { count: 12 }, message: '另有12处问题未列出' },
      ]),
    ).toEqual({ problems: [{ key: 'noGeometry', values: { n: 1, name: '甲' } }], more: 12 });
  });
});
