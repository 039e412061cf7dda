import { useState } from 'react';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { deskApi, type KnowledgeContentBody, type StoredKnowledgeEntry } from '../../api/desk';
import { useKnowledgeStep } from '../../hooks/use-desk';
import { useErrorMessage } from '../../hooks/use-error-message';
import { useAreaNames, useCatalogueRows, useUnitMap } from '../../hooks/use-requests';

export interface KnowledgeEditorProps {
  /** The entry revised, or undefined for a new one. */
  stored: StoredKnowledgeEntry | undefined;
  open: boolean;
  /** The units the user may write for (a unit's own; every unit for the centre). */
  unitIds: readonly number[];
  onClose: () => void;
  onSaved: (saved: StoredKnowledgeEntry) => void;
}

type Draft = Omit<KnowledgeContentBody, 'area' | 'validTo' | 'keywords' | 'ownerUnitId'> & {
  area: string;
  validTo: string;
  keywords: string[];
  ownerUnitId: number | undefined;
};

function draftOf(stored: StoredKnowledgeEntry | undefined, unitIds: readonly number[]): Draft {
  const last = stored?.entry.versions.at(-1);
  if (!last)
    return {
      question: '',
      answer: '',
      category: '',
      area: '',
      ownerUnitId: unitIds.length === 1 ? unitIds[0] : undefined,
      source: '',
      validFrom: '',
      validTo: '',
      reviewBy: '',
      keywords: [],
    };
  return {
    question: last.question,
    answer: last.answer,
    category: last.category,
    area: last.area ?? '',
    ownerUnitId: last.ownerUnitId,
    source: last.source,
    validFrom: last.validFrom,
    validTo: last.validTo ?? '',
    reviewBy: last.reviewBy,
    keywords: [...last.keywords],
  };
}

const REQUIRED = [
  'question',
  'answer',
  'category',
  'ownerUnitId',
  'source',
  'validFrom',
  'reviewBy',
] as const;

/**
 * A knowledge entry written or revised. The row version read is sent with a revision; when
 * someone saved meanwhile (409) everything typed stays in the form, the latest version is
 * read, the user is told what changed, and the next save goes against it.
 */
export function KnowledgeEditor({ stored, open, unitIds, onClose, onSaved }: KnowledgeEditorProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const step = useKnowledgeStep();
  const units = useUnitMap();
  const areas = useAreaNames();
  const categories = useCatalogueRows().map((row) => row.category);
  const [draft, setDraft] = useState<Draft>(() => draftOf(stored, unitIds));
  const [version, setVersion] = useState(stored?.version);
  const [conflict, setConflict] = useState<StoredKnowledgeEntry | undefined>();
  const [touched, setTouched] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const missing = (key: (typeof REQUIRED)[number]) => touched && !String(draft[key] ?? '').trim();
  const label = (key: keyof Draft) => t(`requests.kb.${key === 'ownerUnitId' ? 'owner' : key}`);
  const help = (key: (typeof REQUIRED)[number]) =>
    missing(key) ? t('requests.kb.required', { field: label(key) }) : undefined;

  const save = () => {
    setTouched(true);
    if (REQUIRED.some((key) => !String(draft[key] ?? '').trim()) || draft.ownerUnitId === undefined) return;
    const content: KnowledgeContentBody = {
      ...draft,
      ownerUnitId: draft.ownerUnitId,
      area: draft.area || null,
      validTo: draft.validTo || null,
    };
    const id = stored?.entry.id;
    step.mutate(
      id === undefined || version === undefined
        ? { type: 'create', content }
        : { type: 'revise', id, content, version },
      {
        onSuccess: (saved) => {
          setConflict(undefined);
          void message.success(t('requests.kb.saved'));
          onSaved(saved);
        },
        onError: (error) => {
          if (id === undefined || !isApiError(error, 'CONFLICT')) return;
          // Keep what was typed; read the latest so the next save goes against it.
          void deskApi.knowledgeEntry(id).then((latest) => {
            setConflict(latest);
            setVersion(latest.version);
          });
        },
      },
    );
  };

  const latest = conflict?.entry.versions.at(-1);
  const field = (key: (typeof REQUIRED)[number]) => ({
    label: label(key),
    htmlFor: `kb-${key}`,
    required: true,
    validateStatus: missing(key) ? ('error' as const) : undefined,
    help: help(key),
  });
  return (
    <Modal
      open={open}
      width={720}
      title={stored ? t('requests.kb.editTitle') : t('requests.kb.newTitle')}
      okText={t('requests.kb.save')}
      cancelText={t('requests.kb.cancel')}
      confirmLoading={step.isPending}
      onOk={save}
      onCancel={onClose}
      destroyOnHidden
    >
      {latest ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={t('requests.kb.conflict', {
            version: latest.version,
            status: t(`requests.kb.statuses.${latest.status}`),
          })}
          description={t('requests.kb.theirs', { question: latest.question })}
        />
      ) : step.isError ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={errorMessage(step.error)}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Form layout="vertical" onFinish={save}>
        <Form.Item {...field('question')}>
          <Input
            id="kb-question"
            maxLength={200}
            value={draft.question}
            onChange={(e) => set('question', e.target.value)}
          />
        </Form.Item>
        <Form.Item {...field('answer')}>
          <Input.TextArea
            id="kb-answer"
            rows={5}
            maxLength={4000}
            value={draft.answer}
            onChange={(e) => set('answer', e.target.value)}
          />
        </Form.Item>
        <Form.Item {...field('category')}>
          <Select
            id="kb-category"
            showSearch
            value={draft.category || undefined}
            options={categories.map((c) => ({ value: c, label: c }))}
            onChange={(v: string) => set('category', v)}
          />
        </Form.Item>
        <Form.Item label={label('area')} htmlFor="kb-area">
          <Select
            id="kb-area"
            allowClear
            placeholder={t('requests.kb.wholeArea')}
            value={draft.area || undefined}
            options={areas.map((a) => ({ value: a, label: a }))}
            onChange={(v: string | undefined) => set('area', v ?? '')}
          />
        </Form.Item>
        <Form.Item {...field('ownerUnitId')}>
          <Select
            id="kb-ownerUnitId"
            showSearch
            optionFilterProp="label"
            value={draft.ownerUnitId}
            options={unitIds.map((id) => ({ value: id, label: units.get(id)?.name ?? '' }))}
            onChange={(v: number) => set('ownerUnitId', v)}
          />
        </Form.Item>
        <Form.Item {...field('source')}>
          <Input
            id="kb-source"
            maxLength={300}
            value={draft.source}
            onChange={(e) => set('source', e.target.value)}
          />
        </Form.Item>
        <Form.Item {...field('validFrom')}>
          <Input
            id="kb-validFrom"
            type="date"
            value={draft.validFrom}
            onChange={(e) => set('validFrom', e.target.value)}
          />
        </Form.Item>
        <Form.Item label={label('validTo')} htmlFor="kb-validTo" extra={t('requests.kb.noEnd')}>
          <Input
            id="kb-validTo"
            type="date"
            value={draft.validTo}
            onChange={(e) => set('validTo', e.target.value)}
          />
        </Form.Item>
        <Form.Item {...field('reviewBy')}>
          <Input
            id="kb-reviewBy"
            type="date"
            value={draft.reviewBy}
            onChange={(e) => set('reviewBy', e.target.value)}
          />
        </Form.Item>
        <Form.Item label={label('keywords')} htmlFor="kb-keywords" extra={t('requests.kb.keywordsHelp')}>
          <Select
            id="kb-keywords"
            mode="tags"
            value={draft.keywords}
            open={false}
            onChange={(v: string[]) => set('keywords', v)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
