import { beforeAll, describe, expect, it } from 'vitest';
import { decodeHtml, extractHtmlText, findDeclaredCharset } from './html.js';
import { encode, listLines, loadExampleReport, makeGovernmentPage } from './test-fixtures.js';

let lines: string[] = [];
const TITLE = '2022年北京市昌平区政府工作报告';
beforeAll(async () => {
  lines = listLines(await loadExampleReport());
});

function pageText(bytes: Uint8Array): string {
  return extractHtmlText(decodeHtml(bytes).text).text;
}

describe('findDeclaredCharset', () => {
  it('finds the charset of <meta http-equiv> and of <meta charset>', () => {
    expect(findDeclaredCharset(encode('<html><head><meta charset="GBK"></head>', 'ascii'))).toBe('gbk');
    expect(findDeclaredCharset(makeGovernmentPage(TITLE, ['一行'], 'gb2312'))).toBe('gb2312');
    expect(findDeclaredCharset(encode('<html><body><p>无声明</p></body></html>', 'utf-8'))).toBeUndefined();
  });
});

describe('decodeHtml', () => {
  it('decodes a page by its <meta charset=gbk>', () => {
    const out = decodeHtml(makeGovernmentPage(TITLE, lines));
    expect(out.encoding).toBe('gb18030');
    expect(out.text).toContain(lines[3]);
  });

  it('trusts valid UTF-8 over a declared gbk and warns about the mismatch', () => {
    const bytes = encode(
      new TextDecoder('gbk').decode(makeGovernmentPage(TITLE, lines.slice(0, 5))),
      'utf-8',
    );
    const out = decodeHtml(bytes);
    expect(out.encoding).toBe('utf-8');
    expect(out.text).toContain(lines[2]);
    expect(out.warnings.map((w) => w.code)).toEqual(['CHARSET_MISMATCH']);
  });
});

describe('extractHtmlText', () => {
  it('gives the title and the article, one paragraph per line, without site furniture', () => {
    const text = pageText(makeGovernmentPage(TITLE, lines));
    expect(text).toBe([TITLE, ...lines].join('\n'));
  });

  it('drops scripts, styles, navigation, breadcrumbs, share bars, hidden blocks and footers', () => {
    const text = pageText(makeGovernmentPage(TITLE, lines));
    for (const junk of [
      '脚本文字',
      'var menu',
      'text-indent',
      '网站首页',
      '当前位置',
      '分享到',
      '隐藏的统计代码',
      '京ICP备',
    ]) {
      expect(text).not.toContain(junk);
    }
  });

  it('decodes entities and turns <br> and blocks into line ends', () => {
    const html =
      '<html><body><div><p>地区生产总值增长6.5%&nbsp;左右&#65307;&lt;目标&gt;</p>第一行<br>第二行<div>第三行</div></div></body></html>';
    expect(extractHtmlText(html).text).toBe('地区生产总值增长6.5% 左右；<目标>\n第一行\n第二行\n第三行');
  });

  it('drops link lists inside the article and keeps tables as lines of cells', () => {
    const body = lines.slice(0, 8);
    const html = `<html><body><div class="pages_content" id="UCAP-CONTENT">
      ${body.map((l) => `<p style="text-indent: 2em;"><span>${l}</span></p>`).join('')}
      <table><tr><td>指标</td><td>目标</td></tr><tr><td>地区生产总值增长</td><td>6%左右</td></tr></table>
      <div class="related">相关链接：<a href="/1">2021年政府工作报告</a><a href="/2">2020年政府工作报告</a></div>
      <ul><li><a href="/prev">上一篇：关于2021年预算执行情况的报告</a></li><li><a href="/next">下一篇：解读</a></li></ul>
      </div><div class="print"><a href="#">打印本页</a> <a href="#">关闭窗口</a></div></body></html>`;
    expect(extractHtmlText(html).text).toBe([...body, '指标\t目标', '地区生产总值增长\t6%左右'].join('\n'));
  });

  it('takes the last <h1> before the article as the title, not a logo', () => {
    const body = lines.slice(0, 4);
    const html = `<body><div class="top"><h1>北京市昌平区人民政府</h1></div><div class="logo"><h1>首页</h1></div>
      <h1>${TITLE}</h1><div id="zoom">${body.map((l) => `<p>${l}</p>`).join('')}</div></body>`;
    expect(extractHtmlText(html).text).toBe([TITLE, ...body].join('\n'));
  });

  it('throws UNPROCESSABLE, not a stack overflow, for a page nested too deeply', () => {
    const html = `<body>${'<div>'.repeat(100_000)}一、总体要求${'</div>'.repeat(100_000)}</body>`;
    expect(() => extractHtmlText(html)).toThrowError('网页嵌套层数过多，无法读取');
  });

  it('reads a page whose <body> carries a furniture-like class', () => {
    const body = lines.slice(0, 3);
    const html = `<html><body class="page-header-fixed"><div class="nav"><a href="/">首页</a></div>${body
      .map((l) => `<p>${l}</p>`)
      .join('')}</body></html>`;
    expect(extractHtmlText(html).text).toBe(body.join('\n'));
  });

  it('finds the article in the cell of a page laid out with tables', () => {
    const body = lines.slice(0, 5);
    const html = `<html><body><table><tr>
      <td width="200"><a href="/1">机构设置</a><br><a href="/2">政务公开</a><br><a href="/3">办事服务</a></td>
      <td><font size="3">${body.join('<br>\n')}</font></td>
    </tr></table></body></html>`;
    expect(extractHtmlText(html).text).toBe(body.join('\n'));
  });

  it('keeps the line breaks of <pre> text', () => {
    expect(extractHtmlText('<body><pre>一、回顾\n  （一）成绩\n</pre></body>').text).toBe(
      '一、回顾\n（一）成绩',
    );
  });

  it('throws UNPROCESSABLE for a page with no visible text', () => {
    expect(() =>
      extractHtmlText('<html><head><title>空</title><script>x()</script></head><body> </body></html>'),
    ).toThrowError(/^网页中没有可见的文字$/);
  });
});
