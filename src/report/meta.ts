import { asciiDigits } from './outline.js';
import type { ReportMeta } from './types.js';

// The title block is at most a few lines before "各位代表"; reading a bounded head keeps this O(1).
const HEAD_LIMIT = 400;
const MUNICIPALITIES = /^(北京市|上海市|天津市|重庆市)$/;
const OFFICE = '(?:代理|代)?(?:总理|省长|市长|区长|县长|旗长|州长|盟长|主席|主任)';
const SPEAKER = new RegExp(
  `([\\u4e00-\\u9fa5]{0,30}?${OFFICE})\\s*([\\u4e00-\\u9fa5](?:\\s?[\\u4e00-\\u9fa5]){1,3})(?=\\s|$|各位)`,
);
// "——2021年12月15日在…" or, in the formal style, "——二〇二三年一月十二日在…".
const NUM = '[\\d〇○零一二三四五六七八九十]';
// Some title blocks drop the dash ("2014年1月9日在…") or the day ("——2016年1月在…").
const DELIVERED = new RegExp(
  `(?:[—－-]{1,2}|[（(]|^|\\n)\\s*(${NUM}{4})\\s*年\\s*(${NUM}{1,3})\\s*月\\s*(?:(${NUM}{1,3})\\s*日)?\\s*在`,
);
const MEETING =
  /在\s*([\u4e00-\u9fa5]{0,20}?第[一二三四五六七八九十]{1,4}届(?:全国)?人民代表大会(?:常务委员会)?第[一二三四五六七八九十]{1,4}次(?:全体)?会议)/;
const DIGIT: Record<string, number> = {
  〇: 0,
  '○': 0,
  零: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** "2021" / "二〇二一" → 2021; "十二" → 12; "5" → 5. */
function readNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (s.includes('十')) {
    const [tens, ones] = s.split('十');
    return (tens ? (DIGIT[tens] ?? 0) : 1) * 10 + (ones ? (DIGIT[ones] ?? 0) : 0);
  }
  let n = 0;
  for (const ch of s) n = n * 10 + (DIGIT[ch] ?? 0);
  return n;
}
// "2022年北京市昌平区政府工作报告", "北京市2023年政府工作报告", "政府工作报告".
const TITLE = /^(?:(\d{4})\s*年\s*)?([\u4e00-\u9fa5]{0,30}?)\s*(?:(\d{4})\s*年\s*)?政府工作报告/;

/**
 * The administrative level of a place as written: 国务院 → 国家; a province, autonomous region or
 * municipality under the centre (直辖市) → 省; a district, county or banner → 区县; else 市.
 * @example deriveLevel('北京市昌平区') // '区县'
 */
export function deriveLevel(place: string): ReportMeta['level'] {
  if (/国务院|^中国$|^全国$/.test(place)) return '国家';
  if (MUNICIPALITIES.test(place) || /(省|自治区|特别行政区)$/.test(place)) return '省';
  if (/(区|县|旗|自治县|自治旗|林区|特区)$/.test(place)) return '区县';
  if (/(市|州|盟|地区)$/.test(place)) return '市';
  return undefined;
}

/**
 * Title, place, level, year, delivery date, meeting and speaker from the report's opening lines,
 * whether the title block stands on one line (Changping) or several (Guangdong). Fields the text
 * does not give are left out; never throws.
 * @example parseReportMeta('2022年北京市昌平区政府工作报告 ——2021年12月15日在北京市昌平区第六届人民代表大会第一次会议上 北京市昌平区人民政府代区长 支现伟 各位代表:')
 * // { title: '2022年北京市昌平区政府工作报告', place: '北京市昌平区', level: '区县', year: 2022, deliveredOn: '2021-12-15', … }
 */
export function parseReportMeta(text: string): ReportMeta {
  const meta: ReportMeta = {};
  const raw = asciiDigits(text.slice(0, HEAD_LIMIT).replace(/^\uFEFF/, ''));
  const salutation = raw.search(/各位代表/);
  const block = (salutation >= 0 ? raw.slice(0, salutation) : raw.slice(0, 200)).trim();
  // The block's lines joined: "在广东省第十四届\n人民代表大会…" is one phrase split by the layout.
  const joined = block.replace(/[\r\n]+\s*/g, '');

  const title = TITLE.exec(block.trimStart());
  if (title) {
    meta.title = title[0].replace(/\s+/g, '');
    const year = title[1] ?? title[3];
    if (year) meta.year = Number(year);
    // "北京市海淀区人民政府工作报告": the place is what comes before 人民政府.
    const place = title[2]?.replace(/人民$/, '');
    if (place) meta.place = place;
  }

  // "——20141217日在…": a date printed without 年 and 月 still dates the report
  const compact = /(?:[—－-]{1,2}|^)\s*(\d{4})(\d{2})(\d{2})\s*日\s*在/.exec(joined);
  const date = DELIVERED.exec(joined) ?? DELIVERED.exec(block) ?? compact;
  if (date) {
    const [y, m, d] = [date[1], date[2], date[3]].map((x) => readNumber(x ?? ''));
    if (y && m && m <= 12 && (d ?? 0) <= 31) {
      // A date without its day still dates the report, but is no ISO day.
      if (d) meta.deliveredOn = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      // A report delivered in the last months of a year plans for the next one (Changping: 2021-12-15 → 2022).
      if (!meta.year) meta.year = y + (m >= 10 ? 1 : 0);
    }
  }

  const meeting = MEETING.exec(joined);
  if (meeting?.[1]) {
    meta.meeting = meeting[1];
    const where = /^(.*?)第[一二三四五六七八九十]/.exec(meeting[1])?.[1];
    if (!meta.place && where) meta.place = where;
    // The national report is delivered to the 全国人民代表大会 on behalf of the State Council.
    if (!meta.place && /届全国人民代表大会/.test(meeting[1])) meta.place = '国务院';
  }

  const afterMeeting = meeting
    ? joined.slice(joined.indexOf(meeting[1] ?? '') + (meeting[1]?.length ?? 0))
    : joined;
  const speaker = SPEAKER.exec(afterMeeting.replace(/^\s*上\s*/, ' ').replace(/^[^\u4e00-\u9fa5]+/, ''));
  if (speaker?.[1] && speaker[2]) {
    meta.speakerTitle = speaker[1];
    meta.speaker = speaker[2].replace(/\s+/g, '');
    if (!meta.place) {
      const office = /^(.*?)(?:人民政府)?(?:代理|代)?(?:总理|省长|市长|区长|县长|旗长|州长|盟长|主席)$/.exec(
        meta.speakerTitle,
      )?.[1];
      if (office) meta.place = office;
    }
  }

  // The national report names no place in its title: "我代表国务院，向大会报告政府工作".
  if (!meta.place) {
    const on = /我代表\s*([\u4e00-\u9fa5]{2,20}?)(?:人民政府)?\s*[，,]?\s*向大会报告/.exec(
      text.slice(0, 1000),
    );
    if (on?.[1]) meta.place = on[1];
  }
  if (meta.place) {
    const level = deriveLevel(meta.place);
    if (level) meta.level = level;
  }
  return meta;
}
