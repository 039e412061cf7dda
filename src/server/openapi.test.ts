import { describe, expect, it } from 'vitest';
import { createTestStore } from '../../test/factories.js';
import { createApp } from './app.js';
import { json } from './testing/test-app.js';

interface Operation {
  tags?: string[];
  responses?: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
}

/** Answers a file's bytes, not JSON: no response schema to name. */
const FILE_DOWNLOADS = [
  'get /api/v1/plans/{planId}/evidence/{fileId}',
  'get /api/v1/plans/{planId}/notices/{noticeId}.docx',
  'get /api/v1/plans/{planId}/notices/{noticeId}.pdf',
];

describe('tracking and supervision response schemas', () => {
  it('names a JSON response schema for the success answer of every tracking and supervision route', async () => {
    const app = await createApp({ store: await createTestStore('sqlite'), webRoot: false });
    const spec = json<{ paths: Record<string, Record<string, Operation>> }>(
      await app.inject({ url: '/api/docs/json' }),
    );
    const routes = Object.entries(spec.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, op]) => op.tags?.some((tag) => tag === 'tracking' || tag === 'supervision'))
        .map(([method, op]) => ({ route: `${method} ${path}`, op })),
    );
    // 14 tracking routes (the draft's autosave among them) and 12 supervision routes (the
    // printed 督办单, .docx and .pdf, among them): none escaped the tags this test reads.
    expect(routes).toHaveLength(26);
    const missing = routes
      .filter(({ route }) => !FILE_DOWNLOADS.includes(route))
      .filter(({ op }) => {
        const success = op.responses?.['200'] ?? op.responses?.['201'];
        const schema = success?.content?.['application/json']?.schema;
        return schema === undefined || Object.keys(schema).length === 0;
      })
      .map(({ route }) => route);
    expect(missing).toEqual([]);
    await app.close();
  });
});
