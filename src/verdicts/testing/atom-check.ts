/**
 * A checker of Atom documents for the tests: strict XML (jsdom's parser refuses anything not
 * well-formed), then the element rules of RFC 4287 §4.1 a feed and its entries must keep.
 * Answers every problem found; [] for a valid feed. Not shipped (src/**\/testing is not built).
 */
import { createRequire } from 'node:module';

// jsdom ships no types and the server's tsconfig has no DOM: the few members used are typed here.
interface Element {
  namespaceURI: string | null;
  localName: string;
  textContent: string | null;
  children: ArrayLike<Element>;
  getAttribute(name: string): string | null;
}
interface XmlDocument {
  documentElement: Element | null;
  getElementsByTagName(name: string): ArrayLike<unknown>;
}
interface Jsdom {
  JSDOM: new (html: string) => {
    window: { DOMParser: new () => { parseFromString(text: string, type: string): XmlDocument } };
  };
}
const { JSDOM } = createRequire(import.meta.url)('jsdom') as Jsdom;

const ATOM = 'http://www.w3.org/2005/Atom';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;

export interface ParsedEntry {
  id: string;
  title: string;
  updated: string;
  link: string | null;
  summary: string | null;
  category: string | null;
}

export interface AtomCheck {
  problems: string[];
  /** The feed's own fields, when it parsed. */
  feed: { id: string; title: string; updated: string; selfLink: string | null } | null;
  entries: ParsedEntry[];
}

function children(parent: Element, name: string): Element[] {
  return Array.from(parent.children).filter((c) => c.namespaceURI === ATOM && c.localName === name);
}

function exactlyOne(parent: Element, name: string, where: string, problems: string[]): string {
  const found = children(parent, name);
  if (found.length !== 1) problems.push(`${where} must have exactly one atom:${name}, has ${found.length}`);
  return found[0]?.textContent ?? '';
}

function atMostOne(parent: Element, name: string, where: string, problems: string[]): void {
  const n = children(parent, name).length;
  if (n > 1) problems.push(`${where} must have at most one atom:${name}, has ${n}`);
}

function checkLinks(parent: Element, where: string, problems: string[]): Element[] {
  const links = children(parent, 'link');
  const alternates = new Set<string>();
  for (const link of links) {
    if (!link.getAttribute('href')) problems.push(`${where}: atom:link without href`);
    if ((link.getAttribute('rel') ?? 'alternate') === 'alternate') {
      const key = `${link.getAttribute('type') ?? ''}|${link.getAttribute('hreflang') ?? ''}`;
      if (alternates.has(key)) problems.push(`${where}: two alternate links with the same type and hreflang`);
      alternates.add(key);
    }
  }
  return links;
}

function checkTime(value: string, where: string, problems: string[]): void {
  if (!RFC3339.test(value.trim())) problems.push(`${where}: "${value}" is not an RFC 3339 date-time`);
}

/** Checks an Atom document; see the file's comment. */
export function checkAtom(xml: string): AtomCheck {
  const problems: string[] = [];
  const { window } = new JSDOM('');
  const doc = new window.DOMParser().parseFromString(xml, 'application/xml');
  const root = doc.documentElement;
  if (doc.getElementsByTagName('parsererror').length > 0 || !root) {
    return { problems: [`not well-formed XML: ${root?.textContent ?? ''}`.trim()], feed: null, entries: [] };
  }
  if (!xml.startsWith('<?xml')) problems.push('no XML declaration');
  if (root.namespaceURI !== ATOM || root.localName !== 'feed') {
    problems.push(`the root is {${root.namespaceURI}}${root.localName}, not atom:feed`);
    return { problems, feed: null, entries: [] };
  }
  const id = exactlyOne(root, 'id', 'atom:feed', problems);
  if (!ABSOLUTE_IRI.test(id)) problems.push(`atom:feed id "${id}" is not an absolute IRI`);
  const title = exactlyOne(root, 'title', 'atom:feed', problems);
  const updated = exactlyOne(root, 'updated', 'atom:feed', problems);
  checkTime(updated, 'atom:feed updated', problems);
  for (const name of ['subtitle', 'generator', 'icon', 'logo', 'rights'])
    atMostOne(root, name, 'atom:feed', problems);
  const links = checkLinks(root, 'atom:feed', problems);
  const self = links.find((l) => l.getAttribute('rel') === 'self')?.getAttribute('href') ?? null;
  const entryElements = children(root, 'entry');
  const feedHasAuthor = children(root, 'author').length > 0;
  for (const author of children(root, 'author')) exactlyOne(author, 'name', 'atom:author', problems);

  const entries: ParsedEntry[] = [];
  const ids = new Set<string>();
  entryElements.forEach((entry, i) => {
    const where = `atom:entry ${i + 1}`;
    const entryId = exactlyOne(entry, 'id', where, problems);
    if (!ABSOLUTE_IRI.test(entryId)) problems.push(`${where}: id "${entryId}" is not an absolute IRI`);
    if (ids.has(entryId)) problems.push(`${where}: id "${entryId}" repeats`);
    ids.add(entryId);
    const entryTitle = exactlyOne(entry, 'title', where, problems);
    const entryUpdated = exactlyOne(entry, 'updated', where, problems);
    checkTime(entryUpdated, `${where} updated`, problems);
    atMostOne(entry, 'summary', where, problems);
    atMostOne(entry, 'content', where, problems);
    const entryLinks = checkLinks(entry, where, problems);
    const alternate = entryLinks.find((l) => (l.getAttribute('rel') ?? 'alternate') === 'alternate');
    if (children(entry, 'content').length === 0 && !alternate) {
      problems.push(`${where}: neither atom:content nor an alternate link`);
    }
    if (!feedHasAuthor && children(entry, 'author').length === 0)
      problems.push(`${where}: no author (nor the feed)`);
    const summary = children(entry, 'summary')[0];
    const type = summary?.getAttribute('type') ?? 'text';
    if (summary && !['text', 'html', 'xhtml'].includes(type))
      problems.push(`${where}: summary type "${type}"`);
    const category = children(entry, 'category')[0];
    if (category && !category.getAttribute('term')) problems.push(`${where}: atom:category without term`);
    entries.push({
      id: entryId,
      title: entryTitle,
      updated: entryUpdated,
      link: alternate?.getAttribute('href') ?? null,
      summary: summary?.textContent ?? null,
      category: category?.getAttribute('term') ?? null,
    });
  });
  return { problems, feed: { id, title, updated, selfLink: self }, entries };
}
