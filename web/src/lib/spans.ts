/** What a highlight in the report stands for. */
export type MarkKind = 'target' | 'achievement' | 'project' | 'task';

/** One extracted thing to highlight: [start, end) in UTF-16 units of the report text. */
export interface Mark {
  /** Unique among the marks given, e.g. "task:12". */
  key: string;
  kind: MarkKind;
  id: number;
  start: number;
  end: number;
  label: string;
}

/** A stretch of text covered by the same marks, outermost (longest) first. */
export interface Segment {
  start: number;
  end: number;
  marks: Mark[];
}

/** Outer before inner: longer first, then earlier start, then key for a stable order. */
function outerFirst(a: Mark, b: Mark): number {
  return (
    b.end - b.start - (a.end - a.start) || a.start - b.start || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/**
 * Cuts `length` characters of text into segments at every mark boundary, in one sweep over the
 * sorted boundaries (O((n + m) log m) for m marks), so nested and overlapping marks both work:
 * each segment lists every mark that covers it. Marks outside [0, length) are clipped; empty ones
 * are dropped. Segments with no mark are included, so the segments tile the whole text.
 *
 * @example
 * deriveSegments(6, [{ key: 'a', start: 0, end: 4, … }, { key: 'b', start: 2, end: 6, … }])
 * // → [0,2 a] [2,4 a b] [4,6 b]
 */
export function deriveSegments(length: number, marks: readonly Mark[]): Segment[] {
  const clipped: Mark[] = [];
  for (const mark of marks) {
    const start = Math.max(0, Math.min(length, mark.start));
    const end = Math.max(0, Math.min(length, mark.end));
    if (end > start) clipped.push(start === mark.start && end === mark.end ? mark : { ...mark, start, end });
  }
  // Boundary events: +mark at start, -mark at end; ends sort before starts at the same offset.
  const events: { at: number; open: boolean; mark: Mark }[] = [];
  for (const mark of clipped) {
    events.push({ at: mark.start, open: true, mark }, { at: mark.end, open: false, mark });
  }
  events.sort((a, b) => a.at - b.at || Number(a.open) - Number(b.open));

  const segments: Segment[] = [];
  const active = new Map<string, Mark>();
  let cursor = 0;
  let i = 0;
  while (i < events.length) {
    const at = events[i]!.at;
    if (at > cursor) {
      segments.push({ start: cursor, end: at, marks: [...active.values()].sort(outerFirst) });
      cursor = at;
    }
    while (i < events.length && events[i]!.at === at) {
      const event = events[i]!;
      if (event.open) active.set(event.mark.key, event.mark);
      else active.delete(event.mark.key);
      i += 1;
    }
  }
  if (cursor < length) segments.push({ start: cursor, end: length, marks: [] });
  return segments;
}
