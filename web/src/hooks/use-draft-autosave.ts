/**
 * Autosave of a report's draft, line by line (issue 14): each change is kept on this device at
 * once and sent to the server a moment after the clerk stops typing, based on the line as last
 * read. The server answers 409 when someone else saved the line meanwhile (`conflict`: the
 * clerk's values stay in the form and on the device until they choose), 401 when the session
 * ran out and a network failure (`offline`: kept, sent again on the next change or a reload).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { isApiError } from '../api/client';
import { readPending, writePending, type DraftScope, type PendingLine } from '../lib/draft-mirror';
import type { LineKey, LineValues } from '../lib/progress';

export type SaveState = 'saving' | 'saved' | 'conflict' | 'offline' | 'failed';

export interface AutosaveOptions {
  scope: DraftScope;
  /** Each line's savedAt on the server as last read (absent: none saved). */
  savedAt: ReadonlyMap<LineKey, string | undefined>;
  /** Sends one line; answers the server's savedAt. */
  save: (values: LineValues, basedOn: string | null) => Promise<{ savedAt: string }>;
  /** Milliseconds of quiet before a line is sent. */
  delayMs?: number;
}

export interface Autosave {
  states: Partial<Record<LineKey, SaveState>>;
  /** Lines typed on this device and not confirmed when the form opened (a closed tab, a lost session). */
  restored: Partial<Record<LineKey, PendingLine>>;
  queue: (key: LineKey, values: LineValues) => void;
  /** After a conflict: save the clerk's values over the line saved at `serverSavedAt`. */
  keepMine: (key: LineKey, serverSavedAt: string | undefined) => void;
  /** After a conflict: drop the clerk's values (the form takes the server's line). */
  dropMine: (key: LineKey) => void;
  /** A line handed in: nothing of it is pending any more. */
  forget: (key: LineKey) => void;
}

export function useDraftAutosave(options: AutosaveOptions): Autosave {
  const { scope, delayMs = 800 } = options;
  const scopeKey = `${scope.planId}.${scope.unitId}.${scope.periodKey}`;
  const restored = useMemo(() => readPending(scope), [scopeKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const [states, setStates] = useState<Partial<Record<LineKey, SaveState>>>({});
  const saveRef = useRef(options.save);
  saveRef.current = options.save;
  const pending = useRef(new Map<LineKey, PendingLine>());
  const timers = useRef(new Map<LineKey, ReturnType<typeof setTimeout>>());
  const inFlight = useRef(new Set<LineKey>());
  const again = useRef(new Set<LineKey>());
  const known = useRef(new Map<LineKey, string | null>());

  const setState = useCallback((key: LineKey, state: SaveState | undefined) => {
    setStates((previous) => ({ ...previous, [key]: state }));
  }, []);
  const basedOn = (key: LineKey): string | null =>
    known.current.has(key) ? known.current.get(key)! : (options.savedAt.get(key) ?? null);

  const flush = useCallback(
    async (key: LineKey) => {
      const line = pending.current.get(key);
      if (!line) return;
      if (inFlight.current.has(key)) {
        again.current.add(key);
        return;
      }
      inFlight.current.add(key);
      setState(key, 'saving');
      try {
        const answer = await saveRef.current(line.values, line.basedOn);
        known.current.set(key, answer.savedAt);
        if (pending.current.get(key) === line) {
          pending.current.delete(key);
          writePending(scope, key, undefined);
          setState(key, 'saved');
        } else {
          // Typed on while saving: the next save builds on this one.
          const next = pending.current.get(key)!;
          const rebased = { ...next, basedOn: answer.savedAt };
          pending.current.set(key, rebased);
          writePending(scope, key, rebased);
          again.current.add(key);
        }
      } catch (error) {
        // A line handed in (or dropped) meanwhile: its late answer changes nothing.
        if (!pending.current.has(key)) return;
        setState(
          key,
          isApiError(error, 'CONFLICT')
            ? 'conflict'
            : isApiError(error) && error.status !== 401 && error.status < 500
              ? 'failed'
              : 'offline',
        );
      } finally {
        inFlight.current.delete(key);
        if (again.current.delete(key)) void flush(key);
      }
    },
    [scopeKey, setState], // eslint-disable-line react-hooks/exhaustive-deps
  );

  const queue = useCallback(
    (key: LineKey, values: LineValues) => {
      const line: PendingLine = { values, basedOn: pending.current.get(key)?.basedOn ?? basedOn(key) };
      pending.current.set(key, line);
      writePending(scope, key, line);
      const timer = timers.current.get(key);
      if (timer) clearTimeout(timer);
      timers.current.set(
        key,
        setTimeout(() => {
          timers.current.delete(key);
          void flush(key);
        }, delayMs),
      );
    },
    [flush, delayMs, scopeKey], // eslint-disable-line react-hooks/exhaustive-deps
  );

  const keepMine = useCallback(
    (key: LineKey, serverSavedAt: string | undefined) => {
      const line = pending.current.get(key);
      if (!line) return;
      const rebased = { ...line, basedOn: serverSavedAt ?? null };
      pending.current.set(key, rebased);
      writePending(scope, key, rebased);
      void flush(key);
    },
    [flush, scopeKey], // eslint-disable-line react-hooks/exhaustive-deps
  );

  const forget = useCallback(
    (key: LineKey) => {
      const timer = timers.current.get(key);
      if (timer) clearTimeout(timer);
      timers.current.delete(key);
      pending.current.delete(key);
      known.current.delete(key);
      writePending(scope, key, undefined);
      setState(key, undefined);
    },
    [scopeKey, setState], // eslint-disable-line react-hooks/exhaustive-deps
  );

  // Lines left on this device last time are sent again, on the line they were typed on.
  useEffect(() => {
    for (const [key, line] of Object.entries(restored) as [LineKey, PendingLine][]) {
      pending.current.set(key, line);
      void flush(key);
    }
  }, [restored, flush]);

  // Leaving the page sends what waits (the device copy stays until the server confirms).
  useEffect(() => {
    const timerMap = timers.current;
    return () => {
      for (const [key, timer] of timerMap) {
        clearTimeout(timer);
        void flush(key);
      }
      timerMap.clear();
    };
  }, [flush]);

  return { states, restored, queue, keepMine, dropMine: forget, forget };
}
