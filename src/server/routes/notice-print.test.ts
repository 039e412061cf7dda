/**
 * A 督办单 has a 文号 and prints as a Word 督办通知单 naming its task and unit (issue 14), on both
 * engines; a reporter prints only their own unit's notices.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import { readZipEntry } from '../../documents/testing/zip.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { Caller, TestApp } from '../testing/test-app.js';

describe.each(DIALECTS)('督办单 文号 and print on %s', (dialect) => {
  let t: TestApp;
  let plan: string;
  const clock = new Date('2022-07-08T01:00:00.000Z');
  const send = (caller: Caller, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.request(caller, { method, url: `${plan}${url}`, ...(payload ? { payload } : {}) });
  const ids: number[] = [];

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => clock });
    plan = `/api/v1/plans/${t.published.plan.id}`;
    for (const [task, content] of [
      [t.taskA, '进度滞后，请于10个工作日内报送整改措施'],
      [t.taskB, '请说明开工时间'],
    ] as const) {
      const issued = await send('supervisor', 'POST', '/notices', {
        subject: { type: 'task', id: task.id },
        urgency: 'yellow',
        content,
        dueOn: '2022-07-20',
      });
      expect(issued.statusCode).toBe(201);
      ids.push(json<{ id: number }>(issued).id);
    }
  });

  it('numbers the notices of the plan in the order they were issued', async () => {
    const page = json<{ items: { id: number; number: string }[] }>(
      await send('supervisor', 'GET', '/notices'),
    );
    expect(page.items.map((n) => [n.id, n.number])).toEqual([
      [ids[0], '督办〔2022〕1号'],
      [ids[1], '督办〔2022〕2号'],
    ]);
    // A reporter's list keeps the plan's numbers, not a count of their own.
    const mine = json<{ items: { number: string }[] }>(await send('otherReporter', 'GET', '/notices'));
    expect(mine.items.map((n) => n.number)).toEqual(['督办〔2022〕2号']);
  });

  it('prints a 督办通知单 with its 文号, unit, task, requirement and dates', async () => {
    const response = await send('supervisor', 'GET', `/notices/${ids[0]}.docx`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('wordprocessingml');
    const xml = (await readZipEntry(response.rawPayload, 'word/document.xml'))!;
    for (const text of [
      '督办通知单',
      '督办〔2022〕1号',
      t.unitA.name,
      '进度滞后，请于10个工作日内报送整改措施',
      '2022年7月20日',
      '黄色督办',
    ]) {
      expect(xml).toContain(text);
    }
    expect(xml).toContain(t.taskA.text.slice(0, 10));
  });

  it('lets a reporter print their own unit’s notice only', async () => {
    expect((await send('reporter', 'GET', `/notices/${ids[0]}.docx`)).statusCode).toBe(200);
    expect((await send('reporter', 'GET', `/notices/${ids[1]}.docx`)).statusCode).toBe(404);
    expect((await send('public', 'GET', `/notices/${ids[0]}.docx`)).statusCode).toBe(401);
    expect((await send('supervisor', 'GET', '/notices/999999.docx')).statusCode).toBe(404);
  });
});
