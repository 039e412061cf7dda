/**
 * The Atom feed (RFC 4287) of a commitment, a chapter or a plan: one entry per public change,
 * newest first, for anyone who follows without giving an address. Plain text in, valid XML out:
 * every text is escaped and characters XML 1.0 forbids are dropped.
 */
import type { ChangeEvent } from './follow.js';
import { CHANGE_KIND_LABELS, describeChange, formatChineseDate, infoKey } from './messages.js';
import type { SubjectInfo } from './messages.js';

export const ATOM_NS = 'http://www.w3.org/2005/Atom';
export const ATOM_MEDIA_TYPE = 'application/atom+xml';

/** The most entries a feed carries by default. */
export const DEFAULT_FEED_ENTRIES = 50;

export interface AtomEntry {
  /** A permanent IRI (a tag: URI). */
  id: string;
  title: string;
  /** RFC 3339 instant. */
  updated: string;
  /** The page the entry is about. */
  link: string;
  summary: string;
  category?: { term: string; label: string };
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  /** RFC 3339; used when there is no entry (else the newest entry's). */
  updated: string;
  /** The feed's own URL (rel="self"). */
  selfUrl: string;
  /** The page the feed follows (rel="alternate"). */
  pageUrl: string;
  /** Who publishes it: the plan office. */
  author: string;
  entries: AtomEntry[];
}

// XML 1.0 §2.2: tab, newline, carriage return, and U+0020 up, less surrogates, U+FFFE and U+FFFF.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Text escaped for XML content and attributes, with characters XML cannot hold dropped.
 * @example
 * escapeXml('A&B <"C">') // 'A&amp;B &lt;&quot;C&quot;&gt;'
 */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function rfc3339(instant: string): string {
  return new Date(Date.parse(instant)).toISOString();
}

function element(name: string, text: string, indent: string): string {
  return `${indent}<${name}>${escapeXml(text)}</${name}>`;
}

function link(rel: string, type: string, href: string, indent: string): string {
  return `${indent}<link rel="${rel}" type="${type}" href="${escapeXml(href)}"/>`;
}

/**
 * The feed as an Atom document (UTF-8, zh-CN): feed id, title, updated, self and alternate
 * links, author, and each entry with id, title, updated, alternate link, text summary and its
 * kind as a category. The feed's `updated` is its newest entry's when it has entries.
 */
export function renderAtomFeed(feed: AtomFeed): string {
  const newest = feed.entries.reduce<string | null>(
    (max, e) => (max === null || Date.parse(e.updated) > Date.parse(max) ? e.updated : max),
    null,
  );
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="${ATOM_NS}" xml:lang="zh-CN">`,
    element('id', feed.id, '  '),
    element('title', feed.title, '  '),
    ...(feed.subtitle ? [element('subtitle', feed.subtitle, '  ')] : []),
    element('updated', rfc3339(newest ?? feed.updated), '  '),
    link('self', ATOM_MEDIA_TYPE, feed.selfUrl, '  '),
    link('alternate', 'text/html', feed.pageUrl, '  '),
    `  <author>`,
    element('name', feed.author, '    '),
    `  </author>`,
    `  <generator>Luoshi</generator>`,
  ];
  for (const entry of feed.entries) {
    lines.push(
      '  <entry>',
      element('id', entry.id, '    '),
      element('title', entry.title, '    '),
      element('updated', rfc3339(entry.updated), '    '),
      link('alternate', 'text/html', entry.link, '    '),
      `    <summary type="text">${escapeXml(entry.summary)}</summary>`,
      ...(entry.category
        ? [
            `    <category term="${escapeXml(entry.category.term)}" label="${escapeXml(entry.category.label)}"/>`,
          ]
        : []),
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}

/**
 * A tag: URI (RFC 4151) base for a deployment: its public host and a date it held the name.
 * @example
 * deriveTagBase('https://luoshi.example.gov.cn/app', '2022-01-01') // 'tag:luoshi.example.gov.cn,2022-01-01:luoshi'
 */
export function deriveTagBase(publicUrl: string, since: string): string {
  return `tag:${new URL(publicUrl).hostname},${since.slice(0, 10)}:luoshi`;
}

/**
 * The entries of a feed from the public changes: newest first, at most `limit`, each titled
 * with the commitment and what changed ("新增城乡劳动力就业：完成时限由…调整为…"). Changes of a
 * commitment that is no longer public (`subjects` lacks it) are left out.
 */
export function deriveFeedEntries(
  changes: readonly ChangeEvent[],
  subjects: ReadonlyMap<string, SubjectInfo>,
  tagBase: string,
  limit = DEFAULT_FEED_ENTRIES,
): AtomEntry[] {
  const entries: AtomEntry[] = [];
  for (const change of [...changes].sort((a, b) => b.id - a.id)) {
    if (entries.length >= limit) break;
    const info = subjects.get(infoKey(change.planId, change.subject));
    if (!info) continue;
    const what = describeChange(change, info.unit);
    entries.push({
      id: `${tagBase}:change:${change.id}`,
      title: `${info.title}：${what}`,
      updated: change.at,
      link: info.url,
      summary: `${what}。${info.dueOn ? `当前完成时限：${formatChineseDate(info.dueOn)}。` : ''}`,
      category: { term: change.kind, label: CHANGE_KIND_LABELS[change.kind] },
    });
  }
  return entries;
}
