/**
 * The other sources of work and the monthly 通报 (issue 18): 批示件, 议定事项, 建议提案, lists,
 * notification settings and bulletins (src/server/routes/work.ts and notify.ts), with the
 * server's types (src/contract).
 */
import { api } from './endpoints';
import type {
  Bulletin,
  BulletinDraft,
  BulletinDraftAnswer,
  InstructionAction,
  InstructionBody,
  IssuedBulletin,
  IssuedBulletinSummary,
  UserNotifySettings,
  WorkItem,
  WorkItemPage,
  WorkItemQuery,
} from '../../../src/contract';

export type {
  Bulletin,
  BulletinDraft,
  BulletinDraftAnswer,
  InstructionAction,
  InstructionBody,
  IssuedBulletin,
  IssuedBulletinSummary,
  UserNotifySettings,
  WorkItem,
  WorkItemPage,
  WorkItemQuery,
} from '../../../src/contract';

export interface SettingsAnswer<T> {
  data: T;
  version: number;
  channels: string[];
}

const V = '/api/v1';

export const workApi = {
  items: (query: WorkItemQuery = {}) =>
    api.get<WorkItemPage>('/work/items', { limit: 200, ...query } as Record<string, string | number>),
  registerInstruction: (body: InstructionBody) => api.post<WorkItem>('/work/instructions', body),
  moveInstruction: (id: number, action: InstructionAction) =>
    api.post<WorkItem>(`/work/instructions/${id}/actions`, action),
  mySettings: () => api.get<SettingsAnswer<UserNotifySettings>>('/notify/settings/me'),
  saveMySettings: (data: UserNotifySettings, version: number) =>
    api.request<SettingsAnswer<UserNotifySettings>>('PUT', '/notify/settings/me', {
      body: { data, version },
    }),
  draft: (month: string) => api.get<BulletinDraftAnswer>(`/bulletins/drafts/${month}`),
  saveDraft: (month: string, data: BulletinDraft, version: number) =>
    api.request<BulletinDraftAnswer>('PUT', `/bulletins/drafts/${month}`, { body: { data, version } }),
  preview: (month: string) => api.get<Bulletin>(`/bulletins/drafts/${month}/preview`),
  issue: (month: string, version: number) =>
    api.post<IssuedBulletinSummary>(`/bulletins/drafts/${month}/issue`, { version }),
  issued: () => api.get<IssuedBulletinSummary[]>('/bulletins'),
  issuedOne: (id: number) => api.get<IssuedBulletin>(`/bulletins/${id}`),
  /** The address a browser downloads an issued 通报 from. */
  fileUrl: (id: number, format: 'docx' | 'xlsx') => `${V}/bulletins/${id}/file.${format}`,
  /** An issued 通报 as PDF (red header kept), made on request. */
  filePdf: (id: number) => api.request<Blob>('GET', `/bulletins/${id}/file.pdf`, { blob: 'application/pdf' }),
};
