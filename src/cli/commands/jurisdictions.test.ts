import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.js';
import type { CliIo } from '../command.js';
import { main } from '../main.js';

function captureIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    stdin: (async function* () {})(),
  };
}

const FIXTURES = new URL('../../../test/fixtures/jurisdictions/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'luoshi-cli-jurisdictions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function jurisdictionsOf(db: string) {
  const store = await openStore(db);
  try {
    return (await store.jurisdictions.list()).map((j) => [j.code, j.name]);
  } finally {
    await store.close();
  }
}

describe('luoshi jurisdictions', () => {
  it('sets up a city and its district from their files, and lists them as a tree', async () => {
    const db = join(dir, 'tree.sqlite');
    const city = captureIo();
    expect(await main(['jurisdictions', 'add', '--from', `${FIXTURES}shanghai`, '--db', db], city)).toBe(0);
    // The first setup fills in the deployment's jurisdiction (what it held becomes the city's).
    expect(city.out.join('')).toContain('辖区 1 上海市（省，代码 310000）已设置');
    const district = captureIo();
    expect(
      await main(['jurisdictions', 'add', '--from', `${FIXTURES}shanghai-huangpu`, '--db', db], district),
    ).toBe(0);
    expect(district.out.join('')).toMatch(
      /辖区 2 上海市黄浦区（区县，代码 310101）已建立\n {2}街道、镇 \d+ 个；单位新建 \d+ 个/,
    );
    const list = captureIo();
    expect(await main(['jurisdictions', 'list', '--db', db], list)).toBe(0);
    expect(list.out.join('')).toBe('1\t310000\t省\t上海市\n2\t310101\t区县\t上海市黄浦区\t上级：上海市\n');
    const store = await openStore(db);
    expect(
      (await store.units.list([2])).some((u) => u.name === '南京东路街道办事处' && u.area === '南京东路街道'),
    ).toBe(true);
    await store.close();

    // The same files again: the code is taken, nothing is added.
    const again = captureIo();
    expect(
      await main(['jurisdictions', 'add', '--from', `${FIXTURES}shanghai-huangpu`, '--db', db], again),
    ).toBe(1);
    expect(again.err.join('')).toContain('代码为 310101 的辖区已经建立');
    expect(await jurisdictionsOf(db)).toHaveLength(2);
  });

  it('refuses a district whose city is not set up yet, saying so', async () => {
    const db = join(dir, 'orphan.sqlite');
    const io = captureIo();
    expect(await main(['jurisdictions', 'add', '--from', `${FIXTURES}shanghai-jingan`, '--db', db], io)).toBe(
      1,
    );
    expect(io.err.join('')).toBe('luoshi: error: parent: 上级辖区（代码 310000）尚未建立：请先建立上级\n');
    // Nothing half-created: the deployment's jurisdiction is still the unnamed one.
    expect(await jurisdictionsOf(db)).toEqual([[null, '本辖区']]);
  });

  it('answers every bad row of the files at its file, row and column, and creates nothing', async () => {
    const db = join(dir, 'bad.sqlite');
    const folder = join(dir, 'bad-huangpu');
    cpSync(`${FIXTURES}shanghai-huangpu`, folder, { recursive: true });
    const units = join(folder, '单位.csv');
    const lines = readFileSync(units, 'utf8').split('\n');
    // Row 2: a unit of a kind nobody knows; row 3: a street that is not one of the district's.
    lines[1] = lines[1]!.replace('街道办事处,南京东路街道', '办公室甲,南京东路街道');
    lines[2] = lines[2]!.replace(/,外滩街道$/, ',浦东某街道');
    writeFileSync(units, lines.join('\n'));
    expect(
      await main(['jurisdictions', 'add', '--from', `${FIXTURES}shanghai`, '--db', db], captureIo()),
    ).toBe(0);
    const io = captureIo();
    expect(await main(['jurisdictions', 'add', '--from', folder, '--db', db], io)).toBe(1);
    // Every problem in one pass, each at its cell, in the words of the office.
    expect(io.err.join('').split('\n')).toEqual([
      'luoshi: error: 辖区「上海市黄浦区」的设置文件有 4 处问题，未建立',
      '  单位.csv!C2: 类型「办公室甲」应为 部门、街道办事处、镇政府、乡政府、企业 或 其他',
      '  单位.csv!D2: 只有街道办事处和镇（乡）政府管辖街道、镇',
      '  单位.csv!D3: 「浦东某街道」不是本辖区的街道或镇',
      '  派单目录.csv!F2: 属地派单需要每个街道（镇）都有办事处（政府）：南京东路街道、外滩街道 没有',
      '',
    ]);
    expect(await jurisdictionsOf(db)).toEqual([['310000', '上海市']]);
  });

  it('asks for --from and names a folder that is not there', async () => {
    const db = join(dir, 'usage.sqlite');
    const missing = captureIo();
    expect(await main(['jurisdictions', 'add', '--db', db], missing)).toBe(2);
    expect(missing.err.join('')).toContain('missing --from DIR');
    const nowhere = captureIo();
    expect(await main(['jurisdictions', 'add', '--from', join(dir, 'nowhere'), '--db', db], nowhere)).toBe(1);
    expect(nowhere.err.join('')).toContain('nowhere');
  });
});
