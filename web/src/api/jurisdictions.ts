/**
 * Jurisdictions (issue 16.1) as the 新建辖区 page reads and sets them up
 * (src/server/routes/jurisdictions.ts): the ones the caller sees, a check of the uploaded
 * files, and the setup itself.
 */
import { api } from './endpoints';
import type { JurisdictionCreated, JurisdictionPreview, JurisdictionSummary } from '../../../src/contract';

export type { JurisdictionCreated, JurisdictionPreview, JurisdictionSummary };

/** What the office fills in and chooses on the page. */
export interface JurisdictionSetupInput {
  name: string;
  level: string;
  code: string;
  parent?: string;
  catalogueFrom?: string;
  catalogueNote?: string;
  withAreas: boolean;
  files: { units?: File; areas?: File; catalogue?: File; boundaries?: File };
}

function setupForm(input: JurisdictionSetupInput): FormData {
  const form = new FormData();
  form.append('name', input.name);
  form.append('level', input.level);
  form.append('code', input.code);
  if (input.parent) form.append('parent', input.parent);
  if (input.catalogueFrom) form.append('catalogueFrom', input.catalogueFrom);
  if (input.catalogueNote) form.append('catalogueNote', input.catalogueNote);
  form.append('withAreas', String(input.withAreas));
  for (const [field, file] of Object.entries(input.files)) if (file) form.append(field, file, file.name);
  return form;
}

export const jurisdictionsApi = {
  list: async () => (await api.get<{ items: JurisdictionSummary[] }>('/jurisdictions')).items,
  check: (input: JurisdictionSetupInput) =>
    api.request<JurisdictionPreview>('POST', '/jurisdictions/check', { body: setupForm(input) }),
  create: (input: JurisdictionSetupInput) =>
    api.request<JurisdictionCreated>('POST', '/jurisdictions', { body: setupForm(input) }),
};
