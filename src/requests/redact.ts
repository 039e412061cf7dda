/**
 * One redaction of personal data in free text (issue 12.1, 12.7): phone numbers (mobile and
 * landline), ID numbers, bank cards and other long numbers, e-mail addresses, chat accounts
 * (微信, QQ), licence plates, room and house numbers, and names people give of themselves.
 *
 * The text is first read through a normalised copy of the same length — full-width and other
 * digit forms (１, 一, 壹, ①, 𝟏) become 0–9, every dash, space, zero-width and direction mark
 * becomes one separator — so "１３９ １２３４－５６７８", "+86 138 1234 5678" and
 * "一三八一二三四五六七八" are found as the same number. What is found is cut from the
 * original text, one ＊ for each stretch; everything else stays as written.
 *
 * The rules are about spellings, never about a place: a plate's leading character is one of
 * the national province abbreviations (GA 36), not a list of streets.
 */

/** What a stretch of personal data is. `number` covers phones, landlines, ID and card numbers. */
export type PersonalDataKind = 'number' | 'email' | 'account' | 'plate' | 'address' | 'name';

export const PERSONAL_DATA_KINDS: readonly PersonalDataKind[] = [
  'number',
  'email',
  'account',
  'plate',
  'address',
  'name',
];

/**
 * What a unit that a citizen stays anonymous to may not see (issue 12.7): who the citizen is and
 * how to reach them. The address, rooms and plates stay: the unit goes there to do the work.
 */
export const UNIT_HIDDEN_KINDS: readonly PersonalDataKind[] = ['number', 'email', 'account', 'name'];

/** A stretch of personal data: [start, end) in the original text. */
export interface PersonalDataSpan {
  kind: PersonalDataKind;
  start: number;
  end: number;
}

export interface RedactOptions {
  /** Kinds to cut; all of them by default (what the public may never see). */
  kinds?: readonly PersonalDataKind[];
  /** Names known to belong to the citizen (the contact's): cut wherever they appear. */
  names?: readonly string[];
}

export const REDACTION_MARK = '＊';

/** Digits as people write them in Chinese text: the index is the digit (洞 and 幺 as radio and phone operators say 0 and 1). */
const HAN_DIGITS = [
  '零〇○洞',
  '一幺壹',
  '二贰貳',
  '三叁參',
  '四肆',
  '五伍',
  '六陆陸',
  '七柒',
  '八捌',
  '九玖',
];
const DIGITS = new Map<string, string>(
  HAN_DIGITS.flatMap((chars, digit) => [...chars].map((c): [string, string] => [c, String(digit)])),
);

/** Characters that separate digits or hide between them: spaces, zero-width and direction marks. */
const INVISIBLE = /[\s\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF]/;
const DASHES = /[\u2010-\u2015\u2212\u2E3A\u2E3B\uFE58\uFE63\u30FC\uFF70_~]/;
const DOTS = /[\u00B7\u2022\u2027\u2219\u22C5\u30FB\uFF65\u3002\uFF61]/;

/**
 * The text with every character replaced by its plain form, one UTF-16 unit for one, so a
 * position in the result is the same position in the text: digits in any script → 0–9,
 * full-width ASCII → ASCII, dashes → '-', middle dots and 。 → '.', spaces and invisible
 * marks → ' '. A digit outside the BMP (𝟏) becomes the digit and a space. Chinese numerals
 * (一, 壹) become digits unless `hanDigits` is false: names are read with them left as they are
 * (李四, 张三丰).
 * @example
 * normalizeForRedaction('１３８－一二三４') // '138-1234'
 */
export function normalizeForRedaction(text: string, hanDigits = true): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const code = c.charCodeAt(0);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const cp = text.codePointAt(i)!;
      // Mathematical digits (𝟎–𝟿: bold, double-struck, sans, monospace): five runs of ten.
      out += cp >= 0x1d7ce && cp <= 0x1d7ff ? `${(cp - 0x1d7ce) % 10} ` : c + text[i + 1]!;
      i++;
      continue;
    }
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code >= 0x2460 && code <= 0x2468)
      out += String(code - 0x245f); // ①–⑨
    else if (code >= 0x2776 && code <= 0x277e)
      out += String(code - 0x2775); // ❶–❾
    else if (code === 0x24ea || code === 0x24ff)
      out += '0'; // ⓪ ⓿
    else if (hanDigits && DIGITS.has(c)) out += DIGITS.get(c)!;
    else if (INVISIBLE.test(c)) out += ' ';
    else if (DASHES.test(c)) out += '-';
    else if (DOTS.test(c)) out += '.';
    else out += c;
  }
  return out;
}

// Between two digits of one number: up to three of space, dash, dot, slash, brackets.
const SEP = String.raw`[ \-./()\[\]]`;
/**
 * Seven or more digits with separators (a phone has 11, a landline 7–12, an ID 15 or 18). Up to
 * five separators between two digits: " - " between digits outside the BMP (𝟔 - 𝟐) is five.
 */
const LONG_NUMBER = new RegExp(
  String.raw`(?:[(\[] ?)?(?:\+${SEP}{0,5})?(?<!\d)\d(?:${SEP}{0,5}\d){6,}(?:${SEP}{0,5}[Xx](?![A-Za-z]))?`,
  'gd',
);
/** A date (2024-07-01, 2024/7/1, 2024.07.01) and time standing alone: not a phone number. */
const DATE = new RegExp(
  String.raw`(?<!\d${SEP}{0,3})(?:19|20)\d\d([-./])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])` +
    String.raw`(?:[ T]\d{1,2}:\d\d(?::\d\d)?)?(?!${SEP}{0,3}\d)`,
  'gd',
);
const EMAIL = new RegExp(
  String.raw`[A-Za-z0-9._%+\-]+ ?(?:@|[(\[] ?at ?[)\]]| at ) ?[A-Za-z0-9\-]+` +
    String.raw`(?: ?(?:\.|[(\[] ?dot ?[)\]]| dot ) ?[A-Za-z0-9\-]+)+`,
  'gid',
);
/** An account named by its app: 微信号 wx_li2024, QQ 12345, vx: abc123. The account is cut. */
const ACCOUNT =
  /(?:微信号?|微信|wechat|weixin|wx|vx|v信|威信|q\s?q号?|扣扣|抖音号|快手号|微博)\s*(?:号码|账号|帐号|id)?\s*[:=]?\s*(?:是|为|:)?\s*([A-Za-z0-9][A-Za-z0-9_-]{4,24})/dgi;
/** GA 36 plates: a province abbreviation, a letter, five (six for new-energy) letters or digits. */
const PLATE =
  /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领][ .-]{0,2}[A-Z][ .-]{0,2}(?:[A-Z0-9][ .-]?){4,5}[A-Z0-9挂学警港澳领试超]/dgi;

const NUM = String.raw`[\d十百]+`;
/** A building, its unit, floor and room: 5号院3号楼2单元1702室, 3栋502, A座1203, 3楼. */
const PLACE_TOKEN = String.raw`(?:${NUM} ?(?:号院|号楼|号公寓|栋|幢|座|單元|单元|楼层|层|楼|号房|房间|室)|[A-Z] ?座)`;
const ROOM_CHAIN = new RegExp(
  String.raw`(?:${PLACE_TOKEN} ?-? ?)+(?:\d{1,2} ?- ?)?(?:\d{2,4}(?: ?(?:室|号|户))?)?`,
  'gid',
);
/** Room numbers written with dashes: 3-2-502 (building-unit-room), 2-1702 (unit-room). */
const DASHED_ROOM =
  /(?<!\d|\d[-.])(?:\d{1,3} ?- ?\d{1,3} ?- ?\d{2,4}|\d{1,3} ?- ?\d{1,2}(?:0[1-9]|[1-3]\d))(?!\d|[-.]\d|\s*(?:米|公里|千米|km|m|元|块|个|人|天|日|月|年|次|分|小时|%|℃|度|岁|号线|路))/dgi;
/** A house number after a road, lane or village: 西大街18号, 胡同5号. 3号线 and 7月1号 stay. */
const HOUSE_NUMBER =
  /(?<=(?:路|街|道|巷|胡同|里|弄|村|庄|屯|园|苑|甲|乙|丙) ?)\d+ ?(?:-\d+ ?)?号(?!线|口|门|站|航站楼|文件|令|公告)/dg;

// The commonest surnames (about nine in ten people), compound ones first. Words that are mostly
// function words (和, 向, 从, 于 as "at") are left out where a wrong cut would be likely.
const COMPOUND_SURNAMES =
  '欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|令狐|司徒|夏侯|轩辕|长孙|宇文|端木|独孤|南宫|西门|呼延|澹台|万俟';
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林于白康罗郑梁谢宋唐许韩冯邓曹彭曾萧肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方邹熊孟秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱覃武戴莫孔汤易常乔赖文庞樊兰殷施洪翟安颜倪严牛温芦季俞章鲁葛伍申尤毕聂柴焦祝邢包骆宁尚';
const SURNAME = `(?:${COMPOUND_SURNAMES}|[${SURNAMES}])`;
const HAN = String.raw`[\u4e00-\u9fa5]`;
const TITLES =
  '先生|女士|小姐|师傅|阿姨|大爷|大妈|大娘|大姐|大哥|奶奶|爷爷|姥姥|姥爷|老师|同志|老人|老太太|老大爷|老先生|某某|某';

/** Words that often follow a name: the name ends before them (联系人王先生已确认). */
const AFTER_NAME =
  '已|的|说|讲|称|表示|反映|反应|来电|投诉|举报|电话|手机|联系|家|住|在|是|和|与|及|等|请|要求|希望|想|今|昨|前|去|到|打|发|向|对|于|从|也|都|就|还|又|再|先生|女士|小姐';
/** Words that end the name of a place, not a person: 我是龙腾苑小区的. */
const PLACE_WORDS =
  '小区|社区|村|街道|镇|乡|大街|路|胡同|公司|物业|学校|小学|中学|医院|花园|家园|大厦|中心|公寓|号|楼|委|会|局|所|站|店';
const NAME_END = String.raw`(?=${AFTER_NAME}|[^\u4e00-\u9fa5]|$)`;

const NAME_RULES: RegExp[] = [
  // 我叫王小明, 姓名：李四, 联系人 张三: what follows is a name, whatever it is. It ends where a
  // word that follows names begins, else after three characters.
  new RegExp(
    String.raw`(?:我叫|我名叫|名叫|本人叫|我的名字[是叫]|名字[是叫]|真名[是叫]?|姓名|联系人|来电人|报料人|诉求人|反映人|投诉人|举报人|签名)` +
      String.raw` ?[:是为]? ?((?:${HAN}{2,4}?${NAME_END}|${HAN}{2,3})(?:\.${HAN}{1,8})?)`,
    'gd',
  ),
  // 我是王小明, 本人李四, 我是老王, 业主王建国: a name only when it starts with a surname, and
  // not a place (我是龙腾苑小区的业主: 龙 is a surname too).
  new RegExp(
    String.raw`(?:我是|本人是|本人|我系|鄙人|在下|业主|居民|市民|住户|村民|租户|车主|家属)\s?(?!${HAN}{0,4}?(?:${PLACE_WORDS}))` +
      String.raw`((?:老|小|阿)?${SURNAME}(?:${HAN}{0,2}?${NAME_END}|${HAN}{0,2}))`,
    'gd',
  ),
  // 本人姓李, 免贵姓欧阳, 姓：张.
  new RegExp(String.raw`(?<!百)姓 ?[:是]? ?(${SURNAME})`, 'gd'),
  // 王先生, 李女士, 张小明先生, 刘某某, 赵师傅.
  new RegExp(String.raw`(${SURNAME}${HAN}{0,2}?(?:${TITLES}))`, 'gd'),
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A known name matched with any separators between its characters (王 小 明, 王·小明). */
function knownNamePattern(name: string): RegExp | undefined {
  const chars = [...normalizeForRedaction(name, false).replace(/[ .-]/g, '')];
  if (chars.length < 2) return undefined;
  const parts = chars.map(escapeRegExp);
  const full = parts.join(`${SEP}{0,2}`);
  // The given name alone (小明) when it has two characters or more: people sign with it. A
  // name that is a surname and a title (王先生) has no given name to look for.
  const titled = new RegExp(`(?:${TITLES})$`).test(chars.join(''));
  const given = chars.length >= 3 && !titled ? `|${parts.slice(1).join(`${SEP}{0,2}`)}` : '';
  return new RegExp(`${full}${given}`, 'gid');
}

/** Every match of `pattern` (flags g and d) as a span: its first group when it has one. */
function collect(pattern: RegExp, text: string, kind: PersonalDataKind, spans: PersonalDataSpan[]): void {
  for (const match of text.matchAll(pattern)) {
    const [start, end] = match.indices?.[1] ?? match.indices?.[0] ?? [0, 0];
    spans.push({ kind, start, end });
  }
}

/** Date spans blanked (same length) so a date's digits never join a number. */
function blankDates(text: string): string {
  return text.replace(DATE, (date) => 'D'.repeat(date.length));
}

function hasDigit(text: string): boolean {
  return /\d/.test(text);
}

/**
 * Every stretch of personal data in `text`, in order, overlapping stretches merged (the kind of
 * the first kept). Positions are in the original text.
 * @example
 * findPersonalData('电话 138 1234 5678') // [{ kind: 'number', start: 3, end: 16 }]
 */
export function findPersonalData(text: string, options: RedactOptions = {}): PersonalDataSpan[] {
  const kinds = new Set(options.kinds ?? PERSONAL_DATA_KINDS);
  const plain = normalizeForRedaction(text);
  // Names, e-mails and accounts are read with Chinese numerals as written (李四 is a name).
  const words = normalizeForRedaction(text, false);
  const spans: PersonalDataSpan[] = [];
  if (kinds.has('number')) collect(LONG_NUMBER, blankDates(plain), 'number', spans);
  if (kinds.has('email')) collect(EMAIL, words, 'email', spans);
  if (kinds.has('account')) collect(ACCOUNT, words, 'account', spans);
  if (kinds.has('plate')) {
    const plates: PersonalDataSpan[] = [];
    collect(PLATE, plain, 'plate', plates);
    spans.push(...plates.filter((s) => hasDigit(plain.slice(s.start, s.end))));
  }
  if (kinds.has('address')) {
    collect(ROOM_CHAIN, plain, 'address', spans);
    collect(DASHED_ROOM, plain, 'address', spans);
    collect(HOUSE_NUMBER, plain, 'address', spans);
  }
  if (kinds.has('name')) {
    for (const rule of NAME_RULES) collect(rule, words, 'name', spans);
    for (const name of options.names ?? []) {
      const pattern = knownNamePattern(name.trim());
      if (pattern) collect(pattern, words, 'name', spans);
    }
  }
  for (const span of spans) {
    // A stretch never splits a character outside the BMP (𝟏 is two UTF-16 units).
    if (/[\uDC00-\uDFFF]/.test(text[span.start] ?? '')) span.start -= 1;
    if (/[\uDC00-\uDFFF]/.test(text[span.end] ?? '')) span.end += 1;
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: PersonalDataSpan[] = [];
  for (const span of spans) {
    if (span.end <= span.start) continue;
    const last = merged.at(-1);
    // Touching or overlapping, or apart by separators only: one stretch, one mark.
    if (last && /^[ \-.]*$/.test(plain.slice(last.end, span.start))) {
      last.end = Math.max(last.end, span.end);
    } else merged.push({ ...span });
  }
  return merged;
}

/**
 * The text with every stretch of personal data replaced by one ＊. By default every kind is cut
 * (what the public may see); `kinds` narrows it (UNIT_HIDDEN_KINDS for a unit the citizen stays
 * anonymous to); `names` adds names known to be the citizen's.
 * @example
 * redactPersonalData('我叫王小明，电话＋86 138-1234-5678，住3栋502') // '我叫＊，电话＋＊，住＊'
 */
export function redactPersonalData(text: string, options: RedactOptions = {}): string {
  const spans = findPersonalData(text, options);
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start) + REDACTION_MARK;
    at = span.end;
  }
  return out + text.slice(at);
}

/**
 * Public redaction with the citizen's own names: every kind of personal data is cut.
 * @example
 * redactText('我是王先生，电话13812345678，住3单元502室', ['王先生']) // '我是＊，电话＊，住＊'
 */
export function redactText(text: string, names: readonly string[] = []): string {
  return redactPersonalData(text, { names });
}
