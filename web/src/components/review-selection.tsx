import { useRef, useState, type ReactNode } from 'react';
import { Button, Card, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ItemFields } from '../api/review';
import type { ItemKind, Span } from '../api/types';
import { ReviewFieldsForm, type FieldsDraft } from './review-fields-form';

/** The offset in `container`'s text of a DOM position (node, offset) inside it. */
export function textOffset(container: Node, node: Node, offset: number): number | undefined {
  if (!container.contains(node)) return undefined;
  const range = document.createRange();
  range.setStart(container, 0);
  range.setEnd(node, offset);
  return range.toString().length;
}

/** The selection's span within `container`'s text, or undefined when empty or outside it. */
export function selectionSpan(container: Node, selection: Selection | null): Span | undefined {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return undefined;
  const range = selection.getRangeAt(0);
  const start = textOffset(container, range.startContainer, range.startOffset);
  const end = textOffset(container, range.endContainer, range.endOffset);
  if (start === undefined || end === undefined || end <= start) return undefined;
  return [start, end];
}

/** A first guess from the selected words: the first number and what follows it as the unit. */
function guess(quote: string, year: number | undefined): FieldsDraft {
  const match = /(-?\d+(?:\.\d+)?)\s*([%％‰]|[^\d\s，。；、,.;]{1,3})?/.exec(quote);
  return {
    metric: quote
      .slice(0, match?.index ?? quote.length)
      .trim()
      .slice(0, 40),
    comparator: '=',
    value: match?.[1] ?? '',
    unit: match?.[2] ?? '',
    period: year ? `${year}年` : '',
  };
}

export interface ReviewSelectionProps {
  text: string;
  year?: number;
  busy?: boolean;
  onAdd: (kind: ItemKind, fields: ItemFields, span: Span) => Promise<unknown>;
  children: ReactNode;
}

/** Selecting text of the report in review mode offers 添加为目标 / 添加为成绩 for a missed item. */
export function ReviewSelection({ text, year, busy, onAdd, children }: ReviewSelectionProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [span, setSpan] = useState<Span | undefined>();
  const [adding, setAdding] = useState<ItemKind | undefined>();
  const quote = span ? text.slice(span[0], span[1]) : '';

  return (
    <div>
      <div
        ref={ref}
        onMouseUp={() => {
          if (ref.current) setSpan(selectionSpan(ref.current, window.getSelection()));
        }}
        onKeyUp={() => {
          if (ref.current) setSpan(selectionSpan(ref.current, window.getSelection()));
        }}
      >
        {children}
      </div>
      {span ? (
        <Card size="small" style={{ position: 'sticky', bottom: 8, marginTop: 8 }}>
          <Space wrap>
            <Typography.Text ellipsis style={{ maxWidth: 360 }}>
              {t('review.selection', { text: quote })}
            </Typography.Text>
            <Button type="primary" onClick={() => setAdding('target')}>
              {t('review.addTarget')}
            </Button>
            <Button onClick={() => setAdding('achievement')}>{t('review.addAchievement')}</Button>
          </Space>
        </Card>
      ) : null}
      <Modal
        open={adding !== undefined && span !== undefined}
        title={adding === 'achievement' ? t('review.addAchievement') : t('review.addTarget')}
        footer={null}
        onCancel={() => setAdding(undefined)}
        destroyOnHidden
      >
        <Typography.Paragraph className="lx-source">{quote}</Typography.Paragraph>
        {adding && span ? (
          <ReviewFieldsForm
            initial={guess(quote, year)}
            busy={busy}
            submitLabel={adding === 'achievement' ? t('review.addAchievement') : t('review.addTarget')}
            onSubmit={(fields) => {
              void onAdd(adding, fields, span).then(
                () => {
                  setAdding(undefined);
                  setSpan(undefined);
                },
                () => undefined, // the error is shown by whoever added (useReview)
              );
            }}
          />
        ) : null}
      </Modal>
    </div>
  );
}
