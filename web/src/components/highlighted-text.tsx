import { memo, useMemo, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { deriveSegments, type Mark } from '../lib/spans';
import './highlighted-text.css';

export interface HighlightedTextProps {
  text: string;
  marks: readonly Mark[];
  /** Called with the innermost mark under the click and every mark covering that place. */
  onSelect?: (mark: Mark, covering: Mark[]) => void;
  /** The mark to show as chosen (its key). */
  selectedKey?: string;
  /** Accessible name of the whole text region. */
  label?: string;
}

/**
 * The report's own text with every extracted thing highlighted. Text is rendered as React text
 * nodes (never HTML). Each segment between mark boundaries is wrapped in one `<mark>` per mark
 * covering it, outermost first, so nesting (an item inside its task sentence) and overlaps both
 * show. The first segment of each mark is focusable and answers Enter/Space like a click.
 */
export const HighlightedText = memo(function HighlightedText({
  text,
  marks,
  onSelect,
  selectedKey,
  label,
}: HighlightedTextProps) {
  const { t } = useTranslation();
  const segments = useMemo(() => deriveSegments(text.length, marks), [text.length, marks]);

  const nodes = useMemo(() => {
    const started = new Set<string>();
    return segments.map((segment) => {
      let node: ReactNode = text.slice(segment.start, segment.end);
      // Innermost wraps the text first, so the outermost ends up outside.
      for (let depth = segment.marks.length - 1; depth >= 0; depth -= 1) {
        const mark = segment.marks[depth]!;
        const first = !started.has(mark.key);
        started.add(mark.key);
        const covering = segment.marks.slice(0, depth + 1);
        const choose = (event: MouseEvent | KeyboardEvent) => {
          event.stopPropagation();
          onSelect?.(mark, covering);
        };
        node = (
          <mark
            className={`lx-mark lx-mark-${mark.kind}${mark.key === selectedKey ? ' lx-mark-selected' : ''}`}
            data-key={mark.key}
            data-kind={mark.kind}
            onClick={choose}
            {...(first
              ? {
                  tabIndex: 0,
                  role: 'button',
                  // The kind is said, not only shown by the line under the text.
                  'aria-label': `${t(`kind.${mark.kind}`)}：${mark.label}`,
                  onKeyDown: (event: KeyboardEvent) => {
                    if (event.key === 'Enter' || event.key === ' ') {
                      event.preventDefault();
                      choose(event);
                    }
                  },
                }
              : {})}
          >
            {node}
          </mark>
        );
      }
      return <span key={segment.start}>{node}</span>;
    });
  }, [segments, text, onSelect, selectedKey, t]);

  return (
    <div className="lx-report-text" aria-label={label} role="document">
      {nodes}
    </div>
  );
});
