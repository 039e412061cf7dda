/**
 * CJK radical code points that some PDF fonts (Noto CJK as printed by Chromium, for one) give
 * in their ToUnicode maps instead of the ideographs they draw: "⼯作" for "工作", "⼈⺠" for "人民".
 * Kangxi radicals (U+2F00–U+2FDF) have compatibility decompositions (NFKC); the CJK Radicals
 * Supplement (U+2E80–U+2EFF) mostly does not, so its simplified forms are listed here.
 */
const SUPPLEMENT: Record<string, string> = {
  '\u2ea0': '民',
  '\u2ec4': '西',
  '\u2ec5': '见',
  '\u2ec6': '角',
  '\u2ec8': '讠',
  '\u2ec9': '贝',
  '\u2ecb': '车',
  '\u2ed1': '長',
  '\u2ed3': '长',
  '\u2ed4': '门',
  '\u2ed8': '青',
  '\u2eda': '页',
  '\u2edb': '风',
  '\u2edc': '飞',
  '\u2edd': '食',
  '\u2ee0': '饣',
  '\u2ee2': '马',
  '\u2ee3': '骨',
  '\u2ee4': '鬼',
  '\u2ee5': '鱼',
  '\u2ee6': '鸟',
  '\u2ee7': '卤',
  '\u2ee8': '麦',
  '\u2ee9': '黄',
  '\u2eea': '黾',
  '\u2eec': '齐',
  '\u2eee': '齿',
  '\u2ef0': '龙',
  '\u2ef3': '龟',
};

/**
 * Replaces CJK radical code points by the ideographs they stand for; everything else,
 * full-width punctuation included, is left as it is.
 * @example replaceRadicals('政府⼯作报告') // '政府工作报告'
 */
export function replaceRadicals(text: string): string {
  return text.replace(/[\u2e80-\u2fdf]/g, (c) => SUPPLEMENT[c] ?? c.normalize('NFKC'));
}
