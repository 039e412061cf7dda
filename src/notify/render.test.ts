import { describe, expect, it } from 'vitest';
import {
  byteLength,
  chineseDate,
  escapeHtml,
  renderHtml,
  renderMarkdownWithin,
  renderSms,
  renderText,
} from './render.js';
import { digest, oneItem } from './testing/notices.js';

describe('render', () => {
  it('writes dates as an office does', () => {
    expect(chineseDate('2024-05-01')).toBe('2024年5月1日');
    expect(chineseDate('下月底')).toBe('下月底');
  });

  it('plain text lists each item with its link, then the sender and the unsubscribe link', () => {
    const text = renderText({ ...digest(2), unsubscribeUrl: 'https://x/u/1' });
    expect(text.split('\n')).toEqual([
      '【提醒】2项工作将于3个工作日内到期',
      '',
      '以下事项即将到期，请抓紧办理并按时报送。',
      '',
      '1. 重点任务第1项：推进城市更新与基础设施建设，区发展改革委牵头，办理时限2024年5月15日',
      '   https://luoshi.example.gov.cn/tasks/1',
      '2. 重点任务第2项：推进城市更新与基础设施建设，区发展改革委牵头，办理时限2024年5月15日',
      '   https://luoshi.example.gov.cn/tasks/2',
      '',
      '查看全部：https://luoshi.example.gov.cn/my-work',
      '',
      '区政府督查室',
      '',
      '退订：https://x/u/1',
    ]);
  });

  it('escapes what users typed in HTML', () => {
    const html = renderHtml({ ...oneItem, items: [{ title: '<script>x</script>', link: 'https://x/"a' }] });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('href="https://x/&quot;a"');
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });

  it('markdown escapes brackets in titles so a link cannot be forged', () => {
    const md = renderMarkdownWithin(
      { ...oneItem, items: [{ title: '[点我](https://evil)', link: 'https://x/1' }] },
      'dingtalk',
      4096,
    );
    expect(md).toContain('[\\[点我\\](https://evil)](https://x/1)');
  });

  it('cuts a heading longer than the limit at a character, never inside one', () => {
    const md = renderMarkdownWithin({ ...oneItem, title: '督'.repeat(3000) }, 'wecom', 4096);
    expect(byteLength(md)).toBeLessThanOrEqual(4096);
    expect(md.endsWith('…')).toBe(true);
  });

  it('an SMS keeps the link whole and shortens the words instead', () => {
    const sms = renderSms({ ...oneItem, title: '【催办】' + '很长的标题'.repeat(40) }, 100);
    expect([...sms].length).toBeLessThanOrEqual(100);
    expect(sms.endsWith('详见 https://luoshi.example.gov.cn/work/instruction/12')).toBe(true);
    expect(renderSms(digest(3), 300)).toBe(
      '【提醒】3项工作将于3个工作日内到期：含“重点任务第1项：推进城市更新与基础设施建设”等3项。详见 https://luoshi.example.gov.cn/my-work',
    );
  });
});
