/**
 * An order's media (接诉即办, issue 7): images as thumbnails that open full size, other files
 * (PDF, video, recordings) as downloads with their type and size in the reader's language,
 * links an Open311 client posted as outside links. A file is shown only once the server said
 * the viewer may read it (`access`, from HEAD of each); otherwise the entry says why — not
 * permitted, gone, not readable — instead of a broken image. Fetches nothing.
 */
import { useState } from 'react';
import { Image, Typography } from 'antd';
import {
  AudioOutlined,
  DownloadOutlined,
  FileOutlined,
  FilePdfOutlined,
  LinkOutlined,
  PictureOutlined,
  StopOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatBytes, type Lang } from '../../lib/format';
import {
  isExternalMediaRef,
  isInlineImage,
  mediaTypeKey,
  type MediaAccess,
  type MediaTypeKey,
  type OrderMediaItem,
} from '../../lib/media';

export interface OrderMediaProps {
  media: readonly OrderMediaItem[];
  /** Where a file of this server is read (GET /requests/:id/media/:ref). */
  urlOf: (ref: string) => string;
  /** The server's answer to HEAD of each file, by ref; a ref not in it is still being asked. */
  access: ReadonlyMap<string, MediaAccess>;
  lang: Lang;
}

const ICONS: Record<MediaTypeKey, typeof FileOutlined> = {
  jpeg: PictureOutlined,
  png: PictureOutlined,
  webp: PictureOutlined,
  mp4: VideoCameraOutlined,
  mp3: AudioOutlined,
  pdf: FilePdfOutlined,
  other: FileOutlined,
};

const THUMB = 96;

export function OrderMedia({ media, urlOf, access, lang }: OrderMediaProps) {
  const { t } = useTranslation();
  // Images the browser could not show although the server sent them: offered as downloads.
  const [broken, setBroken] = useState<ReadonlySet<string>>(() => new Set());
  const entries = media.map((item, i) => ({
    item,
    label: item.name ?? t('requests.media.item', { n: i + 1 }),
    typeKey: mediaTypeKey(item.contentType),
    state: access.get(item.ref) ?? 'checking',
  }));
  const facts = (entry: (typeof entries)[number]) =>
    [
      t(`requests.media.types.${entry.typeKey}`, { type: entry.item.contentType }),
      // Open311 links come without a size (0).
      entry.item.bytes > 0 ? formatBytes(entry.item.bytes, lang) : null,
    ]
      .filter(Boolean)
      .join(' · ');
  const thumbnails = entries.filter(
    (e) => isInlineImage(e.item) && e.state === 'ok' && !broken.has(e.item.ref),
  );
  const files = entries.filter((e) => !thumbnails.includes(e));

  return (
    <div data-testid="order-media">
      {thumbnails.length ? (
        <Image.PreviewGroup>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, marginBottom: files.length ? 12 : 0 }}>
            {thumbnails.map((e) => (
              <figure key={e.item.ref} style={{ margin: 0, width: THUMB }}>
                <Image
                  src={urlOf(e.item.ref)}
                  alt={`${e.label}（${facts(e)}）`}
                  width={THUMB}
                  height={THUMB}
                  style={{ objectFit: 'cover' }}
                  onError={() => setBroken((set) => new Set(set).add(e.item.ref))}
                />
                <figcaption>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {facts(e)}
                  </Typography.Text>
                </figcaption>
              </figure>
            ))}
          </div>
        </Image.PreviewGroup>
      ) : null}
      {files.length ? (
        <ul data-testid="order-media-files" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {files.map((e) => {
            const Icon = ICONS[e.typeKey];
            const external = isExternalMediaRef(e.item.ref);
            return (
              <li key={e.item.ref} style={{ marginBottom: 4 }}>
                {external ? (
                  <>
                    <LinkOutlined />{' '}
                    <Typography.Link href={e.item.ref} target="_blank" rel="noopener noreferrer">
                      {e.label}
                    </Typography.Link>{' '}
                    <Typography.Text type="secondary">{t('requests.media.external')}</Typography.Text>
                  </>
                ) : e.state === 'ok' ? (
                  <>
                    <Icon />{' '}
                    <Typography.Link href={urlOf(e.item.ref)} download>
                      {e.label} <DownloadOutlined />
                    </Typography.Link>{' '}
                    <Typography.Text type="secondary">{facts(e)}</Typography.Text>
                    {broken.has(e.item.ref) ? (
                      <Typography.Text type="secondary"> · {t('requests.media.noPreview')}</Typography.Text>
                    ) : null}
                  </>
                ) : (
                  <>
                    <Icon /> <Typography.Text>{e.label}</Typography.Text>{' '}
                    <Typography.Text type="secondary">{facts(e)}</Typography.Text>{' '}
                    {/* Words in the default colour: antd's warning and error colours fail AA. */}
                    <Typography.Text
                      type={e.state === 'checking' ? 'secondary' : undefined}
                      data-testid="media-access"
                    >
                      {e.state === 'checking' ? null : (
                        <>
                          <StopOutlined />{' '}
                        </>
                      )}
                      {t(`requests.media.access.${e.state}`)}
                    </Typography.Text>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
