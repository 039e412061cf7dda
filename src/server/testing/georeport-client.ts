/**
 * An independent GeoReport v2 client for tests, written from the specification
 * (wiki.open311.org/GeoReport_v2): it builds the spec's URLs and form bodies (form-encoded, or
 * multipart with a `media` part as older clients send) and parses JSON and XML itself. It
 * imports nothing from src/requests.
 */
import type { TestApp } from './test-app.js';

export type XmlNode = { name: string; children: XmlNode[]; text: string };

/** A minimal XML reader for GeoReport answers: elements, text, the five entities. */
export function parseXml(xml: string): XmlNode {
  const body = xml.replace(/^<\?xml[^>]*\?>/, '');
  const root: XmlNode = { name: '#document', children: [], text: '' };
  const stack: XmlNode[] = [root];
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  for (const token of body.match(/<[^>]+>|[^<]+/g) ?? []) {
    const top = stack[stack.length - 1] as XmlNode;
    if (token.startsWith('</')) stack.pop();
    else if (token.startsWith('<')) {
      const name = /^<([\w:-]+)/.exec(token)?.[1] ?? '?';
      const node: XmlNode = { name, children: [], text: '' };
      top.children.push(node);
      if (!token.endsWith('/>')) stack.push(node);
    } else top.text += decode(token);
  }
  const [doc] = root.children;
  if (!doc || stack.length !== 1) throw new Error(`not well-formed XML: ${xml.slice(0, 200)}`);
  return doc;
}

/** An XML list (<services><service>…</service></services>) as plain records of child text. */
export function xmlRecords(node: XmlNode): Record<string, string>[] {
  return node.children.map((item) => Object.fromEntries(item.children.map((c) => [c.name, c.text])));
}

/** The GeoReport v2 client: URLs, form bodies, both formats. */
export class GeoReportClient {
  constructor(
    private readonly t: TestApp,
    private readonly base = '/open311/v2',
  ) {}
  async get(path: string, query: Record<string, string> = {}) {
    const qs = new URLSearchParams(query).toString();
    const answer = await this.t.app.inject({ url: `${this.base}/${path}${qs ? `?${qs}` : ''}` });
    return { status: answer.statusCode, type: String(answer.headers['content-type']), body: answer.body };
  }
  async post(path: string, form: Record<string, string>) {
    const answer = await this.t.app.inject({
      method: 'POST',
      url: `${this.base}/${path}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(form).toString(),
    });
    return { status: answer.statusCode, type: String(answer.headers['content-type']), body: answer.body };
  }
  /** A POST as older clients send one with a picture: multipart/form-data, the picture in `media`. */
  async postMultipart(
    path: string,
    form: Record<string, string>,
    media?: { name: string; type: string; content: Buffer },
  ) {
    const boundary = '----georeport-client';
    const parts: Buffer[] = Object.entries(form).map(([name, value]) =>
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
    if (media !== undefined) {
      parts.push(
        Buffer.from(
          `--${boundary}\r\ncontent-disposition: form-data; name="media"; filename="${media.name}"\r\n` +
            `content-type: ${media.type}\r\n\r\n`,
        ),
        media.content,
        Buffer.from('\r\n'),
      );
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    const answer = await this.t.app.inject({
      method: 'POST',
      url: `${this.base}/${path}`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat(parts),
    });
    return { status: answer.statusCode, type: String(answer.headers['content-type']), body: answer.body };
  }
}
