import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import * as echarts from 'echarts/core';
import type * as Renderers from 'echarts/renderers';
import { MemoryRouter, Route, Routes } from 'react-router';
import type { LibraryMap, PlanLibraryMatches } from '../api/library';
import type { Me } from '../api/types';
import { SessionProvider } from '../hooks/use-session';
import { keys } from '../hooks/use-plan-data';
import { BOUNDARY_MAP } from '../lib/library-map';
import { BOARD, PROJECTS, UNITS } from '../test-fixtures/library';
import LibraryBoundaryPage from './library-boundary-page';
import LibraryMatchesPage from './library-matches-page';
import LibraryPage from './library-page';

// jsdom draws no canvas: the charts' canvas renderer paints SVG here, through ECharts' own SVG painter.
vi.mock('echarts/renderers', async (importOriginal) => {
  const real = await importOriginal<typeof Renderers>();
  type Registers = Parameters<typeof real.SVGRenderer>[0];
  return {
    ...real,
    CanvasRenderer: (registers: Registers) =>
      real.SVGRenderer({
        ...registers,
        registerPainter: (_name: string, painter: unknown) =>
          registers.registerPainter('canvas', painter as Parameters<Registers['registerPainter']>[1]),
      }),
  };
});

const BOUNDARY_FILE = readFileSync(join(__dirname, '../test-fixtures/boundary.geojson'), 'utf8');

const MATCHES: PlanLibraryMatches = {
  planId: 1,
  year: 2022,
  byState: { pending: 2, matched: 1 },
  matches: [
    {
      id: 21,
      planProjectId: 101,
      name: '示例生物医药基地项目',
      step: '开工建设',
      kind: 'target',
      outcome: 'doubtful',
      confidence: 0.82,
      state: 'pending',
      libraryProjectId: null,
      libraryProjectName: null,
      targetStage: null,
      candidates: [
        {
          projectId: 7,
          name: '示例生物医药基地',
          library: 'major',
          stage: '开工',
          confidence: 0.82,
          via: 'contains',
        },
      ],
    },
    {
      id: 22,
      planProjectId: 102,
      name: '示例数据中心',
      step: '签约落地',
      kind: 'target',
      outcome: 'unmatched',
      confidence: 0,
      state: 'pending',
      libraryProjectId: null,
      libraryProjectName: null,
      targetStage: null,
      candidates: [],
    },
    {
      id: 23,
      planProjectId: 103,
      name: '示例新材料产业园',
      step: '建成投用',
      kind: 'achievement',
      outcome: 'matched',
      confidence: 1,
      state: 'matched',
      libraryProjectId: 8,
      libraryProjectName: '示例新材料产业园',
      targetStage: '建成投用',
      candidates: [],
    },
  ],
  promises: BOARD.promises,
};

const MAP: LibraryMap = {
  libraries: BOARD.libraries,
  stages: BOARD.stages,
  boundary: JSON.parse(BOUNDARY_FILE) as Record<string, unknown>,
  points: [
    {
      id: 7,
      name: '示例生物医药基地',
      library: 'major',
      stage: '开工',
      leadUnitId: 11,
      lng: 116.2,
      lat: 40.2,
      exited: false,
    },
    {
      id: 8,
      name: '示例新材料产业园',
      library: 'major',
      stage: '入库',
      leadUnitId: 12,
      lng: 116.4,
      lat: 40.15,
      exited: false,
    },
  ],
};

const reply = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

let writes: { method: string; path: string; body: unknown }[];
let answers: { status: number; body: unknown }[];
let map: LibraryMap;
let fetchSpy: MockInstance<typeof fetch>;

function fakeServer(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = new URL(String(input), 'http://localhost');
  const method = init?.method ?? 'GET';
  const path = url.pathname;
  if (method !== 'GET') {
    const body = init?.body instanceof FormData ? init.body : JSON.parse(String(init?.body ?? 'null'));
    writes.push({ method, path, body });
    const next = answers.shift() ?? { status: 200, body: {} };
    return Promise.resolve(reply(next.status, next.body));
  }
  if (path === '/api/v1/units') return Promise.resolve(reply(200, { ...UNITS, limit: 100, offset: 0 }));
  if (path === '/api/v1/library/board') return Promise.resolve(reply(200, BOARD));
  if (path === '/api/v1/library/map') return Promise.resolve(reply(200, map));
  if (path === '/api/v1/plans/1/library-matches') return Promise.resolve(reply(200, MATCHES));
  if (path === '/api/v1/library/projects') {
    const other = { ...PROJECTS.items[0]!, id: 8, name: '示例新材料产业园' };
    return Promise.resolve(reply(200, { items: [...PROJECTS.items, other], total: 2 }));
  }
  return Promise.resolve(reply(404, { error: { code: 'NOT_FOUND', message: 'NOT_FOUND', details: [] } }));
}

function renderAt(path: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const me: Me = {
    user: {
      id: 1,
      username: 'admin',
      displayName: '系统管理员',
      role: 'admin',
      unitIds: [],
      disabled: false,
      jurisdictionId: 1,
      seesDescendants: false,
    },
    csrfToken: 'csrf',
  };
  client.setQueryData(keys.me, me);
  render(
    <QueryClientProvider client={client}>
      <SessionProvider>
        <App>
          <MemoryRouter initialEntries={[path]}>
            <Routes>
              <Route path="/library" element={<LibraryPage />} />
              <Route path="/library/boundary" element={<LibraryBoundaryPage />} />
              <Route path="/plans/:planId/library-matches" element={<LibraryMatchesPage />} />
            </Routes>
          </MemoryRouter>
        </App>
      </SessionProvider>
    </QueryClientProvider>,
  );
}

/** antd puts a space between two Chinese characters on a button: 确认 reads "确 认". */
const named = (text: string) => new RegExp(`^${[...text].join('\\s?')}$`);

beforeEach(() => {
  writes = [];
  answers = [];
  map = { ...MAP, boundary: null };
  fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(fakeServer);
});
afterEach(() => {
  fetchSpy.mockRestore();
  vi.restoreAllMocks();
});

describe('the review of the report’s projects against the library', () => {
  it('accepts a proposal, picks another project, rejects a name, in office words', async () => {
    renderAt('/plans/1/library-matches');
    const first = (
      await screen.findByText('示例生物医药基地项目', {}, { timeout: 4000 })
    ).closest<HTMLElement>('tr, .ant-list-item')!;
    expect(first.textContent).toContain('相似度 82%，名称包含');
    expect(first.textContent).toContain('待审核');
    const second = screen.getByText('示例数据中心').closest<HTMLElement>('tr, .ant-list-item')!;
    expect(second.textContent).toContain('未找到相近项目');
    expect(within(second).queryByRole('button', { name: named('确认对应') })).toBeNull();
    expect(screen.queryByText('示例新材料产业园')).toBeNull(); // linked by itself: not waiting

    fireEvent.click(within(first).getByRole('button', { name: named('确认对应') }));
    await waitFor(() => expect(writes).toHaveLength(1), { timeout: 5000 });
    expect(writes[0]).toEqual({
      method: 'POST',
      path: '/api/v1/plans/1/library-matches/21',
      body: { action: 'confirm', projectId: 7 },
    });

    fireEvent.click(within(second).getByRole('button', { name: named('不属于项目库') }));
    await waitFor(() => expect(writes).toHaveLength(2), { timeout: 5000 });
    expect(writes[1]!.body).toEqual({ action: 'reject' });

    fireEvent.click(within(first).getByRole('button', { name: named('改选其他项目') }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.mouseDown(within(dialog).getByRole('combobox'));
    fireEvent.click(await screen.findByTitle('示例新材料产业园'));
    fireEvent.click(within(dialog).getByRole('button', { name: named('确认改选') }));
    await waitFor(() => expect(writes).toHaveLength(3), { timeout: 5000 });
    expect(writes[2]!.body).toEqual({ action: 'confirm', projectId: 8 });

    fireEvent.click(screen.getByText('全部（3）'));
    const linked = (await screen.findByText('示例新材料产业园', { selector: 'strong' })).closest<HTMLElement>(
      'tr, .ant-list-item',
    )!;
    expect(linked.textContent).toContain('自动对应');
    expect(linked.textContent).toContain('上年完成');
    expect(document.body.textContent).not.toMatch(/doubtful|pending|contains|achievement|projectId/);
  });
  it('decides the names chosen at once: confirmed as their first proposal, or rejected', async () => {
    renderAt('/plans/1/library-matches');
    await screen.findByText('示例生物医药基地项目', {}, { timeout: 4000 });
    fireEvent.click(screen.getByRole('checkbox', { name: '选择“示例生物医药基地项目”' }));
    fireEvent.click(screen.getByRole('checkbox', { name: '选择“示例数据中心”' }));
    const bulk = await screen.findByTestId('bulk-actions', {}, { timeout: 5000 });
    expect(bulk.textContent).toContain('已选2项');
    // Only the one with a proposal can be confirmed as it.
    fireEvent.click(within(bulk).getByRole('button', { name: /所选确认对应首选项目（1项）/ }));
    await waitFor(() => expect(writes).toHaveLength(1), { timeout: 5000 });
    expect(writes[0]).toEqual({
      method: 'POST',
      path: '/api/v1/plans/1/library-matches/decisions',
      body: { decisions: [{ matchId: 21, action: 'confirm', projectId: 7 }] },
    });
    expect(await screen.findByText('已确认1项对应。', {}, { timeout: 5000 })).toBeTruthy();

    fireEvent.click(screen.getByRole('checkbox', { name: '选择“示例生物医药基地项目”' }));
    fireEvent.click(screen.getByRole('checkbox', { name: '选择“示例数据中心”' }));
    answers.push({
      status: 409,
      body: {
        error: {
          code: 'CONFLICT',
          message: '第1项未能处理：这个项目已审核',
          details: [{ path: 'decisions.0', message: '这个项目已审核' }],
        },
      },
    });
    fireEvent.click(
      within(await screen.findByTestId('bulk-actions', {}, { timeout: 5000 })).getByRole('button', {
        name: '所选不属于项目库（2项）',
      }),
    );
    await waitFor(() => expect(writes).toHaveLength(2), { timeout: 5000 });
    expect(writes[1]!.body).toEqual({
      decisions: [
        { matchId: 21, action: 'reject' },
        { matchId: 22, action: 'reject' },
      ],
    });
    // Refused: nothing decided, the choice kept to try again.
    // (a text query, not a role query: computing roles over this table takes seconds under load)
    expect(await screen.findByText(/其他人刚刚修改了这条内容/, {}, { timeout: 10_000 })).toBeTruthy();
    expect(screen.getByTestId('bulk-actions').textContent).toContain('已选2项');
  });
});

describe('the boundary upload', () => {
  const choose = (name: string, content: string) => {
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File([content], name, { type: 'application/json' })] } });
  };

  it('says what is wrong with a file and where, then loads a good one', async () => {
    renderAt('/library/boundary');
    expect((await screen.findByTestId('boundary-state', {}, { timeout: 4000 })).textContent).toBe(
      '尚未导入边界',
    );

    choose(
      '破损.geojson',
      '{\n  "type": "FeatureCollection",\n  "features": [\n    { "type": "Feature" ]\n}',
    );
    const problems = async () => (await screen.findByTestId('boundary-problems')).textContent;
    await waitFor(async () => expect(await problems()).toMatch(/^第4行第\d+列格式有误/));
    expect(screen.getByText('文件“破损.geojson”无法使用，原有边界未改变：')).toBeTruthy();

    const good = JSON.parse(BOUNDARY_FILE) as { features: { geometry: unknown }[] };
    const projected = structuredClone(good);
    projected.features[0]!.geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [500000, 4400000],
          [500100, 4400000],
          [500100, 4400100],
          [500000, 4400000],
        ],
      ],
    };
    projected.features[1]!.geometry = { type: 'Point', coordinates: [116.3, 40.2] };
    choose('投影坐标.geojson', JSON.stringify(projected));
    await waitFor(async () =>
      expect(await problems()).toContain(
        '第1个区域（示例街道）第1圈第1个坐标点 [500000,4400000] 不是经纬度（经度应在±180以内，纬度在±90以内）',
      ),
    );
    expect(await problems()).toContain('第2个区域（示例镇）是点，边界须为面');
    expect(writes).toHaveLength(0);

    choose('边界.geojson', `\uFEFF${BOUNDARY_FILE}`);
    expect(
      await screen.findByText(
        '文件“边界.geojson”可以使用：共2个区域（示例街道、示例镇）。请核对下方预览后导入。',
      ),
    ).toBeTruthy();
    // The server refuses what it cannot draw, in the same words.
    answers.push({
      status: 400,
      body: {
        error: {
          code: 'BAD_INPUT',
          message: '边界文件无法使用：1处问题',
          details: [
            {
              path: 'boundary.features.1',
              code: 'notPolygon',
              values: { n: 2, name: '示例镇', kind: 'point' },
              message: '第2个区域（示例镇）是点，边界须为面',
            },
          ],
        },
      },
    });
    fireEvent.click(screen.getByRole('button', { name: '导入并替换现有边界' }));
    await waitFor(async () => expect(await problems()).toBe('第2个区域（示例镇）是点，边界须为面'));
    const sent = writes[0]!;
    expect([sent.method, sent.path]).toEqual(['PUT', '/api/v1/library/boundary']);
    expect(((sent.body as FormData).get('file') as File).name).toBe('边界.geojson');

    choose('边界.geojson', BOUNDARY_FILE);
    answers.push({ status: 200, body: { features: 2, version: 1 } });
    fireEvent.click(await screen.findByRole('button', { name: '导入并替换现有边界' }));
    expect(await screen.findByText('边界已导入，共2个区域。项目地图已按新边界显示。')).toBeTruthy();
    expect(writes).toHaveLength(2);
  });
});

describe('the map tab', () => {
  it('draws the projects over the boundary file with ECharts (by module, from echarts/core)', async () => {
    map = MAP;
    // jsdom lays nothing out: the chart's box is given the size a screen would give it.
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(800);
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(520);
    renderAt('/library');
    fireEvent.click(await screen.findByRole('tab', { name: '项目地图' }, { timeout: 4000 }));
    const chart = await screen.findByRole(
      'img',
      { name: '项目地图：2 个已标注坐标的项目' },
      { timeout: 8000 },
    );
    const instance = await waitFor(() => {
      const found = echarts.getInstanceByDom(chart);
      expect(found).toBeDefined();
      return found!;
    });
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    // The boundary registered is the file's, its two areas by name.
    const registered = echarts.getMap(BOUNDARY_MAP) as unknown as {
      geoJSON: { features: { properties: { name: string } }[] };
    };
    expect(registered.geoJSON.features.map((f) => f.properties.name)).toEqual(['示例街道', '示例镇']);
    const option = instance.getOption() as {
      geo: { map: string }[];
      series: { name: string; type: string }[];
    };
    expect(option.geo[0]!.map).toBe(BOUNDARY_MAP);
    expect(option.series.map((s) => [s.type, s.name])).toEqual([
      ['scatter', '入库'],
      ['scatter', '开工'],
    ]);
    // A project's point falls inside the drawn area: the boundary sets the projection.
    const [x, y] = instance.convertToPixel({ geoIndex: 0 }, [116.2, 40.2]) as number[];
    const [left, top] = instance.convertToPixel({ geoIndex: 0 }, [116.1, 40.3]) as number[];
    const [right, bottom] = instance.convertToPixel({ geoIndex: 0 }, [116.5, 40.1]) as number[];
    expect(x).toBeGreaterThan(left!);
    expect(x).toBeLessThan(right!);
    expect(y).toBeGreaterThan(top!);
    expect(y).toBeLessThan(bottom!);
    // Painted: the two areas and the two points are shapes of the chart's SVG.
    expect(chart.querySelectorAll('svg path').length).toBeGreaterThanOrEqual(4);
    expect(screen.queryByText('尚未导入本区边界文件，按经纬度显示项目位置。')).toBeNull();
  });
});
