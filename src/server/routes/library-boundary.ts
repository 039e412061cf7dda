/**
 * The 项目库's map boundary (issue 17) under /api/v1/library/boundary: the office loads the
 * jurisdiction's own GeoJSON from a file; a file the map cannot draw is answered with what is
 * wrong and where, and the old boundary stays.
 */
import { z } from 'zod';
import { loadLibrarySetup, saveLibrarySetup } from '../../commands/library.js';
import type { Actor } from '../../plan/audit.js';
import type { User } from '../../plan/types.js';
import { allow, requireUser } from '../auth/actor.js';
import type { ApiApp, ServerContext } from '../context.js';
import { readOneFile } from '../document-data.js';

const tags = ['library'];

function actorOf(user: User): Actor {
  return { userId: user.id, role: user.role, unitIds: [...user.unitIds] };
}

/** The jurisdiction's boundary (GeoJSON) its map draws, loaded from a file by the office. */
export function boundaryRoute(app: ApiApp, ctx: ServerContext): void {
  const { store } = ctx;
  app.put(
    '/library/boundary',
    {
      onRequest: allow('item:assign'),
      schema: {
        tags,
        summary: 'Load the jurisdiction’s boundary (a GeoJSON FeatureCollection of polygons) for the map',
        description:
          'multipart/form-data `file` (.geojson or .json). A file the map cannot draw answers 400 with ' +
          'what is wrong at its GeoJSON path (`boundary.features.2.geometry.coordinates.0`: "ringOpen: feature 3 (…), ring 1 is not closed …"), the check the web app runs before sending; the old boundary stays.',
        consumes: ['multipart/form-data'],
        response: { 200: z.object({ features: z.number().int(), version: z.number().int() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { file } = await readOneFile(request, z.object({}), '边界文件（GeoJSON）');
      const text = file.bytes.toString('utf8').replace(/^\uFEFF/, '');
      const { version } = await loadLibrarySetup(store);
      const saved = await saveLibrarySetup(
        store,
        { boundary: text },
        version,
        actorOf(user),
        ctx.now().toISOString(),
      );
      const features = (JSON.parse(saved.boundary ?? '{}') as { features?: unknown[] }).features ?? [];
      return { features: features.length, version: saved.version };
    },
  );
}
