#!/usr/bin/env node
// The server that bench/zip-bomb.ts measures, in a process of its own (so its memory is the
// server's alone): a fresh SQLite store with the example plan, two units, a reporter of unit A
// who owes June's data call, an admin and a supervisor with API tokens, and `createApp` on a
// loopback port. Prints one JSON line with the port, ids and tokens, then serves until killed.
//
// `node bench/zip-bomb-server.mjs ROOT`: ROOT is the repository whose server is measured — its
// TypeScript sources (through tsx, as `npm start` runs today), or a compiled copy of them
// (`tsc -p tsconfig.build.json --outDir DIR`: plain JavaScript, as a built package runs).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = process.argv[2] ?? process.cwd();
const typescript = existsSync(join(root, 'src/server/app.ts'));
if (typescript) (await import('tsx/esm/api')).register();
const load = (path) =>
  import(pathToFileURL(join(root, typescript ? path : path.replace(/\.ts$/, '.js'))).href);

const { openStore } = await load('src/store/index.ts');
const { createApp } = await load('src/server/app.ts');
const { createApiToken } = await load('src/commands/sessions.ts');
const { createUnit } = await load('src/commands/units.ts');
const { createUser } = await load('src/commands/users.ts');
const { importPlan } = await load('src/commands/plans.ts');
const { updateTask } = await load('src/commands/items.ts');
const { exampleReport } = await load('test/fixtures/example.ts');

const store = await openStore(join(mkdtempSync(join(tmpdir(), 'luoshi-bomb-')), 'bench.sqlite'));
const unitA = await createUnit(store, { name: '区发展改革委', kind: 'department' });
await createUnit(store, { name: '区科委', kind: 'department' });
const tokens = {};
for (const [role, unitIds] of [
  ['admin', []],
  ['supervisor', []],
  ['reporter', [unitA.id]],
]) {
  const user = await createUser(store, {
    username: role,
    displayName: role,
    role,
    unitIds,
    passwordHash: 'not used: API tokens only',
  });
  const expires = new Date(Date.now() + 24 * 3600 * 1000);
  const scopes = ['read', 'report', 'requests', 'manage'];
  tokens[role] = (await createApiToken(store, user, 'bench', expires, scopes)).token;
}
const plan = await importPlan(store, { ...exampleReport(), state: 'published' });
const task = (await store.tasks.list(plan.plan.id, { limit: 1 })).items[0];
await updateTask(
  store,
  plan.plan.id,
  task.id,
  { leadUnitId: unitA.id, deadline: '2022-12-31' },
  task.version,
);

// Mid-July 2022: June's data call is open.
const app = await createApp({ store, webRoot: false, now: () => new Date('2022-07-02T08:00:00.000Z') });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
console.log(JSON.stringify({ port, planId: plan.plan.id, unitId: unitA.id, tokens }));
