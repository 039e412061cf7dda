/**
 * What a clerk typed and the server has not confirmed yet, kept on this device (localStorage)
 * per plan, unit and period: closing the tab, losing the session or the network loses nothing.
 * Each line keeps its values as typed and the `savedAt` of the server's line it was typed on
 * (`basedOn`), so the server can tell when someone else saved the line meanwhile.
 */
import type { LineKey, LineValues } from './progress';

export interface PendingLine {
  values: LineValues;
  /** The server line's savedAt when typing began; null when it had none. */
  basedOn: string | null;
}

export interface DraftScope {
  planId: number;
  unitId: number;
  periodKey: string;
}

const PREFIX = 'luoshi.reportDraft';

function storageKey(scope: DraftScope): string {
  return `${PREFIX}.${scope.planId}.${scope.unitId}.${scope.periodKey}`;
}

function storage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined; // storage refused (private mode): the server draft still holds the work
  }
}

/** The lines of `scope` typed on this device and not confirmed by the server. */
export function readPending(scope: DraftScope): Partial<Record<LineKey, PendingLine>> {
  const raw = storage()?.getItem(storageKey(scope));
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Partial<Record<LineKey, PendingLine>>) : {};
  } catch {
    return {};
  }
}

/** Keeps (or, with undefined, forgets) one line typed on this device. */
export function writePending(scope: DraftScope, key: LineKey, line: PendingLine | undefined): void {
  const store = storage();
  if (!store) return;
  const all = readPending(scope);
  if (line) all[key] = line;
  else delete all[key];
  try {
    if (Object.keys(all).length === 0) store.removeItem(storageKey(scope));
    else store.setItem(storageKey(scope), JSON.stringify(all));
  } catch {
    // Storage full: the line is still sent to the server; nothing more to do here.
  }
}
