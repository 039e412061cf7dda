/**
 * Who works in Luoshi: units (牵头单位 / 配合单位, and the area a street or town office
 * governs), user accounts, sign-in and API tokens, with the writes of each.
 * Registered ids become `components.schemas` in the OpenAPI document.
 */
import { z } from 'zod';
import { Id, Role, UnitKind, pageQueryShape } from './common.js';
import {
  MAX_UNIT_NAME_LENGTH,
  MIN_PASSWORD_LENGTH,
  TOKEN_DAYS_DEFAULT,
  TOKEN_DAYS_MAX,
  TOKEN_SCOPES,
  UNIT_USAGE_KEYS,
} from './constants.js';

export const Unit = z
  .object({
    id: z.int(),
    name: z.string(),
    kind: UnitKind,
    area: z
      .string()
      .optional()
      .describe('the street or town a street or town office governs (属地 dispatch); absent for others'),
    jurisdictionId: z.int().optional().describe('the jurisdiction (辖区) the unit belongs to'),
    aliases: z.array(z.string()).optional().describe('other names offices write for it (简称)'),
  })
  .meta({ id: 'Unit', description: '牵头单位 / 配合单位: a department, town or street' });
export type Unit = z.infer<typeof Unit>;

/** A unit with the version a rename sends back. */
export const VersionedUnit = Unit.extend({
  version: z.int().describe('send it back with a PATCH: a stale version answers 409'),
}).meta({ id: 'VersionedUnit', description: 'a unit with its optimistic-lock version' });
export type VersionedUnit = z.infer<typeof VersionedUnit>;

/** What referred to a unit, by kind of reference (a merge's `moved`, a refused delete's details). */
export const UnitUsage = z
  .object(
    Object.fromEntries(UNIT_USAGE_KEYS.map((key) => [key, z.int().min(0)])) as Record<
      (typeof UNIT_USAGE_KEYS)[number],
      z.ZodInt
    >,
  )
  .meta({ id: 'UnitUsage' });
export type UnitUsage = z.infer<typeof UnitUsage>;

export const UnitMerge = z.object({ unit: VersionedUnit, moved: UnitUsage }).meta({ id: 'UnitMerge' });
export type UnitMerge = z.infer<typeof UnitMerge>;

export const UnitQuery = z.object({ ...pageQueryShape, kind: UnitKind.optional() });
export type UnitQuery = Partial<z.infer<typeof UnitQuery>>;

const UnitName = z.string().trim().min(1).max(MAX_UNIT_NAME_LENGTH);
const UnitArea = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .describe('a street or town of the jurisdiction (GET /requests/areas) that this office governs');

export const UnitCreate = z.object({ name: UnitName, kind: UnitKind, area: UnitArea.optional() }).strict();
export type UnitCreate = z.input<typeof UnitCreate>;

/** Any of name, kind and area (null: it governs none), with the version read. */
export const UnitPatch = z
  .object({
    name: UnitName.optional(),
    kind: UnitKind.optional(),
    area: UnitArea.nullable().optional().describe('the area it governs; null: none'),
    version: z.int().min(0).describe('the version read: a stale one answers 409'),
  })
  .strict()
  .refine((patch) => patch.name !== undefined || patch.kind !== undefined || patch.area !== undefined, {
    message: 'give a new name, kind or area',
    path: ['name'],
  });
export type UnitPatch = z.input<typeof UnitPatch>;

export const UnitDeleteQuery = z.object({
  version: z.coerce.number().int().min(0).optional().describe('when given, a stale version answers 409'),
});

export const UnitMergeBody = z
  .object({
    into: Id.describe('the unit that absorbs this one'),
    version: z.int().min(0).optional().describe("this unit's version read; a stale one answers 409"),
  })
  .strict();
export type UnitMergeBody = z.input<typeof UnitMergeBody>;

export const User = z
  .object({
    id: z.int(),
    username: z.string(),
    displayName: z.string(),
    role: Role,
    unitIds: z.array(z.int()),
    disabled: z.boolean(),
    jurisdictionId: z.int().describe('the jurisdiction (辖区) the account belongs to'),
    seesDescendants: z
      .boolean()
      .describe('sees the jurisdictions below its own (a city 督查室 its districts)'),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

export const UserQuery = z.object({ ...pageQueryShape, role: Role.optional() });
export type UserQuery = Partial<z.infer<typeof UserQuery>>;

const Password = z.string().min(MIN_PASSWORD_LENGTH).max(200);
const DisplayName = z.string().trim().min(1).max(100);
const UnitIds = z.array(Id).max(100);

export const UserCreate = z
  .object({
    username: z
      .string()
      .trim()
      .min(2)
      .max(64)
      .regex(/^[\p{L}\p{N}._@-]+$/u, 'letters, digits and . _ @ - only'),
    displayName: DisplayName,
    role: Role,
    unitIds: UnitIds.default([]),
    password: Password,
    seesDescendants: z.boolean().optional(),
  })
  .strict();
export type UserCreate = z.input<typeof UserCreate>;

export const UserPatch = z
  .object({
    displayName: DisplayName.optional(),
    role: Role.optional(),
    unitIds: UnitIds.optional(),
    disabled: z.boolean().optional(),
    password: Password.optional(),
    seesDescendants: z.boolean().optional(),
  })
  .strict();
export type UserPatch = z.input<typeof UserPatch>;

export const SignIn = z
  .object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(200) })
  .strict();
export type SignIn = z.input<typeof SignIn>;

/** Who is asking, as /me and sign-in answer it. */
export const Me = z
  .object({
    user: User,
    csrfToken: z
      .string()
      .nullable()
      .describe('send it as x-csrf-token on every cookie-authenticated write; null for API tokens'),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

export const TokenScope = z.enum(TOKEN_SCOPES);
export type TokenScope = z.infer<typeof TokenScope>;

export const TokenCreate = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z
      .array(TokenScope)
      .min(1)
      .max(TOKEN_SCOPES.length)
      .optional()
      .describe('what the token may do: read (the default), report, requests, manage'),
    expiresInDays: z
      .int()
      .min(1)
      .max(TOKEN_DAYS_MAX)
      .optional()
      .describe(`days the token lives: ${TOKEN_DAYS_DEFAULT} by default, ${TOKEN_DAYS_MAX} at most`),
  })
  .strict();
export type TokenCreate = z.input<typeof TokenCreate>;

export const ApiToken = z
  .object({
    id: z.int(),
    name: z.string(),
    token: z.string().describe('shown once: send it as `Authorization: Bearer …`'),
    scopes: z.array(TokenScope),
    expiresAt: z.string(),
  })
  .meta({ id: 'ApiToken' });
export type ApiToken = z.infer<typeof ApiToken>;

/** An API token as its owner lists it: never its secret. */
export const ApiTokenInfo = z
  .object({
    id: z.int(),
    name: z.string(),
    scopes: z.array(TokenScope),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
  })
  .meta({ id: 'ApiTokenInfo' });
export type ApiTokenInfo = z.infer<typeof ApiTokenInfo>;
