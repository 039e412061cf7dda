import { useTranslation } from 'react-i18next';
import type { PromiseSlipView } from '../api/promises';
import { formatDate, type Lang } from '../lib/format';
import { ToneTag } from './tags';
import './slip-tag.css';

/**
 * The original promise beside the current one, in a small tag, only where they differ: "原定
 * 2022年6月30日，推迟92天" for a deadline, "原定48.5%，调整-2%" for a target value. Nothing
 * when the promise was never moved, so a list gains no column and no width on a phone.
 */
export function SlipTag({ view, lang }: { view: PromiseSlipView | undefined; lang: Lang }) {
  const { t } = useTranslation();
  const d = view?.deadline;
  const v = view?.value;
  const moved = d && d.original !== d.current;
  const valueMoved = v && v.original !== v.current;
  if (!moved && !valueMoved) return null;
  return (
    <>
      {moved ? (
        <span
          className="lx-slip-tag"
          data-testid="slip-tag"
          title={t('baseline.slip.title', {
            original: formatDate(d.original, lang),
            current: formatDate(d.current, lang),
            count: d.rebaselines,
          })}
        >
          <ToneTag tone={d.days > 0 ? 'orange' : 'grey'}>
            {t(d.days >= 0 ? 'baseline.slip.later' : 'baseline.slip.earlier', {
              date: formatDate(d.original, lang),
              days: Math.abs(d.days),
            })}
          </ToneTag>
        </span>
      ) : null}
      {valueMoved ? (
        <span className="lx-slip-tag" data-testid="slip-tag">
          <ToneTag tone={v.easing ? 'orange' : 'grey'}>
            {v.percent === null
              ? t('baseline.slip.valueMoved', { value: v.original, unit: v.unit })
              : t('baseline.slip.value', {
                  value: v.original,
                  unit: v.unit,
                  percent: Math.round(v.percent * 10) / 10,
                })}
          </ToneTag>
        </span>
      ) : null}
    </>
  );
}
