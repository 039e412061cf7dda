import { lazy, Suspense, useState } from 'react';
import { Alert, Button, Card, Space, Typography, Upload } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../api/client';
import { libraryApi, type LibraryMap } from '../api/library';
import { ErrorView } from '../components/error-view';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useErrorMessage } from '../hooks/use-error-message';
import { useLibraryMap } from '../hooks/use-library';
import { type BoundaryProblem, checkBoundaryText, serverBoundaryProblems } from '../lib/library-boundary';

const LibraryMapChart = lazy(() => import('../components/library-map-chart'));

type Chosen =
  | { file: File; ok: true; geojson: Record<string, unknown>; features: number; names: string[] }
  | { file: File; ok: false; problems: BoundaryProblem[]; more: number };

/** A file's text (File.text where the browser has it, else a FileReader). */
function readText(file: File): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsText(file);
  });
}

/** 导入区域边界: a GeoJSON file checked here, previewed over the projects, then loaded. */
export default function LibraryBoundaryPage() {
  const { t } = useTranslation();
  const errorText = useErrorMessage();
  const queryClient = useQueryClient();
  const map = useLibraryMap();
  const [chosen, setChosen] = useState<Chosen | undefined>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<number | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  useDocumentTitle(t('library.boundary.title'));

  const problemText = (p: BoundaryProblem) => {
    const values = { ...p.values };
    if (typeof values['kind'] === 'string') values['kind'] = t(`library.boundary.kind.${values['kind']}`);
    return t(`library.boundary.problem.${p.key}`, values);
  };

  const choose = async (file: File) => {
    setDone(undefined);
    setFailure(undefined);
    try {
      setChosen({ file, ...checkBoundaryText(await readText(file)) });
    } catch {
      setChosen({ file, ok: false, problems: [{ key: 'unreadable', values: {} }], more: 0 });
    }
  };

  const upload = async () => {
    if (!chosen?.ok) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const answer = await libraryApi.uploadBoundary(chosen.file);
      await queryClient.invalidateQueries({ queryKey: ['library', 'map'] });
      setDone(answer.features);
      setChosen(undefined);
    } catch (error) {
      const boundary = isApiError(error, 'BAD_INPUT') ? error.details : [];
      if (boundary.length > 0)
        setChosen({ file: chosen.file, ok: false, ...serverBoundaryProblems(boundary) });
      else setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  if (map.isError) return <ErrorView error={map.error} onRetry={() => void map.refetch()} />;
  const preview: LibraryMap | undefined =
    chosen?.ok && map.data ? { ...map.data, boundary: chosen.geojson } : undefined;
  return (
    <Card>
      <Link to="/library">{t('library.project.backToLibrary')}</Link>
      <Typography.Title level={2} className="lx-page-title">
        {t('library.boundary.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('library.boundary.intro')}</Typography.Paragraph>
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Typography.Text data-testid="boundary-state">
          {map.data?.boundary
            ? t('library.boundary.current', {
                count: ((map.data.boundary['features'] as unknown[] | undefined) ?? []).length,
              })
            : t('library.boundary.none')}
        </Typography.Text>
        <Upload
          accept=".geojson,.json,application/geo+json,application/json"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(file) => {
            void choose(file);
            return false;
          }}
        >
          <Button>{t('library.boundary.choose')}</Button>
        </Upload>
        {done !== undefined ? (
          <Alert
            type="success"
            showIcon
            title={t('library.boundary.uploaded', { count: done })}
            action={<Link to="/library?tab=map">{t('library.boundary.toMap')}</Link>}
          />
        ) : null}
        {failure ? <Alert type="error" showIcon role="alert" title={failure} /> : null}
        {chosen && !chosen.ok ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={t('library.boundary.badTitle', { file: chosen.file.name })}
            description={
              <ul className="lx-plain-list" data-testid="boundary-problems">
                {chosen.problems.map((p, i) => (
                  <li key={i}>{problemText(p)}</li>
                ))}
                {chosen.more > 0 ? <li>{t('library.boundary.more', { count: chosen.more })}</li> : null}
              </ul>
            }
          />
        ) : null}
        {chosen?.ok ? (
          <>
            <Alert
              type="info"
              showIcon
              title={t('library.boundary.checked', {
                file: chosen.file.name,
                count: chosen.features,
                names: chosen.names.slice(0, 8).join('、') + (chosen.names.length > 8 ? '…' : ''),
              })}
            />
            <Button type="primary" loading={busy} onClick={() => void upload()}>
              {t('library.boundary.upload')}
            </Button>
            {preview ? (
              <Suspense fallback={<Card loading />}>
                <LibraryMapChart map={preview} />
              </Suspense>
            ) : null}
          </>
        ) : null}
      </Space>
    </Card>
  );
}
