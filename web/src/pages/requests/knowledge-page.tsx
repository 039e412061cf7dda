import { useMemo, useState } from 'react';
import { Button, Card, Input, Select, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { KnowledgeListQuery, StoredKnowledgeEntry } from '../../api/desk';
import { ErrorView } from '../../components/error-view';
import { KnowledgeEditor } from '../../components/requests/knowledge-editor';
import { KnowledgeEntryDrawer, STATUS_TONE } from '../../components/requests/knowledge-entry';
import { ToneTag } from '../../components/tags';
import { useKnowledgeEntries } from '../../hooks/use-desk';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useUnitMap } from '../../hooks/use-requests';
import { useSession } from '../../hooks/use-session';

const STATUSES = ['draft', 'pending', 'approved', 'rejected'] as const;

/**
 * 知识库维护: the jurisdiction's entries, a unit's own first; new entries and revisions written
 * here, sent for approval, approved or returned by the centre with the versions and what
 * changed in view. `?entry=ID` opens one (the links of the review reminders).
 */
export default function KnowledgePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('requests.kb.title'));
  const { session } = useSession();
  const user = session?.user;
  const units = useUnitMap();
  const centre = user?.role === 'admin' || user?.role === 'supervisor';
  const [params, setParams] = useSearchParams();
  const opened = Number(params.get('entry')) || undefined;
  const [status, setStatus] = useState<KnowledgeListQuery['status']>(centre ? 'pending' : undefined);
  const [ownerUnitId, setOwnerUnitId] = useState<number | undefined>(
    centre ? undefined : user?.unitIds.length === 1 ? user.unitIds[0] : undefined,
  );
  const [q, setQ] = useState('');
  const [adding, setAdding] = useState(false);
  const [page, setPage] = useState(1);
  const query: KnowledgeListQuery = {
    status,
    ownerUnitId,
    q: q.trim() || undefined,
    limit: 20,
    offset: (page - 1) * 20,
  };
  const list = useKnowledgeEntries(query);
  const writable = useMemo(
    () => (centre ? [...units.keys()] : (user?.unitIds ?? [])),
    [centre, units, user?.unitIds],
  );
  const open = (id: number | undefined) =>
    setParams(
      (p) => {
        if (id === undefined) p.delete('entry');
        else p.set('entry', String(id));
        return p;
      },
      { replace: true },
    );

  if (!user) return null;
  return (
    <Card>
      <Typography.Title level={2} className="lx-page-title">
        {t('requests.kb.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('requests.kb.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }} role="search" aria-label={t('requests.kb.filters')}>
        <label htmlFor="kb-filter-status">{t('requests.kb.status')}</label>
        <Select
          id="kb-filter-status"
          style={{ minWidth: 140 }}
          value={status ?? 'all'}
          options={[
            { value: 'all', label: t('requests.kb.allStatuses') },
            ...STATUSES.map((s) => ({ value: s, label: t(`requests.kb.statuses.${s}`) })),
          ]}
          onChange={(v: string) => {
            setStatus(v === 'all' ? undefined : (v as KnowledgeListQuery['status']));
            setPage(1);
          }}
        />
        <label htmlFor="kb-filter-unit">{t('requests.kb.owner')}</label>
        <Select
          id="kb-filter-unit"
          style={{ minWidth: 200 }}
          showSearch
          optionFilterProp="label"
          value={ownerUnitId ?? 0}
          options={[
            { value: 0, label: t('requests.kb.allUnits') },
            ...(centre ? [...units.keys()] : user.unitIds).map((id) => ({
              value: id,
              label: units.get(id)?.name ?? '',
            })),
          ]}
          onChange={(v: number) => {
            setOwnerUnitId(v || undefined);
            setPage(1);
          }}
        />
        <label htmlFor="kb-filter-q">{t('requests.kb.search')}</label>
        <Input
          id="kb-filter-q"
          allowClear
          style={{ width: 220 }}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setPage(1);
          }}
        />
        {writable.length > 0 ? (
          <Button type="primary" onClick={() => setAdding(true)}>
            {t('requests.kb.add')}
          </Button>
        ) : null}
        <Link to="/requests/knowledge/upkeep">{t('requests.kb.upkeep.title')}</Link>
      </Space>
      {list.isError ? <ErrorView error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<StoredKnowledgeEntry>
        data-testid="kb-table"
        rowKey={(s) => s.entry.id}
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('requests.kb.empty') }}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          hideOnSinglePage: true,
          onChange: setPage,
        }}
        columns={[
          {
            title: t('requests.kb.question'),
            key: 'q',
            render: (_, s) => {
              const question = s.entry.versions.at(-1)?.question ?? '';
              return (
                <Button
                  type="link"
                  style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
                  aria-label={t('requests.kb.openLabel', { question })}
                  onClick={() => open(s.entry.id)}
                >
                  {question}
                </Button>
              );
            },
          },
          {
            title: t('requests.kb.owner'),
            key: 'o',
            render: (_, s) => units.get(s.entry.versions.at(-1)?.ownerUnitId ?? 0)?.name ?? '—',
          },
          { title: t('requests.kb.category'), key: 'c', render: (_, s) => s.entry.versions.at(-1)?.category },
          {
            title: t('requests.kb.status'),
            key: 's',
            render: (_, s) => {
              const last = s.entry.versions.at(-1);
              return last ? (
                <ToneTag tone={STATUS_TONE[last.status] ?? 'grey'}>
                  {t(`requests.kb.statuses.${last.status}`)}
                </ToneTag>
              ) : null;
            },
          },
          { title: t('requests.kb.reviewBy'), key: 'r', render: (_, s) => s.entry.versions.at(-1)?.reviewBy },
        ]}
      />
      {adding ? (
        <KnowledgeEditor
          open
          stored={undefined}
          unitIds={writable}
          onClose={() => setAdding(false)}
          onSaved={(saved) => {
            setAdding(false);
            open(saved.entry.id);
          }}
        />
      ) : null}
      <KnowledgeEntryDrawer
        entryId={opened}
        user={user}
        writableUnitIds={writable}
        onClose={() => open(undefined)}
      />
    </Card>
  );
}
