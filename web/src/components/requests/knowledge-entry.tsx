import { useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Form, Input, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StoredKnowledgeEntry } from '../../api/desk';
import { useKnowledgeEntry, useKnowledgeStep } from '../../hooks/use-desk';
import { useErrorMessage } from '../../hooks/use-error-message';
import { useLang } from '../../hooks/use-lang';
import { useUnitMap } from '../../hooks/use-requests';
import { formatDateTime } from '../../lib/format';
import { diffKnowledgeVersions, findBaseVersion } from '../../lib/knowledge-diff';
import { ToneTag, type Tone } from '../tags';
import { KnowledgeEditor } from './knowledge-editor';

export const STATUS_TONE: Record<string, Tone> = {
  draft: 'grey',
  pending: 'gold',
  approved: 'green',
  rejected: 'red',
};

export interface KnowledgeEntryDrawerProps {
  entryId: number | undefined;
  /** The user: the centre decides; a unit writes only its own entries. */
  user: { id: number; role: string; unitIds: readonly number[] };
  /** Every unit the user may write for. */
  writableUnitIds: readonly number[];
  onClose: () => void;
}

/** The changes of the latest version against the version in use, field by field. */
function Changes({ stored }: { stored: StoredKnowledgeEntry }) {
  const { t } = useTranslation();
  const units = useUnitMap();
  const versions = stored.entry.versions;
  const latest = versions.at(-1)!;
  const base = findBaseVersion(versions);
  const changes = diffKnowledgeVersions(base, latest, (id) => units.get(id)?.name ?? '');
  return (
    <section aria-labelledby="kb-changes-title">
      <Typography.Title level={3} id="kb-changes-title" style={{ fontSize: 16 }}>
        {t('requests.kb.changes')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {base ? t('requests.kb.changesAgainst', { version: base.version }) : t('requests.kb.firstVersion')}
      </Typography.Paragraph>
      {changes.length === 0 ? (
        <Typography.Paragraph>{t('requests.kb.noChanges')}</Typography.Paragraph>
      ) : (
        <dl className="lx-kb-diff" data-testid="kb-diff">
          {changes.map((change) => (
            <div key={change.field}>
              <dt>{t(`requests.kb.${change.field === 'ownerUnitId' ? 'owner' : change.field}`)}</dt>
              <dd>
                {change.parts ? (
                  <span>
                    {change.parts.head}
                    {change.parts.removed ? (
                      <del aria-label={`${t('requests.kb.before')}：${change.parts.removed}`}>
                        {change.parts.removed}
                      </del>
                    ) : null}
                    {change.parts.added ? (
                      <ins aria-label={`${t('requests.kb.after')}：${change.parts.added}`}>
                        {change.parts.added}
                      </ins>
                    ) : null}
                    {change.parts.tail}
                  </span>
                ) : (
                  <span>
                    {base ? (
                      <>
                        {t('requests.kb.before')}：<del>{change.before || '—'}</del>；
                      </>
                    ) : null}
                    {base ? `${t('requests.kb.after')}：` : null}
                    <ins>{change.after || '—'}</ins>
                  </span>
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

/**
 * One knowledge entry: its content, every version with its decision, what the latest version
 * changes against the one in use, and the steps the user may take on it (revise, send for
 * approval, approve or return with a reason, confirm a review).
 */
export function KnowledgeEntryDrawer({ entryId, user, writableUnitIds, onClose }: KnowledgeEntryDrawerProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const entry = useKnowledgeEntry(entryId);
  const step = useKnowledgeStep();
  const units = useUnitMap();
  const [editing, setEditing] = useState(false);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonTouched, setReasonTouched] = useState(false);
  const stored = entry.data;
  const latest = stored?.entry.versions.at(-1);
  const centre = user.role === 'admin' || user.role === 'supervisor';
  const mine = latest !== undefined && (centre || user.unitIds.includes(latest.ownerUnitId));
  const live = stored !== undefined && stored.entry.retired === null;

  const run = (s: Parameters<typeof step.mutate>[0], done: string, after?: () => void) =>
    step.mutate(s, {
      onSuccess: () => {
        void message.success(done);
        after?.();
      },
    });

  const returnEntry = () => {
    setReasonTouched(true);
    if (!stored || !reason.trim()) return;
    run(
      { type: 'decide', id: stored.entry.id, approve: false, note: reason.trim(), version: stored.version },
      t('requests.kb.returned'),
      () => {
        setReturning(false);
        setReason('');
        setReasonTouched(false);
      },
    );
  };

  return (
    <Drawer
      open={entryId !== undefined}
      size={720}
      title={latest?.question ?? ''}
      onClose={onClose}
      destroyOnHidden
    >
      {entry.isError ? <Alert type="error" showIcon title={errorMessage(entry.error)} /> : null}
      {step.isError ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={errorMessage(step.error)}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {stored && latest ? (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Space wrap>
            <ToneTag tone={STATUS_TONE[latest.status] ?? 'grey'}>
              {t(`requests.kb.statuses.${latest.status}`)}
            </ToneTag>
            {!live ? <ToneTag tone="grey">{t('requests.kb.retired')}</ToneTag> : null}
            {live && mine ? (
              <Button onClick={() => setEditing(true)} disabled={latest.status === 'pending' && !centre}>
                {t('requests.kb.revise')}
              </Button>
            ) : null}
            {live && mine && (latest.status === 'draft' || latest.status === 'rejected') ? (
              <Button
                type="primary"
                loading={step.isPending}
                onClick={() =>
                  run(
                    { type: 'submit', id: stored.entry.id, version: stored.version },
                    t('requests.kb.submitted'),
                  )
                }
              >
                {t('requests.kb.submit')}
              </Button>
            ) : null}
            {live && centre && latest.status === 'pending' ? (
              <>
                <Button
                  type="primary"
                  loading={step.isPending}
                  disabled={latest.editedBy === user.id}
                  title={latest.editedBy === user.id ? t('requests.kb.ownEdit') : undefined}
                  onClick={() =>
                    run(
                      {
                        type: 'decide',
                        id: stored.entry.id,
                        approve: true,
                        note: '',
                        version: stored.version,
                      },
                      t('requests.kb.approved'),
                    )
                  }
                >
                  {t('requests.kb.approve')}
                </Button>
                <Button danger onClick={() => setReturning(true)}>
                  {t('requests.kb.return')}
                </Button>
              </>
            ) : null}
          </Space>
          {latest.status === 'pending' && latest.editedBy === user.id && centre ? (
            <Typography.Text type="secondary">{t('requests.kb.ownEdit')}</Typography.Text>
          ) : null}
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              { key: 'q', label: t('requests.kb.question'), children: latest.question },
              {
                key: 'a',
                label: t('requests.kb.answer'),
                children: <span style={{ whiteSpace: 'pre-wrap' }}>{latest.answer}</span>,
              },
              { key: 'c', label: t('requests.kb.category'), children: latest.category },
              {
                key: 'ar',
                label: t('requests.kb.area'),
                children: latest.area ?? t('requests.kb.wholeArea'),
              },
              {
                key: 'o',
                label: t('requests.kb.owner'),
                children: units.get(latest.ownerUnitId)?.name ?? '—',
              },
              { key: 's', label: t('requests.kb.source'), children: latest.source },
              {
                key: 'v',
                label: t('requests.kb.validFrom'),
                children: `${latest.validFrom} — ${latest.validTo ?? t('requests.kb.noEnd')}`,
              },
              { key: 'r', label: t('requests.kb.reviewBy'), children: latest.reviewBy },
              { key: 'k', label: t('requests.kb.keywords'), children: latest.keywords.join('、') || '—' },
            ]}
          />
          <Changes stored={stored} />
          <section aria-labelledby="kb-versions-title">
            <Typography.Title level={3} id="kb-versions-title" style={{ fontSize: 16 }}>
              {t('requests.kb.versions')}
            </Typography.Title>
            <ol className="lx-kb-versions" data-testid="kb-versions">
              {[...stored.entry.versions].reverse().map((v) => (
                <li key={v.version}>
                  {t('requests.kb.versionLine', {
                    version: v.version,
                    status: t(`requests.kb.statuses.${v.status}`),
                    at: formatDateTime(v.editedAt, lang),
                  })}
                  {v.confirms !== null ? (
                    <div>{t('requests.kb.confirms', { version: v.confirms })}</div>
                  ) : null}
                  {v.decision?.note ? (
                    <div>{t('requests.kb.decisionNote', { note: v.decision.note })}</div>
                  ) : null}
                </li>
              ))}
            </ol>
          </section>
        </Space>
      ) : null}
      {stored && editing ? (
        <KnowledgeEditor
          open
          stored={stored}
          unitIds={writableUnitIds}
          onClose={() => setEditing(false)}
          onSaved={() => setEditing(false)}
        />
      ) : null}
      <Modal
        open={returning}
        title={t('requests.kb.returnTitle')}
        okText={t('requests.kb.return')}
        cancelText={t('requests.kb.cancel')}
        confirmLoading={step.isPending}
        onOk={returnEntry}
        onCancel={() => setReturning(false)}
      >
        <Form layout="vertical" onFinish={returnEntry}>
          <Form.Item
            label={t('requests.kb.returnReason')}
            htmlFor="kb-return-reason"
            required
            validateStatus={reasonTouched && !reason.trim() ? 'error' : undefined}
            help={reasonTouched && !reason.trim() ? t('requests.kb.returnRequired') : undefined}
          >
            <Input.TextArea
              id="kb-return-reason"
              rows={3}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}
