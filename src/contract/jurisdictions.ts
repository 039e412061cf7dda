/** Jurisdictions (issue 16.1): the ones a caller may see, and a new one set up from uploaded files. */
import { z } from 'zod';
import { Id, UnitKind } from './common.js';
import { JURISDICTION_LEVELS } from './constants.js';

export const JurisdictionLevel = z.enum(JURISDICTION_LEVELS);

export const JurisdictionSummary = z.object({
  id: Id,
  name: z.string(),
  level: JurisdictionLevel,
  code: z.string().nullable().describe('the 行政区划代码; null for a deployment’s first, not yet set up'),
  parentId: Id.nullable(),
});
export type JurisdictionSummary = z.infer<typeof JurisdictionSummary>;

export const DeadlineRuleView = z.object({
  amount: z.number().int(),
  calendar: z.enum(['natural_hours', 'working_days']),
});

export const CatalogueOwnerView = z.discriminatedUnion('by', [
  z.object({ by: z.literal('territory') }),
  z.object({ by: z.literal('unit'), unit: z.string() }),
  z.object({ by: z.literal('area'), areas: z.number().int(), fallback: z.string() }),
]);

/** What a setup will create (or created): the definition read from the files and the store's answer. */
export const JurisdictionPreview = z.object({
  name: z.string(),
  level: JurisdictionLevel,
  code: z.string(),
  parentName: z.string().nullable(),
  areas: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(['street', 'town']),
      communities: z.number().int(),
      boundary: z.boolean(),
    }),
  ),
  units: z.array(
    z.object({ name: z.string(), kind: UnitKind, aliases: z.array(z.string()), area: z.string().nullable() }),
  ),
  catalogue: z.array(
    z.object({
      category: z.string(),
      owner: CatalogueOwnerView,
      designated: z.boolean(),
      finish: DeadlineRuleView,
    }),
  ),
  unitsCreated: z.number().int(),
  unitsKept: z.number().int().describe('units the deployment already had, found by name, alias or rule'),
  unitsJoined: z.array(z.object({ kept: z.string(), merged: z.string() })),
  catalogueAdded: z.boolean(),
  filledDefault: z.boolean().describe('fills in the deployment’s first jurisdiction instead of adding one'),
});
export type JurisdictionPreview = z.infer<typeof JurisdictionPreview>;

export const JurisdictionCreated = JurisdictionPreview.extend({ id: Id });
export type JurisdictionCreated = z.infer<typeof JurisdictionCreated>;
