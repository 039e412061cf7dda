// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/*
 * The arrows of docs/ARCHITECTURE.md as import rules, one block per folder (a later block's
 * no-restricted-imports replaces an earlier one's, so each file gets exactly one).
 * Relative imports are matched by the folder they climb into: `../store/…` from src/plan or
 * `../../store/…` from src/cli/commands both land in src/store.
 */

/** The folders of src/ and its top-level modules other than errors.ts. */
const FOLDERS = [
  'cli',
  'commands',
  'contract',
  'documents',
  'ingest',
  'plan',
  'projects',
  'report',
  'requests',
  'server',
  'store',
  'verdicts',
];
const TOP_MODULES = ['config', 'index'];

/** An import that climbs out into one of `folders` of src/. */
const into = (/** @type {string[]} */ folders) => `^(\\.\\./)+(${folders.join('|')})(/|$)`;
/** An import that climbs out into one of src/'s top-level `modules`. */
const intoModule = (/** @type {string[]} */ modules) => `^(\\.\\./)+(${modules.join('|')})\\.js$`;
const except = (/** @type {string[]} */ ...kept) => FOLDERS.filter((folder) => !kept.includes(folder));
const ARCH = 'docs/ARCHITECTURE.md';

/** @param {{ regex: string; message: string; allowTypeImports?: boolean }[]} patterns */
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

/** Domain folders (pure): src/report, src/errors.ts, and the API's constants at most. */
const domain = (/** @type {string} */ folder) =>
  restrict([
    {
      regex: into(except(folder, 'report', 'contract')),
      message: `src/${folder} is domain: it imports only src/report, src/errors.ts and src/contract/constants.ts (${ARCH}).`,
    },
    {
      regex: '^(\\.\\./)+contract/(?!constants\\.js$)',
      message: `src/${folder} takes only the API's constants from src/contract (${ARCH}).`,
    },
    {
      regex: intoModule(TOP_MODULES),
      message: `src/${folder} is domain: no configuration or package entry (${ARCH}).`,
    },
  ]);

const STEPS = ['plan', 'projects', 'report', 'requests', 'documents', 'ingest', 'verdicts'];

const TRANSPORTS = ['server', 'cli', 'commands'];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'web/dist', 'data', 'coverage', 'artifacts', 'examples'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },

  // ---- the arrows ----------------------------------------------------------------------------
  {
    files: ['src/report/**/*.ts'],
    rules: restrict([
      {
        regex: into(except('report')),
        message: `src/report imports nothing of ours but src/errors.ts (${ARCH}).`,
      },
      {
        regex: intoModule(TOP_MODULES),
        message: `src/report imports nothing of ours but src/errors.ts (${ARCH}).`,
      },
    ]),
  },
  { files: ['src/plan/**/*.ts'], rules: domain('plan') },
  { files: ['src/requests/**/*.ts'], rules: domain('requests') },
  {
    // The cockpit and the public promise tracker (issue 19): domain on top of the plan's and the
    // requests' pure rules.
    files: ['src/verdicts/**/*.ts'],
    rules: restrict([
      {
        regex: into(except('verdicts', 'report', 'plan', 'requests', 'contract')),
        message: `src/verdicts is domain: it imports only src/report, src/plan, src/requests, src/errors.ts and src/contract/constants.ts (${ARCH}).`,
      },
      {
        regex: '^(\\.\\./)+contract/(?!constants\\.js$)',
        message: `src/verdicts takes only the API's constants from src/contract (${ARCH}).`,
      },
      {
        regex: intoModule(TOP_MODULES),
        message: `src/verdicts is domain: no configuration or package entry (${ARCH}).`,
      },
    ]),
  },
  {
    // The 项目库 and 服务包 domain: pure rules over the plan's and 接诉即办's domain, no I/O.
    files: ['src/projects/**/*.ts'],
    rules: restrict([
      {
        regex: into(except('projects', 'plan', 'requests', 'report', 'contract')),
        message: `src/projects is domain: it imports only src/plan, src/requests, src/report, src/errors.ts and src/contract/constants.ts (${ARCH}).`,
      },
      {
        regex: '^(\\.\\./)+contract/(?!constants\\.js$)',
        message: `src/projects takes only the API's constants from src/contract (${ARCH}).`,
      },
      {
        regex: intoModule(TOP_MODULES),
        message: `src/projects is domain: no configuration or package entry (${ARCH}).`,
      },
      {
        regex: '^(node:|fs$|path$|kysely|better-sqlite3|pg$|exceljs|fastify|undici)',
        message: `src/projects is domain: no I/O (files, database, network) (${ARCH}).`,
      },
    ]),
  },
  {
    // Readers and writers of files from plain data: no rows, no transport, no command.
    files: ['src/documents/**/*.ts', 'src/ingest/**/*.ts'],
    rules: restrict([
      {
        regex: into(['store', ...TRANSPORTS]),
        message: `src/documents and src/ingest work on plain data: no store, transport or command (${ARCH}).`,
      },
    ]),
  },
  {
    files: ['src/contract/**/*.ts'],
    ignores: ['src/contract/**/*.test.ts'],
    rules: restrict([
      {
        regex: into(['store', ...TRANSPORTS]),
        message: `src/contract imports only zod and domain types (${ARCH}).`,
      },
      {
        regex: `${into(STEPS)}|^(\\.\\./)+errors\\.js$`,
        allowTypeImports: true,
        message: `src/contract takes types only from the domain: the web app compiles it (${ARCH}).`,
      },
      {
        regex: intoModule(TOP_MODULES),
        message: `src/contract imports only zod and domain types (${ARCH}).`,
      },
      { regex: '^(?!zod$|\\.)', message: `src/contract imports only zod and domain types (${ARCH}).` },
    ]),
  },
  {
    files: ['src/store/**/*.ts'],
    ignores: ['src/store/**/*.test.ts'],
    rules: restrict([
      {
        regex: into(TRANSPORTS),
        message: `src/store never imports a transport or a command: commands call the store (${ARCH}).`,
      },
      {
        regex: into(STEPS),
        allowTypeImports: true,
        message: `src/store only reads and writes rows: domain types yes, domain steps no (${ARCH}).`,
      },
    ]),
  },
  {
    // Store tests may build their data with the domain (generators), never with a transport.
    files: ['src/store/**/*.test.ts'],
    rules: restrict([
      {
        regex: into(TRANSPORTS),
        message: `src/store never imports a transport or a command: commands call the store (${ARCH}).`,
      },
    ]),
  },
  {
    files: ['src/commands/**/*.ts'],
    rules: restrict([
      {
        regex: into(['server', 'cli']),
        message: `commands are called by the transports, never the other way round (${ARCH}).`,
      },
    ]),
  },
  {
    files: ['src/server/**/*.ts'],
    rules: restrict([
      {
        regex: into(['cli']),
        message: `src/server and src/cli are two transports: neither imports the other (${ARCH}).`,
      },
    ]),
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: restrict([
      {
        // `luoshi serve` builds the app: createApp is the one way in.
        regex: '^(\\.\\./)+server/(?!app\\.js$)',
        message: `src/cli and src/server are two transports: the CLI only builds the app (server/app.ts) (${ARCH}).`,
      },
    ]),
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    rules: restrict([
      {
        regex: '^(\\.\\./)+(src/(?!contract(/|$))|test/|e2e/|bench/|scripts/)',
        message: `web/ imports only src/contract: the API's types and constants (${ARCH}).`,
      },
      {
        // Values: the API's constants, and the one boundary check the server runs too (decision 54).
        regex: '^(\\.\\./)+src/contract(/(?!constants$|boundary$).*)?$',
        allowTypeImports: true,
        message: `web/ takes only types from src/contract (values: src/contract/constants, src/contract/boundary) (${ARCH}).`,
      },
    ]),
  },
);
