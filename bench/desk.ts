/**
 * The 12345 desk (issue 20) figures, pure domain, no database:
 * 1. knowledge-base search as the operator types, at N entries (LUOSHI_BENCH_KB, default
 *    50,000; target ≤ 20 ms per search): the index built from the seeded entry generator, then
 *    searches for what an operator has typed so far — the first 4, 8 and 16 characters and the
 *    whole text of 300 generated calls, and 300 entries' own questions — with the call's street
 *    and the category suggestions' top category, as the console sends them;
 * 2. the answer rules on a reply (target ≤ 5 ms per reply): checkReply on 10,000 replies made of
 *    good, stock-phrase, dateless and short ones, on orders of every category, half of them
 *    with an unsatisfied follow-up and a previous reply to compare with.
 * Prints build time, heap used by the index, and median / p95 / max per search and per reply.
 */
import { generateOrders } from '../src/requests/index.js';
import {
  DEFAULT_REPLY_RULES,
  buildKnowledgeIndex,
  checkReply,
  postingBytes,
  generateKnowledgeContents,
  searchKnowledge,
} from '../src/requests/index.js';
import type { CheckedOrder, KnowledgeDoc, KnowledgeQuery } from '../src/requests/index.js';
import { formatNumber, measure, median } from './bench.js';
import type { Bench, Figure } from './bench.js';
import {
  CHANGPING,
  CHANGPING_CATALOGUE_ROWS,
  CHANGPING_UNITS,
  EXAMPLE_PLACE,
} from '../test/fixtures/changping-requests.js';

const N = Number(process.env.LUOSHI_BENCH_KB ?? 50_000);
const REPLIES = 10_000;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function summary(times: number[]): string {
  return `median ${median(times).toFixed(3)} ms, p95 ${percentile(times, 95).toFixed(3)} ms, max ${Math.max(...times).toFixed(3)} ms (${formatNumber(times.length)} runs)`;
}

function searchFigures(log: (line: string) => void): Figure[] {
  const categories = CHANGPING_CATALOGUE_ROWS.map((r) => r.category);
  const areas = CHANGPING.areas.map((a) => a.name);
  const unitIds = CHANGPING_UNITS.map((u) => u.id);
  const docs: KnowledgeDoc[] = [];
  let i = 0;
  for (const content of generateKnowledgeContents({ seed: 20, count: N, categories, areas, unitIds })) {
    docs.push({ ...content, entryId: ++i, version: 1 });
  }
  const started = performance.now();
  const index = buildKnowledgeIndex(docs);
  const build = performance.now() - started;
  const megabytes = postingBytes(index) / 2 ** 20;
  log(`${formatNumber(N)} entries, ${formatNumber(index.postings.size)} distinct character pairs`);
  log(`index built in ${formatNumber(build)} ms; posting lists ${megabytes.toFixed(1)} MB`);

  const queries: KnowledgeQuery[] = [];
  for (const order of generateOrders({
    ...EXAMPLE_PLACE,
    seed: 20,
    count: 300,
    from: '2025-01-01T00:00:00Z',
    to: '2025-12-31T00:00:00Z',
  })) {
    for (const length of [4, 8, 16, order.text.length]) {
      queries.push({
        text: order.text.slice(0, length),
        date: '2025-03-01',
        area: order.area,
        category: order.category,
      });
    }
  }
  for (const doc of docs.slice(0, 300))
    queries.push({ text: doc.question, date: '2025-03-01', area: doc.area ?? undefined });
  for (const q of queries.slice(0, 50)) searchKnowledge(index, q); // warm-up
  const times: number[] = [];
  const cpu: number[] = [];
  let answered = 0;
  for (const q of queries) {
    let found = 0;
    const timing = measure(() => (found = searchKnowledge(index, q).length));
    times.push(timing.wall);
    cpu.push(timing.cpu);
    if (found > 0) answered++;
  }
  log(
    `search as the operator types, wall: ${summary(times)}; ${answered} of ${queries.length} found an entry`,
  );
  // On a shared machine the wall clock includes waiting for a core; CPU time does not.
  log(`search as the operator types, CPU: ${summary(cpu)}`);
  return [
    { name: 'kb index build', value: build, unit: 'ms' },
    { name: 'kb posting lists', value: megabytes, unit: 'MB' },
    { name: 'kb search median', value: median(times), unit: 'ms' },
    { name: 'kb search p95', value: percentile(times, 95), unit: 'ms' },
    { name: 'kb search max', value: Math.max(...times), unit: 'ms' },
    { name: 'kb search CPU p95', value: percentile(cpu, 95), unit: 'ms' },
  ];
}

const REPLY_TEXTS = [
  '经核实，已于3月5日安排维修人员到回龙观西大街现场疏通排水口，积水已清除，并已电话告知市民办理结果。',
  '已转相关部门处理。',
  '您反映的问题已转交相关部门，我们会尽快处理，请耐心等待。',
  '已联系供热公司，对该楼栋管网进行排气，室温恢复至18度以上，市民表示认可。',
  '经查，该企业拖欠工资一事已责令其限期支付，劳动监察大队将跟踪督促。',
  '问题已解决。',
];

function ruleFigures(log: (line: string) => void): Figure[] {
  const orders: CheckedOrder[] = [];
  for (const o of generateOrders({
    ...EXAMPLE_PLACE,
    seed: 5,
    count: 200,
    from: '2025-01-01T00:00:00Z',
    to: '2025-12-31T00:00:00Z',
  })) {
    orders.push({
      category: o.category,
      location: { address: o.address, area: o.area, community: o.community },
      followUps: [
        { at: o.closedAt, reached: true, contacted: false, resolved: false, satisfaction: '不满意' },
      ],
      contactedAt: null,
      reopenCount: 1,
    });
  }
  for (let i = 0; i < 200; i++)
    checkReply(REPLY_TEXTS[i % REPLY_TEXTS.length] ?? '', orders[0] as CheckedOrder); // warm-up
  const times: number[] = [];
  const cpu: number[] = [];
  let refused = 0;
  for (let i = 0; i < REPLIES; i++) {
    const order = orders[i % orders.length] as CheckedOrder;
    const withHistory = i % 2 === 0;
    const checked = withHistory ? order : { ...order, followUps: [], reopenCount: 0 };
    const text = `${REPLY_TEXTS[i % REPLY_TEXTS.length]}${i % 7 === 0 ? order.location.address : ''}`;
    const previous = withHistory ? REPLY_TEXTS[(i + 1) % REPLY_TEXTS.length] : undefined;
    let refuses = false;
    const timing = measure(() => {
      refuses = checkReply(text, checked, DEFAULT_REPLY_RULES, previous).some((f) => f.severity === 'refuse');
    });
    times.push(timing.wall);
    cpu.push(timing.cpu);
    if (refuses) refused++;
  }
  log(`answer rules per reply: ${summary(times)}; ${refused} of ${REPLIES} refused`);
  log(`answer rules per reply, CPU: ${summary(cpu)}`);
  return [
    { name: 'reply rules median', value: median(times), unit: 'ms' },
    { name: 'reply rules p95', value: percentile(times, 95), unit: 'ms' },
    { name: 'reply rules max', value: Math.max(...times), unit: 'ms' },
    { name: 'reply rules CPU p95', value: percentile(cpu, 95), unit: 'ms' },
  ];
}

export const deskBench: Bench = {
  name: 'desk',
  async run(log) {
    return [...searchFigures(log), ...ruleFigures(log)];
  },
};
