import { afterEach, describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import i18next from 'i18next';
import { OrderMedia } from './order-media';
import type { MediaAccess, OrderMediaItem } from '../../lib/media';
import type { Lang } from '../../lib/format';

const MEDIA: OrderMediaItem[] = [
  { ref: 'photo', contentType: 'image/jpeg', bytes: 2_097_152, name: '积水现场.jpg' },
  { ref: 'notice', contentType: 'application/pdf', bytes: 51_200 },
  { ref: 'voice', contentType: 'audio/mpeg', bytes: 3_145_728 },
];
const urlOf = (ref: string) => `/api/v1/requests/7/media/${ref}`;

function renderMedia(access: Record<string, MediaAccess>, lang: Lang = 'zh-CN', media = MEDIA) {
  return render(
    <OrderMedia media={media} urlOf={urlOf} access={new Map(Object.entries(access))} lang={lang} />,
  );
}
const lines = () =>
  within(screen.getByTestId('order-media-files'))
    .getAllByRole('listitem')
    .map((li) => li.textContent ?? '');

describe('OrderMedia', () => {
  afterEach(async () => {
    await i18next.changeLanguage('zh-CN');
  });

  it('shows nothing of a file while the server is still asked, then its thumbnail', () => {
    const { rerender } = renderMedia({});
    expect(document.querySelector('img')).toBeNull();
    expect(lines()).toEqual([
      expect.stringContaining('正在确认能否查看…'),
      expect.stringContaining('正在确认能否查看…'),
      expect.stringContaining('正在确认能否查看…'),
    ]);
    rerender(
      <OrderMedia
        media={MEDIA}
        urlOf={urlOf}
        access={new Map<string, MediaAccess>([['photo', 'ok']])}
        lang="zh-CN"
      />,
    );
    const photo = screen.getByRole('img', { name: '积水现场.jpg（JPEG 图片 · 2 MB）' });
    expect(photo.getAttribute('src')).toBe(urlOf('photo'));
  });

  it('opens a thumbnail full size', async () => {
    renderMedia({ photo: 'ok', notice: 'ok', voice: 'ok' });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '积水现场.jpg（JPEG 图片 · 2 MB）' }));
    });
    const preview = await screen.findByRole('dialog');
    expect(preview.querySelector('img')?.getAttribute('src')).toBe(urlOf('photo'));
  });

  it('offers an image the browser cannot show as a download instead of a broken image', async () => {
    renderMedia({ photo: 'ok', notice: 'ok', voice: 'ok' });
    const photo = screen.getByRole('img', { name: /积水现场/ });
    await act(async () => {
      fireEvent.error(photo);
    });
    expect(screen.queryByRole('img', { name: /积水现场/ })).toBeNull();
    const link = screen.getByRole('link', { name: /积水现场\.jpg/ });
    expect(link.getAttribute('href')).toBe(urlOf('photo'));
    expect(link.hasAttribute('download')).toBe(true);
    expect(lines()[0]).toContain('JPEG 图片 · 2 MB · 图片无法显示，可下载查看');
  });

  it('says each refusal in English for an English reader, with types and sizes', async () => {
    await i18next.changeLanguage('en');
    renderMedia({ photo: 'forbidden', notice: 'missing', voice: 'failed' }, 'en');
    expect(document.querySelector('img')).toBeNull();
    expect(screen.queryAllByRole('link')).toEqual([]);
    const [photo, notice, voice] = lines();
    expect(photo).toContain('积水现场.jpg');
    expect(photo).toContain('JPEG image · 2 MB');
    expect(photo).toContain('Not permitted: the server refused access');
    expect(notice).toContain('Attachment 2');
    expect(notice).toContain('PDF document · 50 kB');
    expect(notice).toContain('The file no longer exists');
    expect(voice).toContain('MP3 audio · 3 MB');
    expect(voice).toContain('Cannot be read just now; reload later');
  });

  it('labels each file with the name it was uploaded under, and 附件 N when the server kept none', () => {
    renderMedia({ photo: 'ok', notice: 'ok', voice: 'ok' }, 'zh-CN', [
      MEDIA[0]!,
      { ...MEDIA[1]!, name: '物业通知.pdf' },
      MEDIA[2]!,
    ]);
    expect(screen.getByRole('img', { name: '积水现场.jpg（JPEG 图片 · 2 MB）' })).toBeTruthy();
    const links = within(screen.getByTestId('order-media-files')).getAllByRole('link');
    expect(links.map((a) => [a.textContent?.trim(), a.getAttribute('href')])).toEqual([
      ['物业通知.pdf', urlOf('notice')],
      ['附件 3', urlOf('voice')],
    ]);
  });

  it('names a type the server no longer takes by its content type', () => {
    renderMedia({ old: 'ok' }, 'zh-CN', [{ ref: 'old', contentType: 'image/gif', bytes: 100 }]);
    // Not one of the thumbnail types the server checks: still shown, as it is an image.
    expect(screen.getByRole('img', { name: '附件 1（image/gif 文件 · 100字节）' })).toBeTruthy();
  });
});
