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
  DecisionAction,
  EvidenceFileInfo,
  InstructionAction,
  InstructionBody,
  IssuedBulletin,
  IssuedBulletinSummary,
  OutboxPage,
  OutboxQuery,
  ProposalAction,
  ProposalBody,
  UnitNotifySettings,
  UserNotifySettings,
  WorkItem,
  WorkItemPage,
  WorkItemQuery,
  WorkJurisdiction,
} from '../../../src/contract';

export type {
  WorkJurisdiction,
  ProposalBody,
  DecisionAction,
  EvidenceFileInfo,
  OutboxEntry,
  OutboxPage,
  OutboxQuery,
  ProposalAction,
  UnitNotifySettings,
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
  item: (id: number) => api.get<WorkItem>(`/work/items/${id}`),
  registerInstruction: (body: InstructionBody) => api.post<WorkItem>('/work/instructions', body),
  moveInstruction: (id: number, action: InstructionAction) =>
    api.post<WorkItem>(`/work/instructions/${id}/actions`, action),
  moveDecision: (id: number, action: DecisionAction) =>
    api.post<WorkItem>(`/work/decisions/${id}/actions`, action),
  registerProposal: (body: ProposalBody) => api.post<WorkItem>('/work/proposals', body),
  moveProposal: (id: number, action: ProposalAction) =>
    api.post<WorkItem>(`/work/proposals/${id}/actions`, action),
  /** The jurisdictions the office may register work for (its own first), each with its units. */
  jurisdictions: () => api.get<WorkJurisdiction[]>('/work/jurisdictions'),
  /** A 会办 unit's opinion to the 主办 unit (a later one replaces it). */
  coOpinion: (item: WorkItem, unitId: number, text: string) =>
    api.post<WorkItem>(`/work/proposals/${item.id}/actions`, {
      type: 'co_opinion',
      unitId,
      text,
      version: item.version,
    }),
  /** Stores the scan of a 批示件 about to be registered: its id goes as `scanFileId`. */
  uploadScan: (file: Blob, name: string, jurisdictionId?: number) => {
    const form = new FormData();
    if (jurisdictionId !== undefined) form.set('jurisdictionId', String(jurisdictionId));
    form.set('file', file, name);
    return api.request<EvidenceFileInfo>('POST', '/work/instructions/scans', { body: form });
  },
  /** Stores a 建议/提案's answer letter (.docx): its id goes as `letterFileId`. */
  uploadLetter: (id: number, file: Blob, name: string) => {
    const form = new FormData();
    form.set('file', file, name);
    return api.request<EvidenceFileInfo>('POST', `/work/proposals/${id}/letters`, { body: form });
  },
  /** The address a browser opens an item's file at (a scan shows, a letter downloads). */
  itemFileUrl: (id: number, fileId: number) => `${V}/work/items/${id}/files/${fileId}`,
  unitSettings: (unitId: number) =>
    api.get<SettingsAnswer<UnitNotifySettings>>(`/units/${unitId}/notify-settings`),
  saveUnitSettings: (unitId: number, data: UnitNotifySettings, version: number) =>
    api.request<SettingsAnswer<UnitNotifySettings>>('PUT', `/units/${unitId}/notify-settings`, {
      body: { data, version },
    }),
  outbox: (query: OutboxQuery = {}) =>
    api.get<OutboxPage>('/notify/outbox', query as Record<string, string | number>),
  resend: (id: string) => api.post<void>(`/notify/outbox/${encodeURIComponent(id)}/resend`),
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
