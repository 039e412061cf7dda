import type { Comparator } from './types.js';

/**
 * The words that qualify a number (GUIDE.md §1 comparators): tight prefixes kept inside the span
 * ("超过683亿元", "近15万人"), verbs before it that stay outside ("达到96%"), and suffixes
 * ("6%左右", "70%以上").
 */

// Tight prefixes, kept inside the span (gold quotes "超过683亿元", "近15万人", "不低于2.6万亩").
export const PREFIXES: [string, Comparator][] = [
  ['不低于', '>='],
  ['不少于', '>='],
  ['至少', '>='],
  ['不超过', '<='],
  ['不高于', '<='],
  ['不多于', '<='],
  ['低于', '<='],
  ['少于', '<='],
  ['小于', '<='],
  ['不足', '<='],
  ['不到', '<='],
  ['超过', '>'],
  ['突破', '>'],
  ['多于', '>'],
  ['高于', '>'],
  ['大于', '>'],
  ['接近', '~'],
  ['将近', '~'],
  ['大约', '~'],
  ['超', '>'],
  ['逾', '>'],
  ['近', '~'],
  ['约', '~'],
];
// Verbs before the number that set a comparator but stay outside the span (GUIDE.md §1:
// 迈上/跨入/达到 read ">="; 提高到/增至/降至 read "=").
export const VERBS: [string, Comparator][] = [
  ['达到', '>='],
  ['迈上', '>='],
  ['跨入', '>='],
  ['迈入', '>='],
  ['跃上', '>='],
  ['跨上', '>='],
  ['站上', '>='],
  ['登上', '>='],
  ['达', '>='],
  ['控制在', '<='],
];
export const SUFFIXES: [string, Comparator][] = [
  ['及以上', '>='],
  ['以上', '>='],
  ['以内', '<='],
  ['之内', '<='],
  ['以下', '<='],
  ['左右', '~'],
  ['上下', '~'],
];

// A one-character qualifier must not be the end of a longer word: 签约 is no 约, 附近 no 近,
// 赶超 no 超; 收入超 and 提高约 are the qualifiers ("收入超500亿元", "提高约12个百分点").
const WORD_BEFORE: Record<string, RegExp> = {
  约: /[签节制履违预特邀集公条合契简相隐婚租]$/,
  近: /[附临邻就贴亲靠最将逼接]$/,
  超: /[赶高]$/,
  逾: /[不]$/,
};

export function endsWithAny<T>(text: string, end: number, list: [string, T][]): [string, T] | undefined {
  for (const entry of list) {
    const w = entry[0];
    if (end >= w.length && text.startsWith(w, end - w.length)) return entry;
  }
  return undefined;
}

export function startsWithAny<T>(text: string, at: number, list: [string, T][]): [string, T] | undefined {
  for (const entry of list) if (text.startsWith(entry[0], at)) return entry;
  return undefined;
}

/**
 * The tight qualifier that ends at `end`, unless its one character closes a longer word.
 * @example prefixBefore('累计签约2417户', 4) // undefined
 */
export function prefixBefore(text: string, end: number): [string, Comparator] | undefined {
  const pre = endsWithAny(text, end, PREFIXES);
  if (!pre || pre[0].length > 1) return pre;
  const word = WORD_BEFORE[pre[0]];
  return word && word.test(text.slice(Math.max(0, end - 2), end - 1)) ? undefined : pre;
}
