/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters — the registration authority (1), the kind of
 * body (1), the registering office's administrative division (6, GB/T 2260), the body's
 * identifier (9, the old organisation code) and a check character over the first 17 (mod 31).
 *
 * Checked here: length, the character set (digits and capitals but I, O, S, V, Z), the kind of
 * body for the authorities GB 32100-2015 lists (1 机构编制, 5 民政, 9 工商/市场监管, Y 其他; codes
 * added later by other authorities are accepted with any kind), a division that opens on a
 * province (or 10, the central level), and the check character. The identifier's own GB 11714
 * check is not enforced: codes given to 个体工商户 and new bodies are not all bound by it.
 */

/** The 31 characters of the code, in value order (GB 32100-2015 Table 1). */
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weights of positions 1–17: 3^(i) mod 31. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** Kinds of body per registration authority, for the authorities of GB 32100-2015. */
const KINDS: Record<string, string> = { '1': '1239', '5': '1239', '9': '123', Y: '1' };
/** First two digits of GB/T 2260 province codes, and 10 for central bodies. */
const PROVINCES = new Set([
  '10', '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82',
]); // prettier-ignore

export type CreditCodeProblem =
  | { code: 'EMPTY' }
  | { code: 'LENGTH'; length: number }
  | { code: 'CHARACTER'; position: number; char: string }
  | { code: 'AUTHORITY'; char: string }
  | { code: 'KIND'; authority: string; char: string }
  | { code: 'DIVISION'; division: string }
  | { code: 'CHECK'; expected: string; got: string };

/**
 * The check character for the first 17 characters (which must be of the code's set).
 * @example
 * creditCodeCheckChar('91110108551385082') // 'Q'
 */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARS.indexOf(first17[i] ?? '') * WEIGHTS[i]!;
  return CHARS[(31 - (sum % 31)) % 31]!;
}

/**
 * The code as typed made canonical: full-width forms folded, spaces and dashes dropped, capitals.
 * @example
 * normaliseCreditCode(' 91110108-551385082q ') // '91110108551385082Q'
 */
export function normaliseCreditCode(text: string): string {
  return text.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
}

/**
 * What is wrong with a code (after normaliseCreditCode), or undefined when it is valid. The first
 * problem found, in the order: empty, length, character, authority, kind, division, check.
 * @example
 * findCreditCodeProblem('91110108551385082Q') // undefined
 * findCreditCodeProblem('91110108551385082A') // { code: 'CHECK', expected: 'Q', got: 'A' }
 */
export function findCreditCodeProblem(text: string): CreditCodeProblem | undefined {
  const code = normaliseCreditCode(text);
  if (code === '') return { code: 'EMPTY' };
  if (code.length !== 18) return { code: 'LENGTH', length: [...code].length };
  for (let i = 0; i < 18; i++) {
    if (!CHARS.includes(code[i]!)) return { code: 'CHARACTER', position: i + 1, char: code[i]! };
  }
  const authority = code[0]!;
  if (authority === '0') return { code: 'AUTHORITY', char: authority };
  const kinds = KINDS[authority];
  if (kinds !== undefined && !kinds.includes(code[1]!)) return { code: 'KIND', authority, char: code[1]! };
  const division = code.slice(2, 8);
  if (!/^\d{6}$/.test(division) || !PROVINCES.has(division.slice(0, 2)))
    return { code: 'DIVISION', division };
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (code[17] !== expected) return { code: 'CHECK', expected, got: code[17]! };
  return undefined;
}

/**
 * A problem in one English sentence (the API's `reason`; the web says it in Chinese by its code).
 * @example
 * describeCreditCodeProblem({ code: 'LENGTH', length: 17 }) // '有17位，应为18位'
 */
export function describeCreditCodeProblem(problem: CreditCodeProblem): string {
  switch (problem.code) {
    case 'EMPTY':
      return '未填写';
    case 'LENGTH':
      return `有${problem.length}位，应为18位`;
    case 'CHARACTER':
      return `第${problem.position}位“${problem.char}”不是代码用字（数字和除I、O、S、V、Z以外的大写字母）`;
    case 'AUTHORITY':
      return `第1位“${problem.char}”不是登记管理部门代码`;
    case 'KIND':
      return `第2位“${problem.char}”不是登记管理部门${problem.authority}下的机构类别代码`;
    case 'DIVISION':
      return `第3至8位“${problem.division}”不是行政区划代码`;
    case 'CHECK':
      return `校验位应为“${problem.expected}”，填的是“${problem.got}”`;
  }
}

/**
 * The canonical code, or undefined when it is not valid.
 * @example
 * parseCreditCode('91110108551385082q') // '91110108551385082Q'
 */
export function parseCreditCode(text: string): string | undefined {
  return findCreditCodeProblem(text) === undefined ? normaliseCreditCode(text) : undefined;
}
