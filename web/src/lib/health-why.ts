/**
 * Why a health is what it is, in the reader's language: the server's code with its figures
 * (src/plan/health-why.ts) becomes a sentence of i18n/health-*.ts, with dates, numbers and
 * units formatted for the language. Also the roll-up's arithmetic, said the same way.
 */
import type { TFunction } from 'i18next';
import type { Explanation, HealthWhy } from '../api/tracking';

/** How an expected value was drawn (linear, stepped, seasonal, flat). */
type HealthWhyMethod = Extract<HealthWhy, { code: 'RATIO_VS_EXPECTED' }>['params']['method'];
import { formatDate, formatNumber, formatPercent, formatPromise, formatQuantity, type Lang } from './format';

/** 49.7238 → "49.7%" (a progress of 0–100, one decimal). */
function progressText(value: number, lang: Lang): string {
  return `${formatNumber(Math.round(value * 10) / 10, lang)}%`;
}

/**
 * The sentence for `why` in the language of `t`, or undefined when the code is unknown (a
 * newer server): the caller then shows the server's English `reason`.
 * @example
 * formatHealthWhy({ code: 'PAST_DEADLINE', params: { deadline: '2022-06-30', progress: 80 } }, t, 'zh-CN')
 * // '已超过完成时限（2022年6月30日），进度80%'
 */
export function formatHealthWhy(why: HealthWhy, t: TFunction, lang: Lang): string | undefined {
  const date = (iso: string) => formatDate(iso, lang);
  const ratio = (r: number) => formatPercent(r, lang);
  const count = (n: number) => formatNumber(Math.round(n * 100) / 100, lang);
  const stale = (isStale: boolean) => (isStale ? t('planHealth.stale') : '');
  const method = (m: HealthWhyMethod) => t(`planHealth.method.${m}`);
  const promise = (p: { comparator: string; value: number; unit: string }) =>
    formatPromise(p.value, p.unit, p.comparator, t(`comparator.${p.comparator}`), lang);
  const say = (values: Record<string, string>) => t(`planHealth.why.${why.code}`, values);
  switch (why.code) {
    case 'STARTS_LATER':
    case 'NOTHING_DUE':
    case 'NO_FIGURE_YET':
    case 'REPORTED_DONE':
      return say({ date: date(why.params.date) });
    case 'TARGET_ACHIEVED':
      return say({
        actual: formatQuantity(why.params.actual, why.params.unit, lang),
        promise: promise(why.params),
      });
    case 'SPAN_ENDED_MISSED':
      return say({
        end: date(why.params.end),
        actual: formatQuantity(why.params.actual, why.params.unit, lang),
        promise: promise(why.params),
      });
    case 'RATIO_VS_EXPECTED': {
      const p = why.params;
      return say({
        actual: formatQuantity(p.actual, p.unit, lang),
        expected: formatQuantity(p.expected, p.unit, lang),
        date: date(p.date),
        method: method(p.method),
        ratio: ratio(p.ratio),
        stale: stale(p.stale),
      });
    }
    case 'CLOSED':
    case 'NO_COUNT_PROMISED':
      return say({});
    case 'NO_REPORT_YET':
      return say({ date: date(why.params.date), expected: progressText(why.params.expected, lang) });
    case 'PAST_DEADLINE':
      return say({ deadline: date(why.params.deadline), progress: progressText(why.params.progress, lang) });
    case 'PROGRESS_VS_EXPECTED': {
      const p = why.params;
      return say({
        progress: progressText(p.progress, lang),
        expected: progressText(p.expected, lang),
        date: date(p.date),
        ratio: ratio(p.ratio),
        stale: stale(p.stale),
      });
    }
    case 'STAGE_REACHED':
      return say({
        reached: count(why.params.reached),
        promised: count(why.params.promised),
        stage: why.params.stage,
      });
    case 'STAGE_PAST_DEADLINE':
      return say({
        deadline: date(why.params.deadline),
        reached: count(why.params.reached),
        promised: count(why.params.promised),
        stage: why.params.stage,
      });
    case 'PROJECT_STAGE_COUNT': {
      const p = why.params;
      return say({
        reached: count(p.reached),
        stage: p.stage,
        expected: count(p.expected),
        date: date(p.date),
        ratio: ratio(p.ratio),
      });
    }
    case 'NO_PIPELINE_STAGE':
      return say({ stage: why.params.stage });
    default:
      return undefined;
  }
}

/** The reason to show for a health: `why` said in the reader's language, else the English `reason`. */
export function healthReasonText(
  item: { why?: HealthWhy; reason?: string },
  t: TFunction,
  lang: Lang,
): string | undefined {
  return (item.why ? formatHealthWhy(item.why, t, lang) : undefined) ?? item.reason;
}

/**
 * A roll-up's arithmetic in the reader's language, shares as percentages ("50% × 80 + 50% × 40
 * = 60"), the parts left out for lack of data named by `labelOf`.
 * @example explainFormula(answer.progress, t, 'en', labelOf) // "66.7% × 70 + 33.3% × 45 = 61.67"
 */
export function explainFormula(
  explanation: Explanation,
  t: TFunction,
  lang: Lang,
  labelOf: (id: string) => string,
): string {
  const number = (n: number, digits: number) =>
    formatNumber(Math.round(n * 10 ** digits) / 10 ** digits, lang);
  if (explanation.kind === 'empty' || (explanation.kind === 'leaf' && explanation.value === null)) {
    return t('planHealth.formula.noData');
  }
  if (explanation.kind === 'leaf')
    return t('planHealth.formula.own', { value: number(explanation.value!, 2) });
  if (explanation.value === null) return t('planHealth.formula.noChildData');
  const terms = explanation.children
    .filter((c) => c.effectiveShare > 0)
    .map((c) => `${formatPercent(c.effectiveShare, lang)} × ${number(c.value ?? 0, 2)}`);
  const left = explanation.children
    .filter((c) => c.value === null && c.effectiveShare === 0)
    .map((c) => c.label ?? labelOf(c.id));
  const sum = `${terms.join(' + ') || '0'} = ${number(explanation.value, 2)}`;
  if (left.length === 0) return sum;
  return sum + t('planHealth.formula.leftOut', { items: left.join(lang === 'zh-CN' ? '、' : ', ') });
}
