/**
 * A notice in each channel's own format: an e-mail's subject, text and HTML; a DingTalk
 * markdown or actionCard; a WeCom markdown within its 4,096 bytes; an SMS within its length.
 * Pure: no I/O. Dates read as an office writes them (2024年5月10日).
 */
import type { Notice, NoticeItem } from './types.js';

/**
 * An ISO date as 2024年5月10日; anything else as given.
 * @example
 * chineseDate('2024-05-10') // '2024年5月10日'
 */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

function itemLine(item: NoticeItem): string {
  const parts = [item.title];
  if (item.detail) parts.push(item.detail);
  if (item.dueOn) parts.push(`办理时限${chineseDate(item.dueOn)}`);
  return parts.join('，');
}

/** The notice as plain text: the e-mail's text part and the generic webhook's `text`. */
export function renderText(notice: Notice): string {
  const lines = [notice.title, '', notice.intro, ''];
  notice.items.forEach((item, i) => {
    lines.push(`${i + 1}. ${itemLine(item)}`);
    lines.push(`   ${item.link}`);
  });
  if (notice.link) lines.push('', `查看全部：${notice.link}`);
  lines.push('', notice.sender);
  if (notice.unsubscribeUrl) lines.push('', `退订：${notice.unsubscribeUrl}`);
  return lines.join('\n');
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe inside HTML and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** The notice as a small HTML e-mail body (inline styles only, as mail readers need). */
export function renderHtml(notice: Notice): string {
  const colour =
    notice.severity === 'urgent' ? '#a8071a' : notice.severity === 'warning' ? '#ad4e00' : '#1f1f1f';
  const rows = notice.items
    .map((item) => {
      const due = item.dueOn
        ? `<td style="padding:4px 8px;white-space:nowrap">${chineseDate(item.dueOn)}</td>`
        : '<td></td>';
      const detail = item.detail ? `<br><span style="color:#595959">${escapeHtml(item.detail)}</span>` : '';
      return `<tr><td style="padding:4px 8px"><a href="${escapeHtml(item.link)}">${escapeHtml(item.title)}</a>${detail}</td>${due}</tr>`;
    })
    .join('');
  const all = notice.link ? `<p><a href="${escapeHtml(notice.link)}">查看全部</a></p>` : '';
  const unsubscribe = notice.unsubscribeUrl
    ? `<p style="color:#8c8c8c;font-size:12px"><a href="${escapeHtml(notice.unsubscribeUrl)}">退订此类通知</a></p>`
    : '';
  return [
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"></head>',
    "<body style=\"font-family:'Microsoft YaHei','PingFang SC',sans-serif;font-size:14px\">",
    `<h2 style="color:${colour};font-size:18px">${escapeHtml(notice.title)}</h2>`,
    `<p>${escapeHtml(notice.intro)}</p>`,
    `<table style="border-collapse:collapse">${rows}</table>`,
    all,
    `<p>${escapeHtml(notice.sender)}</p>`,
    unsubscribe,
    '</body></html>',
  ].join('');
}

/** Characters markdown would read as syntax in a title ([, ], *, _, `, #, <, >). */
function escapeMarkdown(text: string): string {
  return text.replace(/([[\]*_`#<>])/g, '\\$1');
}

/**
 * The notice as robot markdown (DingTalk and WeCom read the same subset: headings, bold,
 * links, quotes). WeCom colours with `<font color="warning">`; DingTalk ignores it, so it is
 * used only for WeCom.
 */
export function renderMarkdown(notice: Notice, flavour: 'dingtalk' | 'wecom'): string {
  const heading =
    flavour === 'wecom' && notice.severity === 'urgent'
      ? `### <font color="warning">${escapeMarkdown(notice.title)}</font>`
      : `### ${escapeMarkdown(notice.title)}`;
  const lines = [heading, '', notice.intro, ''];
  notice.items.forEach((item, i) => {
    const rest = [item.detail, item.dueOn ? `办理时限${chineseDate(item.dueOn)}` : undefined].filter(Boolean);
    lines.push(
      `${i + 1}. [${escapeMarkdown(item.title)}](${item.link})${rest.length ? `，${rest.join('，')}` : ''}`,
    );
  });
  if (notice.link) lines.push('', `[查看全部](${notice.link})`);
  lines.push('', `> ${notice.sender}`);
  return lines.join('\n');
}

/** UTF-8 length in bytes. */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * The notice as markdown within `maxBytes` (WeCom: 4,096): items are dropped from the end
 * and counted in a closing line ("另有5项，请登录查看") until it fits.
 */
export function renderMarkdownWithin(
  notice: Notice,
  flavour: 'dingtalk' | 'wecom',
  maxBytes: number,
): string {
  const full = renderMarkdown(notice, flavour);
  if (byteLength(full) <= maxBytes) return full;
  const withFirst = (kept: number) =>
    renderMarkdown(
      {
        ...notice,
        items: notice.items.slice(0, kept),
        intro: `${notice.intro}（另有${notice.items.length - kept}项，请点击查看全部）`,
      },
      flavour,
    );
  // The most items that fit, by bisection (a digest may hold thousands).
  let low = 0;
  let high = notice.items.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (byteLength(withFirst(mid)) <= maxBytes) low = mid;
    else high = mid - 1;
  }
  const text = withFirst(low);
  // Even the heading alone is too long: cut at a character boundary.
  return byteLength(text) <= maxBytes ? text : cutToBytes(text, maxBytes);
}

function cutToBytes(text: string, maxBytes: number): string {
  let out = '';
  for (const ch of text) {
    if (byteLength(out + ch) > maxBytes - 3) return `${out}…`;
    out += ch;
  }
  return out;
}

/**
 * The notice as one SMS: the title, the only item (or the count), and the link, within
 * `maxChars` characters (a long SMS joins 67-character parts; gateways add their 【签名】).
 * @example
 * renderSms({ kind: 'chase.chaser', title: '【催办】', intro: '', sender: '督查室',
 *   items: [{ title: '老旧小区改造', link: 'https://x/t/1' }] }, 120)
 * // '【催办】老旧小区改造。详见 https://x/t/1'
 */
export function renderSms(notice: Notice, maxChars: number): string {
  const link =
    notice.items.length === 1 ? notice.items[0]!.link : (notice.link ?? notice.items[0]?.link ?? '');
  const tail = link ? `。详见 ${link}` : '';
  const first = notice.items[0];
  const what =
    notice.items.length === 1
      ? itemLine(first!)
      : first
        ? `含“${first.title}”等${notice.items.length}项`
        : '';
  const joiner = notice.title.endsWith('】') || what === '' ? '' : '：';
  const head = `${notice.title}${joiner}${what}`;
  const room = maxChars - [...tail].length;
  const chars = [...head];
  const body = chars.length <= room ? head : `${chars.slice(0, Math.max(0, room - 1)).join('')}…`;
  return `${body}${tail}`;
}
