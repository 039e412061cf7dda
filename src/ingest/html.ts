import { parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import { AppError } from '../errors.js';
import { asciiPrefix } from './sniff.js';
import { decodeStrictUtf8, decodeText, decodeWithCharset } from './text.js';
import type { DecodedText } from './text.js';
import type { ReadWarning } from './types.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** Elements whose content is never part of the article. */
const DROPPED = new Set([
  'head',
  'script',
  'style',
  'noscript',
  'template',
  'nav',
  'header',
  'footer',
  'aside',
  'form',
  'iframe',
  'svg',
  'math',
  'button',
  'select',
  'input',
  'textarea',
  'object',
  'embed',
  'canvas',
  'map',
  'audio',
  'video',
]);

/** Elements that start and end a line of text. */
const BLOCKS = new Set([
  'address',
  'article',
  'blockquote',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'ul',
]);

/**
 * Paragraph-level elements: never chosen as the article's container themselves. Table cells
 * may be: old sites lay pages out in tables, with the article in one cell.
 */
const LEAF_BLOCKS = new Set(['p', 'li', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'dt', 'dd', 'blockquote']);

/** Class or id words of site furniture (menus, breadcrumbs, share bars) inside a page's content. */
const FURNITURE =
  /(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|footer|header|sidebar|share|toolbar|copyright|skip|print|close)(?:$|[\s_-])/i;

/** Elements never taken for site furniture, whatever their class says. */
const CONTAINERS = new Set(['html', 'body', 'main', 'article']);

/** Share of the page's text the article container must hold. */
const ARTICLE_SHARE = 0.6;

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function attr(element: Element, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name)?.value;
}

function isHidden(element: Element): boolean {
  if (attr(element, 'hidden') !== undefined || attr(element, 'aria-hidden') === 'true') return true;
  const style = attr(element, 'style')?.replace(/\s+/g, '').toLowerCase() ?? '';
  return style.includes('display:none') || style.includes('visibility:hidden');
}

function isDropped(element: Element): boolean {
  return DROPPED.has(element.tagName) || isHidden(element);
}

function isFurniture(element: Element): boolean {
  // <body class="page-header-fixed"> or <article class="share-…"> still hold the article.
  if (CONTAINERS.has(element.tagName)) return false;
  const words = `${attr(element, 'class') ?? ''} ${attr(element, 'id') ?? ''}`;
  return FURNITURE.test(words);
}

function children(node: Node): Node[] {
  return 'childNodes' in node ? node.childNodes : [];
}

/** Non-blank characters of a subtree: outside links, in all, and the number of links. */
interface Size {
  text: number;
  all: number;
  links: number;
}

type Sizes = Map<Node, Size>;

/** Measures every subtree once (link text counts only in `all`: menus are mostly links). */
function measure(node: Node, sizes: Sizes): Size {
  const size: Size = { text: 0, all: 0, links: 0 };
  if (node.nodeName === '#text' && 'value' in node) {
    size.text = size.all = node.value.replace(/\s+/g, '').length;
  } else if (!(isElement(node) && isDropped(node))) {
    for (const child of children(node)) {
      const c = measure(child, sizes);
      size.text += c.text;
      size.all += c.all;
      size.links += c.links;
    }
    if (isElement(node) && node.tagName === 'a') {
      size.text = 0;
      size.links += 1;
    }
  }
  sizes.set(node, size);
  return size;
}

/** A block that is mostly links ("相关链接", "上一篇/下一篇" lists) inside the article. */
function isLinkList(node: Element, sizes: Sizes): boolean {
  const size = sizes.get(node);
  return !!size && size.links >= 2 && size.text <= size.all * 0.3;
}

/**
 * The element that holds the article: walking down from <body>, the deepest element that still
 * holds most of the page's text, stopping above paragraphs (a long paragraph is not an article).
 */
function findArticle(body: Node, sizes: Sizes): Node {
  const total = sizes.get(body)?.text ?? 0;
  let current = body;
  for (;;) {
    const next = children(current).find(
      (child) =>
        isElement(child) &&
        !LEAF_BLOCKS.has(child.tagName) &&
        !isFurniture(child) &&
        (sizes.get(child)?.text ?? 0) >= total * ARTICLE_SHARE,
    );
    if (!next) return current;
    current = next;
  }
}

function find(node: Node, test: (element: Element) => boolean): Element | undefined {
  if (isElement(node)) {
    if (isDropped(node) || isFurniture(node)) return undefined;
    if (test(node)) return node;
  }
  for (const child of children(node)) {
    const hit = find(child, test);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * The page title: the last <h1> before the article (a site's logo may be an earlier <h1>),
 * outside it and outside site furniture; undefined when there is none.
 */
function findTitle(body: Node, article: Node): Element | undefined {
  let title: Element | undefined;
  let reached = false;
  const visit = (node: Node): void => {
    if (reached) return;
    if (node === article) {
      reached = true;
      return;
    }
    if (isElement(node)) {
      if (isDropped(node) || isFurniture(node)) return;
      if (node.tagName === 'h1') {
        title = node;
        return;
      }
    }
    for (const child of children(node)) visit(child);
  };
  visit(body);
  return title;
}

/** Writes the visible text of a subtree as lines: blocks and <br> break lines, spaces collapse. */
class LineWriter {
  private readonly lines: string[] = [];
  private line = '';

  constructor(private readonly sizes: Sizes) {}

  write(node: Node, root: Node, inPre = false): void {
    if (node.nodeName === '#text' && 'value' in node) {
      this.line += inPre ? node.value : node.value.replace(/[ \t\n\r\f\u00a0]+/g, ' ');
      if (inPre && this.line.includes('\n')) {
        const parts = this.line.split(/\r?\n/);
        this.line = parts.pop() ?? '';
        for (const part of parts) this.push(part);
      }
      return;
    }
    if (!isElement(node)) {
      for (const child of children(node)) this.write(child, root, inPre);
      return;
    }
    if (isDropped(node)) return;
    const tag = node.tagName;
    const box = BLOCKS.has(tag) || tag === 'td' || tag === 'th';
    if (node !== root && (isFurniture(node) || (box && isLinkList(node, this.sizes)))) return;
    if (tag === 'br') return this.flush();
    const block = BLOCKS.has(tag);
    if (block) this.flush();
    if (tag === 'td' || tag === 'th') this.line += '\t';
    for (const child of children(node)) this.write(child, root, inPre || tag === 'pre');
    if (block) this.flush();
  }

  flush(): void {
    this.push(this.line);
    this.line = '';
  }

  private push(raw: string): void {
    const line = raw.replace(/\u00a0/g, ' ').trim();
    if (line) this.lines.push(line);
  }

  text(): string {
    this.flush();
    return this.lines.join('\n');
  }
}

/** The charset a page declares in its first 4 KB (`<meta charset>` or `http-equiv`), if any. */
export function findDeclaredCharset(bytes: Uint8Array): string | undefined {
  const match = /<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/.exec(asciiPrefix(bytes));
  return match?.[1];
}

/**
 * Decodes an HTML page: valid UTF-8 (or a BOM) wins over what the page declares, because
 * sites often declare a charset they do not use; otherwise the declared charset; otherwise
 * the same guessing as plain text.
 */
export function decodeHtml(bytes: Uint8Array): DecodedText {
  const declared = findDeclaredCharset(bytes);
  const bom = (bytes[0] === 0xef && bytes[1] === 0xbb) || bytes[0] === 0xff || bytes[0] === 0xfe;
  if (declared && !bom && decodeStrictUtf8(bytes) === undefined) {
    // Not UTF-8 and no BOM: the declared charset is the best guess, and cheaper than guessing.
    const byDeclared = decodeWithCharset(bytes, declared);
    if (byDeclared) return byDeclared;
  }
  const auto = decodeText(bytes);
  if (!declared || auto.encoding.startsWith('utf-')) {
    const canonical = declared?.toLowerCase().replace(/^utf8$/, 'utf-8');
    if (declared && canonical !== auto.encoding && /[^\p{ASCII}]/u.test(auto.text)) {
      auto.warnings.push({
        code: 'CHARSET_MISMATCH',
        message: `the page declares charset ${declared} but its bytes are ${auto.encoding}; read as ${auto.encoding}`,
      });
    }
    return auto;
  }
  const byDeclared = decodeWithCharset(bytes, declared);
  if (!byDeclared) {
    auto.warnings.push({
      code: 'UNKNOWN_CHARSET',
      message: `unknown charset ${declared}; read as ${auto.encoding}`,
    });
    return auto;
  }
  return byDeclared;
}

/**
 * The article text of an HTML page saved from a government site: scripts, styles, navigation,
 * headers, footers, forms and hidden elements are dropped; the article is the deepest element
 * holding most of the page's text (link text not counted); a page title in <h1> outside it is
 * kept as the first line. Paragraphs, headings, list items and <br> become lines; entities are
 * decoded; runs of spaces collapse.
 * Throws UNPROCESSABLE when the page has no visible text.
 */
export function extractHtmlText(html: string): { text: string; warnings: ReadWarning[] } {
  try {
    return readArticle(html);
  } catch (error) {
    // The walks recurse once per level of nesting: a page nested thousands deep overflows.
    if (error instanceof RangeError) throw new AppError('UNPROCESSABLE', '网页嵌套层数过多，无法读取');
    throw error;
  }
}

function readArticle(html: string): { text: string; warnings: ReadWarning[] } {
  const document = parse(html);
  const warnings: ReadWarning[] = [];
  const body = find(document, (e) => e.tagName === 'body') ?? document;
  const sizes: Sizes = new Map();
  measure(body, sizes);
  const article = findArticle(body, sizes);
  const writer = new LineWriter(sizes);
  const title = article === body ? undefined : findTitle(body, article);
  if (title) writer.write(title, title);
  writer.write(article, article);
  const text = writer.text();
  if (!text) throw new AppError('UNPROCESSABLE', '网页中没有可见的文字');
  return { text, warnings };
}
