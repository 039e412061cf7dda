import { Typography } from 'antd';
import type { Span } from '../api/types';

export interface SourceContextProps {
  /** The report's whole text; when missing, `sentence` is shown alone. */
  text?: string;
  span: Span;
  /** The sentence holding the span, used when the text is not loaded. */
  sentence?: string;
  /** Characters of context on each side. */
  around?: number;
}

/**
 * The paragraph around [start, end); when the paragraph is long, at most `around` characters
 * each side, cut at a sentence end (。) so the context starts and ends cleanly.
 */
export function deriveContext(text: string, start: number, end: number, around: number): [number, number] {
  let from = text.lastIndexOf('\n', start - 1) + 1;
  if (start - from > around) {
    const window = text.slice(start - around, start);
    const stop = window.indexOf('。');
    from = stop >= 0 ? start - around + stop + 1 : start - around;
  }
  let to = text.indexOf('\n', end);
  if (to < 0) to = text.length;
  if (to - end > around) {
    const window = text.slice(end, end + around);
    const stop = window.lastIndexOf('。');
    to = stop >= 0 ? end + stop + 1 : end + around;
  }
  return [from, to];
}

/** The source sentence with the item marked, as plain text (never HTML). */
export function SourceContext({ text, span, sentence, around = 160 }: SourceContextProps) {
  const [start, end] = span;
  if (!text || end > text.length) {
    return <Typography.Paragraph className="lx-source">{sentence ?? ''}</Typography.Paragraph>;
  }
  const [from, to] = deriveContext(text, start, end, around);
  return (
    <Typography.Paragraph className="lx-source">
      {from > 0 ? '…' : ''}
      {text.slice(from, start)}
      <mark className="lx-source-mark">{text.slice(start, end)}</mark>
      {text.slice(end, to)}
      {to < text.length ? '…' : ''}
    </Typography.Paragraph>
  );
}
