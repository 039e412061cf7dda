import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import { parseDemoSetup } from './demo-setup.js';

const EXAMPLE = new URL('../../examples/jurisdictions/changping/demo.json', import.meta.url);
const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

function problems(input: Uint8Array | undefined) {
  try {
    parseDemoSetup(input);
  } catch (error) {
    if (isAppError(error)) return error.details?.map((d) => `${d.path} ${d.message}`);
    throw error;
  }
  throw new Error('parsed');
}

describe('the demo file', () => {
  it('reads the example: units with their keywords, one account per role', () => {
    const demo = parseDemoSetup(readFileSync(EXAMPLE));
    expect(demo.units.length).toBeGreaterThan(3);
    expect(demo.units.find((u) => u.keywords.test('重大项目投资'))?.kind).toBe('department');
    expect(new Set(demo.accounts.map((a) => a.role))).toEqual(
      new Set(['admin', 'supervisor', 'reporter', 'leader']),
    );
  });

  it('names every problem at its key, and a missing or broken file', () => {
    expect(problems(undefined)).toEqual(['demo.json 缺少演示数据文件']);
    expect(problems(new TextEncoder().encode('{units'))?.[0]).toMatch(/^demo\.json /);
    expect(
      problems(
        bytes({
          units: [{ name: '区水务局', kind: 'bureau', keywords: '水(' }],
          accounts: [{ username: 'tb', displayName: '填报员', role: 'reporter', unit: '区财政局' }],
          extra: 1,
        }),
      ),
    ).toEqual([
      'demo.json:units.0.kind 类型应为 department、town、street、enterprise、other 之一',
      'demo.json:units.0.keywords 关键词写法有误（用 | 隔开）',
      'demo.json:(整个文件) 不认识的项：extra',
    ]);
    expect(
      problems(
        bytes({
          units: [{ name: '区水务局', kind: 'department', keywords: '水' }],
          accounts: [{ username: 'tb', displayName: '填报员', role: 'reporter', unit: '区财政局' }],
        }),
      ),
    ).toEqual([
      'demo.json:accounts.0.unit units 中没有「区财政局」',
      'demo.json:accounts 应有用户名为 admin 的账号',
    ]);
    const admin = { username: 'admin', displayName: '管理员', role: 'admin' };
    const units = [{ name: '区水务局', kind: 'department', keywords: '水' }];
    expect(
      problems(
        bytes({
          units,
          accounts: [admin],
          bulletin: { office: ' ', number: '督通〔2022〕1号', requirements: [''] },
        }),
      ),
    ).toEqual([
      'demo.json:bulletin.office 印发通报的机关不能为空',
      'demo.json:bulletin.number 文号应含 {year} 和 {n}，如“督通〔{year}〕{n}号”',
      'demo.json:bulletin.requirements.0 工作要求不能为空',
    ]);
  });

  it('reads the words of the monthly 通报 when it gives them', () => {
    const demo = parseDemoSetup(readFileSync(EXAMPLE));
    expect(demo.bulletin?.number).toMatch(/\{year\}.*\{n\}/);
    expect(demo.bulletin?.office).toMatch(/督查室$/);
    expect(demo.bulletin?.requirements.length).toBeGreaterThan(0);
  });
});
