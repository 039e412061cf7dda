/**
 * Jurisdictions (issue 16.1) under /api/v1/jurisdictions: the ones the caller may see, and the
 * 新建辖区 page's setup — the same files `luoshi jurisdictions add --from DIR` reads, uploaded one
 * by one with the manifest's few facts as form fields. `check` reads them and answers every
 * problem at its file, sheet, row and column, or what the setup will create (run and rolled
 * back); the POST creates it, all or nothing, through the command the CLI uses.
 *
 * Who: an administrator, under a jurisdiction they see and may see below (a city's admin adds
 * its districts); the deployment's first, not yet set up, is filled in by its own admin.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addJurisdiction, previewJurisdiction } from '../../commands/jurisdictions.js';
import type { JurisdictionSetup } from '../../commands/jurisdictions.js';
import {
  ErrorBody,
  JurisdictionCreated,
  JurisdictionPreview,
  JurisdictionSummary,
} from '../../contract/index.js';
import { MANIFEST, parseJurisdictionFolder } from '../../documents/jurisdiction-folder.js';
import { SETUP_WORKBOOK_LIMITS } from '../../documents/setup-tables.js';
import { AppError, isAppError } from '../../errors.js';
import type { JurisdictionDefinition } from '../../jurisdictions/types.js';
import { beijingDate } from '../../requests/calendar.js';
import type { User } from '../../plan/types.js';
import { allow, requireUser } from '../auth/actor.js';
import { changeMeta } from '../context.js';
import type { ServerContext } from '../context.js';
import { canSee } from '../scope.js';

const tags = ['jurisdictions'];

/** The upload's file fields, each the file the manifest names for it. */
export const SETUP_FILES = ['units', 'areas', 'catalogue', 'boundaries'] as const;
type Slot = (typeof SETUP_FILES)[number];
/** Each file is at most what a setup workbook may be; four files at most. */
export const SETUP_FILE_BYTES = SETUP_WORKBOOK_LIMITS.maxBytes;

/** The form's fields, as the manifest's keys they fill. */
const FIELD_OF_KEY: Record<string, string> = {
  name: 'name',
  level: 'level',
  code: 'code',
  parent: 'parent',
  units: 'units',
  areas: 'areas',
  'catalogue.file': 'catalogue',
  'catalogue.effectiveFrom': 'catalogueFrom',
  'catalogue.note': 'catalogueNote',
  boundaries: 'boundaries',
};

const Fields = z.object({
  name: z.string().max(100).optional(),
  level: z.string().max(10).optional(),
  code: z.string().max(20).optional(),
  parent: z.string().max(20).optional(),
  catalogueFrom: z.string().max(20).optional(),
  catalogueNote: z.string().max(200).optional(),
  /** 'false' when a units workbook holds no 区域 sheet (a city or province). */
  withAreas: z.enum(['true', 'false']).optional(),
});

const setupDescription =
  'multipart/form-data: fields `name`, `level` (国家/省/市/区县/街乡), `code` (行政区划代码), `parent` ' +
  '(the code above), `catalogueFrom` (YYYY-MM-DD), `catalogueNote`, `withAreas`; files `units` (the ' +
  'units workbook .xlsx with sheets 单位 and 区域, or 单位 .csv), `areas` (区域 .csv), `catalogue` ' +
  `(派单目录 .xlsx/.csv), \`boundaries\` (GeoJSON), each at most ${SETUP_FILE_BYTES / 1024 / 1024} MB ` +
  '(413 beyond). A problem answers 400 with every one at its place: `单位和区域.xlsx#单位!C7`, ' +
  '`区域.csv!B4`, `边界.geojson:features.2`, or `form.code` for a form field.';

interface Upload {
  files: Record<string, Uint8Array>;
  manifest: Record<string, unknown>;
}

/** A file's name as the office saved it, without any folder, unique within the upload. */
function fileName(raw: string, slot: Slot, taken: Set<string>): string {
  const base = raw.split(/[\\/]/).pop()?.trim() || slot;
  const name = taken.has(base) ? `${slot}-${base}` : base;
  taken.add(name);
  return name;
}

/** The upload as a jurisdiction's folder: its files by name and the manifest naming them. */
async function readSetupUpload(request: FastifyRequest, now: Date): Promise<Upload> {
  if (!request.isMultipart()) {
    throw new AppError('UNSUPPORTED_FORMAT', '请以 multipart/form-data 上传辖区设置文件', [
      { path: 'headers.content-type', message: 'expected multipart/form-data' },
    ]);
  }
  const bySlot = new Map<Slot, { name: string; bytes: Uint8Array }>();
  const raw: Record<string, unknown> = {};
  const taken = new Set<string>([MANIFEST]);
  const parts = request.parts({
    limits: { files: SETUP_FILES.length, fileSize: SETUP_FILE_BYTES, fields: 10, fieldSize: 1024 },
  });
  for await (const part of parts) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      const slot = SETUP_FILES.find((s) => s === part.fieldname);
      if (slot && !bySlot.has(slot) && bytes.length > 0)
        bySlot.set(slot, { name: fileName(part.filename, slot, taken), bytes: new Uint8Array(bytes) });
    } else raw[part.fieldname] = part.value;
  }
  const parsed = Fields.safeParse(raw);
  if (!parsed.success) {
    throw new AppError(
      'BAD_INPUT',
      '表单有误',
      parsed.error.issues.map((issue) => ({ path: `form.${issue.path.join('.')}`, message: issue.message })),
    );
  }
  const f = parsed.data;
  const text = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
  const units = bySlot.get('units');
  const areas = bySlot.get('areas');
  const catalogue = bySlot.get('catalogue');
  const boundaries = bySlot.get('boundaries');
  const isWorkbook = units !== undefined && /\.xlsx$/i.test(units.name);
  const manifest: Record<string, unknown> = {
    name: f.name ?? '',
    level: f.level ?? '',
    code: f.code?.trim() ?? '',
    ...(text(f.parent) ? { parent: text(f.parent) } : {}),
    units: units?.name ?? '',
    ...(areas
      ? { areas: areas.name }
      : isWorkbook && f.withAreas !== 'false'
        ? { areas: `${units.name}#区域` }
        : {}),
    ...(catalogue
      ? {
          catalogue: {
            file: catalogue.name,
            effectiveFrom: text(f.catalogueFrom) ?? beijingDate(now.toISOString()),
            note: f.catalogueNote?.trim() ?? '',
          },
        }
      : {}),
    ...(boundaries ? { boundaries: boundaries.name } : {}),
  };
  const files: Record<string, Uint8Array> = {};
  for (const file of bySlot.values()) files[file.name] = file.bytes;
  return { files, manifest };
}

/** The manifest's keys (`jurisdiction.json:code`) as the form's fields (`form.code`). */
function formPath(path: string): string {
  const prefix = `${MANIFEST}:`;
  // The setup command names the manifest's keys bare (`code`, `parent`).
  const key = path.startsWith(prefix) ? path.slice(prefix.length) : path;
  const field = FIELD_OF_KEY[key];
  if (field) return `form.${field}`;
  return path.startsWith(prefix) ? `form.${key}` : path;
}

/** Runs `fn`, its errors' places named as the form names them. */
async function atFormFields<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (!isAppError(error)) throw error;
    const details = error.details.map((d) => ({ path: formPath(d.path), message: d.message }));
    throw new AppError(error.code, error.message, details);
  }
}

const read = (upload: Upload, manifest: Record<string, unknown>) =>
  atFormFields(() =>
    parseJurisdictionFolder(
      { ...upload.files, [MANIFEST]: new TextEncoder().encode(JSON.stringify(manifest)) },
      { sheetsWithFileName: true },
    ),
  );

/**
 * Reads the upload into a checked definition; every problem at its place. A wrong form field
 * stops the reading of a folder (its manifest comes first), so the files are then read again
 * under stand-in facts, and their own problems are answered with the form's in one pass.
 */
async function readDefinition(upload: Upload): Promise<JurisdictionDefinition> {
  try {
    return await read(upload, upload.manifest);
  } catch (error) {
    const onForm = (path: string) => path.startsWith('form.');
    if (!isAppError(error, 'BAD_INPUT') || !error.details.every((d) => onForm(d.path))) throw error;
    const { parent: _parent, ...rest } = upload.manifest;
    const standIn = { ...rest, name: '辖区', level: '区县', code: '110101' };
    const more = await read(upload, standIn).then(
      () => [],
      (again: unknown) => (isAppError(again) ? again.details.filter((d) => !onForm(d.path)) : []),
    );
    const details = [...error.details, ...more];
    throw new AppError('BAD_INPUT', `设置有 ${details.length} 处问题，未建立`, details);
  }
}

/** FORBIDDEN unless the caller may set up a jurisdiction under this parent (and see it after). */
async function assertMaySetUp(
  ctx: ServerContext,
  request: FastifyRequest,
  user: User,
  def: JurisdictionDefinition,
): Promise<string | null> {
  const all = await ctx.jurisdictions.list();
  const own = all.find((j) => j.id === user.jurisdictionId);
  if (def.parentCode === undefined) {
    if (own?.code === null) return null;
    throw new AppError('FORBIDDEN', '只能在本辖区之下建立下级辖区', [
      { path: 'form.parent', message: '请选择上级辖区' },
    ]);
  }
  const parent = all.find((j) => j.code === def.parentCode);
  // A parent the caller may not see is answered as one that is not set up.
  if (!parent || !canSee(request.scope, parent.id)) {
    throw new AppError('BAD_INPUT', `上级辖区（代码 ${def.parentCode}）尚未建立`, [
      { path: 'form.parent', message: '上级辖区不存在或无权查看' },
    ]);
  }
  if (!user.seesDescendants) {
    throw new AppError('FORBIDDEN', '本账号不能查看下级辖区，不能建立下级辖区', [
      { path: 'form.parent', message: '需由可查看下级辖区的管理员建立' },
    ]);
  }
  return parent.name;
}

function present(def: JurisdictionDefinition, setup: JurisdictionSetup, parentName: string | null) {
  return {
    name: def.name,
    level: def.level,
    code: def.code,
    parentName,
    areas: def.areas.map((a) => ({
      name: a.name,
      kind: a.kind,
      communities: a.communities.length,
      boundary: a.boundary !== undefined,
    })),
    units: def.units.map((u) => ({ name: u.name, kind: u.kind, aliases: u.aliases, area: u.area ?? null })),
    catalogue: (def.catalogue?.rows ?? []).map((row) => ({
      category: row.category,
      owner:
        row.owner.by === 'area'
          ? { by: 'area' as const, areas: Object.keys(row.owner.units).length, fallback: row.owner.fallback }
          : row.owner,
      designated: row.designated,
      finish: row.finish,
    })),
    unitsCreated: setup.unitsCreated,
    unitsKept: setup.unitsKept,
    unitsJoined: setup.unitsJoined,
    catalogueAdded: setup.catalogueAdded,
    filledDefault: setup.filledDefault,
  };
}

export function jurisdictionRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/jurisdictions',
      {
        schema: {
          tags,
          summary: 'The jurisdictions the caller may see (its own, and those below when granted)',
          response: {
            200: z.object({ items: z.array(JurisdictionSummary), total: z.number().int() }),
          },
        },
      },
      async (request) => {
        requireUser(request);
        const items = (await ctx.jurisdictions.list())
          .filter((j) => canSee(request.scope, j.id))
          .map((j) => ({ id: j.id, name: j.name, level: j.level, code: j.code, parentId: j.parentId }));
        return { items, total: items.length };
      },
    );

    app.post(
      '/jurisdictions/check',
      {
        onRequest: allow('jurisdiction:create'),
        schema: {
          tags,
          summary: 'Read a new jurisdiction’s files: every problem at its place, or what would be created',
          description: setupDescription,
          consumes: ['multipart/form-data'],
          response: { 200: JurisdictionPreview, 400: ErrorBody, 403: ErrorBody, 413: ErrorBody },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const def = await readDefinition(await readSetupUpload(request, ctx.now()));
        const parentName = await assertMaySetUp(ctx, request, user, def);
        const setup = await atFormFields(() => previewJurisdiction(ctx.store, def, changeMeta(ctx, user)));
        return present(def, setup, parentName);
      },
    );

    app.post(
      '/jurisdictions',
      {
        onRequest: allow('jurisdiction:create'),
        schema: {
          tags,
          summary: 'Set up a jurisdiction from its office files (新建辖区), all or nothing',
          description: setupDescription,
          consumes: ['multipart/form-data'],
          response: {
            201: JurisdictionCreated,
            400: ErrorBody,
            403: ErrorBody,
            409: ErrorBody,
            413: ErrorBody,
          },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const def = await readDefinition(await readSetupUpload(request, ctx.now()));
        const parentName = await assertMaySetUp(ctx, request, user, def);
        const setup = await atFormFields(() =>
          addJurisdiction(ctx.store, def, { ...changeMeta(ctx, user), reason: '新建辖区页面上传' }),
        );
        ctx.jurisdictions.reset();
        reply.code(201);
        return { id: setup.jurisdiction.id, ...present(def, setup, parentName) };
      },
    );
  };
}
