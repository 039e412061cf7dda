/**
 * The 项目库 in the browser (issue 17): a plan office user (督查室) records a project in the
 * library, moves its stage, and sees it on the board; reviews the report's projects against the
 * library; loads the district's boundary (a broken file answered by line and column) and sees
 * the map. Real server, fresh database, Debian's Chromium; every page shot at 1440×900 and
 * 390×844 under artifacts/screenshots/library-*.png.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PHONE, SCREENSHOT_DIR, launchOptions } from './playwright.config.js';
import { apiAs, PASSWORD, seed, type Seeded } from './seed.js';
import { startServer, type RunningServer } from './server.js';

const WIDE = { width: 1440, height: 900 };
const NAME = '示例智能装备产业园';

let dir: string;
let server: RunningServer;
let browser: Browser;
let seeded: Seeded;
let page: Page;
let projectId: number;

/** What an office must never read: field names, ids, raw values of the API. */
const RAW =
  /leadUnitId|totalInvestment|stageDate|history\.|annualPlans|libraryProject|undefined|NaN|\bnull\b|"error"/;

/** The page at 1440×900 (whole page) and at 390×844 (what a phone shows first, then whole). */
async function shots(name: string) {
  await page.setViewportSize(WIDE);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `library-${name}-1440.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `library-${name}-390.png`), fullPage: true });
  await page.setViewportSize(WIDE);
  await page.waitForTimeout(200);
}

async function bodyText(): Promise<string> {
  return (await page.locator('main').textContent()) ?? '';
}

/**
 * Chooses `option` in the antd Select of the form item labelled `label`, typing it first where
 * the list is searched (a jurisdiction has dozens of units), as a clerk does.
 */
async function pick(label: string, option: string, typed = false) {
  const item = page.locator('.ant-form-item').filter({ has: page.getByText(label, { exact: true }) });
  await item.locator('.ant-select').first().click();
  if (typed) await page.keyboard.type(option);
  await page.locator(`.ant-select-item-option[title="${option}"]`).last().click();
}

const BOUNDARY = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { name: '示例北街道' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [116.1, 40.2],
            [116.4, 40.2],
            [116.45, 40.35],
            [116.15, 40.38],
            [116.1, 40.2],
          ],
        ],
      },
    },
    {
      type: 'Feature',
      properties: { name: '示例南镇' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [116.1, 40.2],
            [116.4, 40.2],
            [116.38, 40.05],
            [116.12, 40.06],
            [116.1, 40.2],
          ],
        ],
      },
    },
  ],
};

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'luoshi-e2e-library-'));
  const db = join(dir, 'e2e.sqlite');
  seeded = await seed(db);
  server = await startServer(db);
  browser = await chromium.launch(launchOptions);
  // The library already holds two projects the office keeps, and the report is matched to it.
  const office = await apiAs(server.url, seeded.users.supervisor);
  const units = await office<{ items: { id: number; name: string }[] }>('GET', '/units?limit=100');
  const unit = units.items.find((u) => u.name === '区发展和改革委员会')!;
  for (const [name, stage, lng, lat] of [
    ['示例生命科学园三期', '入库', 116.25, 40.25],
    ['示例未来科学城能源谷', '建设', 116.3, 40.12],
  ] as const) {
    await office('POST', '/library/projects', {
      name,
      library: 'major',
      class: 'A',
      stage,
      stageDate: '2022-03-01',
      totalInvestment: 120_000,
      leadUnitId: unit.id,
      location: { lng, lat },
    });
  }
  await office('POST', `/plans/${seeded.planId}/library-matches`);
  const context = await browser.newContext({ viewport: WIDE, baseURL: server.url, locale: 'zh-CN' });
  page = await context.newPage();
  page.on('pageerror', (error) => console.error('pageerror:', error.message));
  await page.goto('/sign-in');
  await page.getByLabel('用户名').fill(seeded.users.supervisor);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a plan office keeps its project library', () => {
  it('records a project: the form asks for what is missing, then saves it', async () => {
    await page.goto('/library');
    await page.getByRole('button', { name: '新增项目' }).click();
    await page.waitForURL('**/library/new');
    await page.getByRole('heading', { name: '新增入库项目' }).waitFor();
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('请填写项目名称').waitFor();
    await page.getByText('请选择所属库').waitFor();
    await page.getByText('请选择当前阶段').waitFor();
    await page.getByLabel('项目名称').fill(NAME);
    const aliases = page
      .locator('.ant-form-item')
      .filter({ has: page.getByText('曾用名及简称', { exact: true }) });
    await aliases.locator('input').fill('智能装备产业园');
    await aliases.locator('input').press('Enter');
    await pick('所属库', '重大项目库');
    await pick('当前阶段', '签约');
    await page.getByLabel('总投资（万元）').fill('86000');
    await pick('牵头单位', '区发展和改革委员会', true);
    await page.getByLabel('包联领导').fill('示例副区长');
    await page.getByRole('button', { name: '增加年度' }).click();
    await page.getByLabel('计划投资（万元）').fill('20000');
    await shots('form');
    expect(await bodyText()).not.toMatch(RAW);
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.waitForURL(/\/library\/projects\/\d+$/);
    projectId = Number(/projects\/(\d+)$/.exec(page.url())![1]);
    await page.getByRole('heading', { name: NAME }).waitFor();
    await page.getByText('项目已入库。').waitFor();
  });

  it('moves its stage from the project page, the day recorded in its history', async () => {
    await page.getByRole('button', { name: '变更阶段' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/当前阶段：签约/).waitFor();
    await dialog.locator('.ant-select').first().click();
    await page.locator('.ant-select-item-option[title="开工"]').click();
    await shots('stage-dialog');
    await dialog.getByRole('button', { name: '确认变更' }).click();
    await page.getByText('阶段已变更为“开工”。').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => bodyText()).toMatch(/当前阶段开工（\d{4}-\d{2}-\d{2}）/);
    await shots('project');
    expect(await bodyText()).not.toMatch(RAW);
  });

  it('sees it on the board: counted under its library and stage, listed with its lamps', async () => {
    await page.goto('/library');
    const board = page.locator('table').first();
    await board.getByText('重大项目库').waitFor();
    const headers = (await board.locator('thead th').allTextContents()).map((h) => h.trim());
    const row = board.locator('tbody tr').filter({ hasText: '重大项目库' });
    const cells = (await row.locator('td').allTextContents()).map((c) => c.trim());
    const count = (stage: string) => Number(cells[headers.indexOf(stage)]);
    expect([count('入库'), count('开工'), count('建设')]).toEqual([1, 1, 1]);
    const listed = page.getByRole('row').filter({ has: page.getByRole('link', { name: NAME }) });
    await listed.waitFor();
    expect(await listed.textContent()).toContain('开工');
    expect(await listed.textContent()).toContain('区发展和改革委员会');
    await shots('board');
    expect(await bodyText()).not.toMatch(RAW);
  });

  it('edits the project: when someone saved first, both versions are shown and nothing typed is lost', async () => {
    await page.goto(`/library/projects/${projectId}/edit`);
    await page.getByTestId('stage-fixed').waitFor();
    expect(await page.getByTestId('stage-fixed').textContent()).toMatch(/^当前阶段：开工/);
    await page.getByLabel('地块').fill('示例地块 A-01');
    await page.getByLabel('包联领导').fill('示例常务副区长');
    // Meanwhile a colleague renames the project.
    const colleague = await apiAs(server.url, seeded.users.admin);
    const { project } = await colleague<{ project: { version: number } }>(
      'GET',
      `/library/projects/${projectId}`,
    );
    await colleague('PATCH', `/library/projects/${projectId}`, {
      name: `${NAME}（一期）`,
      version: project.version,
    });
    await page.getByRole('button', { name: /保\s*存/ }).click();
    const table = page.getByTestId('conflict-table');
    await table.waitFor();
    await page.getByText('保存前，他人已修改了此项目').waitFor();
    expect(await table.locator('tbody tr').filter({ hasText: '包联领导' }).textContent()).toBe(
      '包联领导示例常务副区长示例副区长',
    );
    expect(await table.locator('tbody tr').filter({ hasText: '项目名称' }).textContent()).toBe(
      `项目名称（您未改动，已采用他人内容）${NAME}（一期）`,
    );
    // The colleague's new name, which this user did not touch, is taken into the form.
    expect(await page.getByLabel('项目名称').inputValue()).toBe(`${NAME}（一期）`);
    expect(await page.getByLabel('地块').inputValue()).toBe('示例地块 A-01');
    await shots('conflict');
    expect(await bodyText()).not.toMatch(RAW);
    await page.getByRole('button', { name: '以我填写的为准，再次保存' }).click();
    await page.getByText('已保存。').waitFor();
    await page.getByRole('heading', { name: `${NAME}（一期）` }).waitFor();
  });
});

describe('the report’s projects against the library', () => {
  it('lists the names the report gives for review, in the office’s words', async () => {
    await page.goto('/library');
    await page.getByRole('button', { name: '报告项目对照审核' }).click();
    await page.waitForURL(/\/plans\/\d+\/library-matches$/);
    await page.getByRole('heading', { name: '报告项目与项目库对照审核' }).waitFor();
    const first = page.locator('tbody tr.ant-table-row').first();
    await first.waitFor();
    const name = (await first.locator('strong').first().textContent())!;
    await first.getByRole('button', { name: '作为新项目入库' }).click();
    await page.getByText(`“${name}”已作为新项目入库。`).waitFor();
    await page.getByText(/^全部（\d+）$/).click();
    const created = page.locator('tbody tr.ant-table-row').filter({ hasText: name }).first();
    await expect.poll(() => created.textContent()).toContain('已新建入库');
    await shots('matches');
    expect(await bodyText()).not.toMatch(RAW);
    expect(await bodyText()).not.toMatch(/doubtful|unmatched|pending|confirmed|similar/);
  });
});

describe('the district’s boundary on the map', () => {
  it('answers a broken file by line and column, loads a good one, and draws the map over it', async () => {
    await page.goto('/library');
    await page.getByRole('button', { name: '导入区域边界' }).click();
    await page.waitForURL('**/library/boundary');
    const input = page.locator('input[type=file]');
    await input.setInputFiles({
      name: '边界（有误）.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from('{\n  "type": "FeatureCollection",\n  "features": [\n    { "type": "Feature" ]\n}'),
    });
    await page.getByText(/第4行第\d+列格式有误/).waitFor();
    await shots('boundary-error');
    await input.setInputFiles({
      name: '示例区边界.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(BOUNDARY)),
    });
    await page.getByText('共2个区域（示例北街道、示例南镇）', { exact: false }).waitFor();
    await page.getByRole('img', { name: /项目地图/ }).waitFor();
    await page.waitForTimeout(500);
    await shots('boundary-preview');
    await page.getByRole('button', { name: '导入并替换现有边界' }).click();
    await page.getByText('边界已导入，共2个区域。项目地图已按新边界显示。').waitFor();
    await shots('boundary');
    await page.getByRole('link', { name: '查看项目地图' }).click();
    await page.getByRole('tab', { name: '项目地图', selected: true }).waitFor();
    const chart = page.getByRole('img', { name: '项目地图：2 个已标注坐标的项目' });
    await chart.waitFor();
    await page.waitForTimeout(800);
    // The canvas is painted: not a blank box.
    const inked = await chart
      .locator('canvas')
      .first()
      .evaluate((canvas: HTMLCanvasElement) => {
        const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n += 1;
        return n;
      });
    expect(inked).toBeGreaterThan(1000);
    expect(await page.getByText('尚未导入本区边界文件').count()).toBe(0);
    await shots('map');
  });
});
