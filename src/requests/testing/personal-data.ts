/**
 * Personal data made up in many spellings, and request text as people phone it in around it,
 * for the property tests of the public rule (issue 12.1) and the HTTP test of every public
 * output. The texts around the data hold no digits in any script, so a digit left in a public
 * text field is a leak (`leaks`). Test code only (testing folders are not built).
 */
import fc from 'fast-check';
import { normalizeForRedaction } from '../redact.js';

// Digit spellings: ASCII, full-width, Chinese, financial Chinese, circled, mathematical bold.
export const SCRIPTS: ((d: number) => string)[] = [
  (d) => String(d),
  (d) => String.fromCharCode(0xff10 + d),
  (d) => '〇一二三四五六七八九'[d]!,
  (d) => '零壹贰叁肆伍陆柒捌玖'[d]!,
  (d) => (d === 0 ? '⓪' : String.fromCharCode(0x245f + d)),
  (d) => String.fromCodePoint(0x1d7ce + d),
  (d) => (d === 1 ? '幺' : d === 0 ? '洞' : String(d)),
];
export const SEPARATORS = ['', '', ' ', '-', '－', '—', '.', '·', '\u3000', '\u200B', '\u202E', ' - ', '/'];

/** Digits spelt in one script per digit run, split into groups by a separator. */
export const spelt = (digits: string) =>
  fc
    .record({
      script: fc.integer({ min: 0, max: SCRIPTS.length - 1 }),
      mixed: fc.boolean(),
      scripts: fc.array(fc.integer({ min: 0, max: SCRIPTS.length - 1 }), {
        minLength: digits.length,
        maxLength: digits.length,
      }),
      sep: fc.constantFrom(...SEPARATORS),
      cuts: fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, digits.length - 1) }), { maxLength: 4 }),
    })
    .map(({ script, mixed, scripts, sep, cuts }) =>
      [...digits]
        .map((c, i) => (cuts.includes(i) ? sep : '') + SCRIPTS[mixed ? scripts[i]! : script]!(Number(c)))
        .join(''),
    );

export const digitString = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((a) => a.join(''));

export interface Secret {
  /** How it reads in the text. */
  text: string;
  /** What must not appear in any public text field (already normalised); digits are checked apart. */
  needles: string[];
}

export const mobile = fc
  .tuple(
    fc.integer({ min: 3, max: 9 }),
    digitString(9, 9),
    fc.constantFrom('', '+86 ', '+86-', '86 ', '(+86)', '＋８６', '0086 '),
  )
  .chain(([second, rest, prefix]) =>
    spelt(`1${second}${rest}`).map((s): Secret => ({ text: prefix + s, needles: [] })),
  );
export const landline = fc
  .tuple(digitString(2, 3), fc.integer({ min: 2, max: 9 }), digitString(6, 7), fc.constantFrom('', '(', '（'))
  .chain(([area, first, rest, open]) =>
    spelt(`${first}${rest}`).map((local): Secret => ({
      text: `${open}0${area}${open === '(' ? ')' : open ? '）' : '-'}${local}`,
      needles: [],
    })),
  );
export const idNumber = fc
  .tuple(
    digitString(6, 6),
    fc.integer({ min: 1940, max: 2010 }),
    digitString(4, 4),
    digitString(3, 3),
    fc.constantFrom('X', 'x', '7'),
  )
  .chain(([area, year, monthDay, seq, check]) =>
    spelt(`${area}${year}${monthDay}${seq}`).map((s): Secret => ({ text: s + check, needles: [] })),
  );
export const PROVINCES = '京津沪冀晋蒙辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新';
export const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
export const plate = fc
  .tuple(
    fc.constantFrom(...PROVINCES),
    fc.constantFrom(...LETTERS),
    fc.constantFrom('', '·', ' ', '-', '•'),
    fc.oneof(
      digitString(5, 5),
      digitString(4, 4)
        .map((d) => `${d}`)
        .chain((d) => fc.constantFrom(...LETTERS).map((l) => l + d)),
      digitString(5, 5).map((d) => `D${d}`),
    ),
    fc.boolean(),
  )
  .map(([p, l, sep, serial, lower]): Secret => {
    const text = `${p}${l}${sep}${lower ? serial.toLowerCase() : serial}`;
    return { text, needles: [`${p}${l}`] };
  });
export const room = fc
  .tuple(
    fc.integer({ min: 1, max: 30 }),
    fc.integer({ min: 1, max: 6 }),
    fc.integer({ min: 1, max: 33 }),
    fc.integer({ min: 1, max: 6 }),
    fc.integer({ min: 0, max: 7 }),
  )
  .chain(([building, unit, floor, door, form]) => {
    const r = `${floor}${String(door).padStart(2, '0')}`;
    const forms = [
      () => `${building}-${unit}-${r}`,
      () => `${building}栋${r}`,
      () => `${building}号院${unit}号楼${r}`,
      () => `${building}号楼${unit}单元${r}室`,
      () => `${building}号楼`,
      () => `${building}幢${unit}单元${r}`,
      () => `${unit}-${r}`,
      () => `${building}号楼${r}室`,
    ];
    const raw = forms[form]!();
    // Spell each run of digits in one script (3栋502, ３栋５０２, 三栋五〇二).
    return fc.integer({ min: 0, max: 3 }).map((script): Secret => ({
      text: raw.replace(/\d/g, (d) => SCRIPTS[script]!(Number(d))),
      needles: [],
    }));
  });
export const email = fc
  .tuple(
    fc.stringMatching(/^[a-z][a-z0-9._]{2,10}[a-z0-9]$/),
    fc.stringMatching(/^[a-z][a-z0-9]{1,7}$/),
    fc.constantFrom('com', 'cn', 'com.cn', 'net', 'org'),
    fc.constantFrom('@', '＠', '(at)', ' at '),
  )
  .map(([local, domain, tld, at]): Secret => ({
    text: `${local}${at}${domain}${at === ' at ' ? ' dot ' : '.'}${tld}`,
    needles: [local],
  }));
// Given names from characters the texts around them never use.
export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '欧阳', '司马', '诸葛'];
export const GIVEN = '晓明建国秀英桂芳志强丽娟海燕俊杰子涵梓萱浩宇欣怡';
export const name = fc
  .tuple(
    fc.constantFrom(...SURNAMES),
    fc.array(fc.constantFrom(...GIVEN), { minLength: 1, maxLength: 2 }).map((a) => a.join('')),
    fc.integer({ min: 0, max: 9 }),
  )
  .map(([surname, given, form]): Secret => {
    const full = surname + given;
    const forms: [string, string[]][] = [
      [`我叫${full}`, [full]],
      [`本人${full}`, [full]],
      [`我是${full}`, [full]],
      [`姓名：${full}`, [full]],
      [`联系人${full}`, [full]],
      [`本人姓${surname}`, [`姓${surname}`]],
      [`${surname}先生`, [`${surname}先生`]],
      [`${surname}女士`, [`${surname}女士`]],
      [`我是老${surname}`, [`老${surname}`]],
      [`业主${full}`, [full]],
    ];
    const [text, needles] = forms[form]!;
    return { text, needles };
  });

export const secret = fc.oneof(mobile, landline, idNumber, plate, room, email, name);

// Sentences as people phone them in, with no digit in any script around the data.
export const OPENINGS = ['您好，', '你好，', '', '麻烦问下，', '反映个问题：'];
export const FILLERS = [
  '家里漏水好几天了',
  '楼下烧烤店晚上很吵',
  '小区门口的路灯不亮',
  '有辆车长期占用消防通道',
  '电话',
  '手机',
  '联系方式',
  '家住',
  '地址是',
  '邮箱',
  '请联系',
  '，',
  '。',
  ' ',
  '物业不管',
  '希望尽快处理',
];
export const sentence = fc
  .tuple(
    fc.constantFrom(...OPENINGS),
    fc.array(fc.tuple(fc.constantFrom(...FILLERS), secret), { minLength: 1, maxLength: 5 }),
  )
  .map(([opening, parts]) => ({
    text: opening + parts.map(([filler, s]) => `${filler}${s.text}`).join('，') + '。',
    secrets: parts.map(([, s]) => s),
  }));

/** The leaks in a text: any digit (the texts around the data have none) and any needle. */
export function leaks(field: string, secrets: readonly Secret[], extra: readonly string[] = []): string[] {
  const plain = normalizeForRedaction(field);
  const found: string[] = [];
  if (/\d/.test(plain)) found.push(`digit in ${JSON.stringify(field)}`);
  for (const needle of [...secrets.flatMap((s) => s.needles), ...extra]) {
    if (needle && plain.toLowerCase().includes(normalizeForRedaction(needle).toLowerCase()))
      found.push(`${needle} in ${JSON.stringify(field)}`);
  }
  return found;
}

/** A citizen's contact: a name, and a phone and e-mail in many spellings. */
export const contact = fc.record({
  name: fc.constantFrom('王晓明', '欧阳子涵', '李先生'),
  phone: mobile,
  email,
});
