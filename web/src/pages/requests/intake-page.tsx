import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Result, Space, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { formatOrderNumber } from '../../lib/order-number';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import type { CategorySuggestion, MediaRef, WorkOrder } from '../../api/requests';
import { requestsMediaApi, type UploadedMedia } from '../../api/requests-media';
import { IntakeForm } from '../../components/requests/intake-form';
import { KnowledgePanel } from '../../components/requests/knowledge-panel';
import { useDirectAnswer } from '../../hooks/use-desk';
import { toIntake, type IntakeValues } from '../../components/requests/intake-validation';
import { suggestByKeywords } from '../../components/requests/suggest';
import { useCatalogueRows, useCreateOrder, useJurisdictionAreas } from '../../hooks/use-requests';
import { useErrorMessage } from '../../hooks/use-error-message';
import { useDocumentTitle } from '../../hooks/use-document-title';

/** How long the text must rest before the server is asked for suggestions. */
export const SUGGEST_DELAY_MS = 300;

/** `value`, once it has stayed the same for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** The server's suggestions (catalogue keywords and the trained model) for the text as it rests. */
function useIntakeSuggestions(text: string, area: string | undefined) {
  const settled = useDebounced(text.trim(), SUGGEST_DELAY_MS);
  return useQuery({
    queryKey: ['requests-suggest', settled, area ?? ''],
    queryFn: ({ signal }) => requestsMediaApi.suggest(settled, area, signal),
    enabled: settled.length >= 2,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

/**
 * 受理登记: the hotline operator's screen. Categories are suggested from the server as the
 * operator types (the catalogue's keywords stand in until it answers); the street or town list
 * is the server's; attached files are uploaded on submit, each once, and the order then names
 * them — a file the server refuses stops the submission with the server's reason.
 */
export default function IntakePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const create = useCreateOrder();
  const direct = useDirectAnswer();
  const [answered, setAnswered] = useState(false);
  const [text, setText] = useState('');
  const [area, setArea] = useState<string | undefined>();
  const [saved, setSaved] = useState<WorkOrder | undefined>();
  const [formKey, setFormKey] = useState(0);
  const [uploading, setUploading] = useState(false);
  const [refused, setRefused] = useState<string | undefined>();
  // Files already uploaded, so a retry after a refused intake does not send them again.
  const uploads = useRef(new Map<File, UploadedMedia>());
  const rows = useCatalogueRows();
  const areas = useJurisdictionAreas();
  const suggested = useIntakeSuggestions(text, area);
  useDocumentTitle(t('requests.intake.title'));

  const suggestions: CategorySuggestion[] = useMemo(() => {
    if (text.trim().length < 2) return [];
    const fromServer = suggested.data?.items;
    if (fromServer === undefined) return suggestByKeywords(text, rows);
    return fromServer.map((s) => ({
      category: s.category,
      score: s.score,
      reasons: s.dispatch?.unitName
        ? [...s.reasons, t('requests.intake.suggestedUnit', { unit: s.dispatch.unitName })]
        : s.reasons,
    }));
  }, [text, rows, suggested.data, t]);

  const reset = () => {
    setSaved(undefined);
    setAnswered(false);
    setText('');
    setArea(undefined);
    setRefused(undefined);
    uploads.current.clear();
    setFormKey((k) => k + 1);
  };

  /** Uploads what is not uploaded yet; undefined (with the reason shown) when the server refuses one. */
  const uploadAll = async (files: File[]): Promise<MediaRef[] | undefined> => {
    const media: MediaRef[] = [];
    for (const file of files) {
      let done = uploads.current.get(file);
      if (done === undefined) {
        try {
          done = await requestsMediaApi.upload(file, file.name);
        } catch (error) {
          const reason = isApiError(error) && error.code !== 'NETWORK' ? error.message : errorMessage(error);
          setRefused(t('requests.intake.mediaRefused', { name: file.name, message: reason }));
          return undefined;
        }
        uploads.current.set(file, done);
      }
      media.push({ ref: done.ref, contentType: done.contentType, bytes: done.bytes });
    }
    return media;
  };

  const submit = async (values: IntakeValues, files: File[]) => {
    setRefused(undefined);
    setUploading(true);
    const media = await uploadAll(files).finally(() => setUploading(false));
    if (media === undefined) return;
    create.mutate(toIntake(values, media), {
      onSuccess: (order) => {
        setSaved(order);
        void message.success(
          t('requests.intake.saved', { id: formatOrderNumber(order.id, order.receivedAt) }),
        );
      },
    });
  };

  /** 直接答复: the call taken in and closed with the entry's answer, in one step. */
  const answerFrom = (values: IntakeValues, entryId: number) => {
    setRefused(undefined);
    direct.mutate(
      { intake: toIntake(values), entryId },
      {
        onSuccess: (order) => {
          setAnswered(true);
          setSaved(order);
          void message.success(
            t('requests.desk.knowledge.answered', { id: formatOrderNumber(order.id, order.receivedAt) }),
          );
        },
      },
    );
  };

  return (
    <Card>
      <Typography.Title level={2} className="lx-page-title">
        {t('requests.intake.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('requests.intake.intro')}</Typography.Paragraph>
      {saved ? (
        <Result
          status="success"
          title={
            answered
              ? t('requests.desk.knowledge.answered', { id: formatOrderNumber(saved.id, saved.receivedAt) })
              : t('requests.intake.saved', { id: formatOrderNumber(saved.id, saved.receivedAt) })
          }
          extra={
            <Space>
              <Link to={`/requests/orders/${saved.id}`}>
                <Button type="primary">{t('requests.intake.openOrder')}</Button>
              </Link>
              <Button onClick={reset}>{t('requests.intake.another')}</Button>
            </Space>
          }
        />
      ) : (
        <>
          {areas.isError ? (
            <Alert
              type="warning"
              showIcon
              title={t('requests.intake.areasUnavailable')}
              style={{ marginBottom: 16 }}
            />
          ) : null}
          {refused ? <Alert type="error" showIcon title={refused} style={{ marginBottom: 16 }} /> : null}
          {create.isError ? (
            <Alert type="error" showIcon title={errorMessage(create.error)} style={{ marginBottom: 16 }} />
          ) : null}
          {direct.isError ? (
            <Alert type="error" showIcon title={errorMessage(direct.error)} style={{ marginBottom: 16 }} />
          ) : null}
          {uploading ? (
            <Typography.Paragraph type="secondary">
              {t('requests.intake.mediaUploading')}
            </Typography.Paragraph>
          ) : null}
          <IntakeForm
            key={formKey}
            rows={rows}
            areas={areas.data?.items ?? []}
            suggestions={suggestions}
            submitting={uploading || create.isPending}
            onTextChange={setText}
            onAreaChange={setArea}
            onSubmit={(values, files) => void submit(values, files)}
            onDirectAnswer={answerFrom}
            knowledge={({ values, hasFiles, answer }) => (
              <KnowledgePanel
                text={values.text}
                area={values.area}
                category={values.category}
                hasFiles={hasFiles}
                answering={direct.isPending}
                onAnswer={answer}
              />
            )}
          />
        </>
      )}
    </Card>
  );
}
