import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Card,
  Grid,
  List,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { libraryApi, type MatchDecisionBody, type PlanLibraryMatches } from '../api/library';
import { ErrorView } from '../components/error-view';
import { ToneTag, type Tone } from '../components/tags';
import { usePlanIdParam } from '../hooks/use-current-plan';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useErrorMessage } from '../hooks/use-error-message';
import { useLibraryMatches, useLibrarySearch } from '../hooks/use-library';

type Match = PlanLibraryMatches['matches'][number];

const STATE_TONE: Record<string, Tone> = {
  matched: 'blue',
  pending: 'gold',
  confirmed: 'green',
  created: 'green',
  rejected: 'grey',
};

/** Still open to a decision: waiting, or linked by the machine (a wrong link may be corrected). */
const open = (m: Match) => m.state === 'pending' || m.state === 'matched';

/** The library project a match proposes: the one linked, else the best candidate. */
function proposal(m: Match) {
  if (m.libraryProjectId !== null)
    return {
      projectId: m.libraryProjectId,
      name: m.libraryProjectName ?? '',
      via: null,
      // A person's decision, not a likeness: no similarity shown.
      confidence: open(m) ? m.confidence : null,
    };
  const best = m.candidates[0];
  return best
    ? { projectId: best.projectId, name: best.name, via: best.via, confidence: best.confidence }
    : null;
}

/** 改选其他项目: the candidates first, then any project of the library found by name. */
function PickDialog({
  match,
  onPick,
  onClose,
}: {
  match: Match;
  onPick: (id: number, name: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<number | undefined>();
  const found = useLibrarySearch(q, true);
  const options = new Map<number, string>();
  for (const c of match.candidates)
    options.set(c.projectId, `${c.name}（${Math.round(c.confidence * 100)}%）`);
  for (const p of found.data?.items ?? []) if (!options.has(p.id)) options.set(p.id, p.name);
  const nameOf = (id: number) =>
    match.candidates.find((c) => c.projectId === id)?.name ??
    found.data?.items.find((p) => p.id === id)?.name ??
    '';
  return (
    <Modal
      open
      title={`${t('library.matches.pick')}：${match.name}`}
      okText={t('library.matches.pickConfirm')}
      cancelText={t('library.form.cancel')}
      okButtonProps={{ disabled: chosen === undefined }}
      onOk={() => chosen !== undefined && onPick(chosen, nameOf(chosen))}
      onCancel={onClose}
    >
      <Select
        showSearch={{ filterOption: false, onSearch: setQ }}
        style={{ width: '100%' }}
        placeholder={t('library.matches.pickPlaceholder')}
        aria-label={t('library.matches.pickPlaceholder')}
        loading={found.isFetching}
        value={chosen}
        onChange={setChosen}
        options={[...options].map(([value, label]) => ({ value, label }))}
      />
    </Modal>
  );
}

/** 报告项目对照审核: the plan's named projects against the library, reviewed one by one. */
export default function LibraryMatchesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorMessage();
  const planId = usePlanIdParam();
  const matches = useLibraryMatches(planId);
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<'open' | 'all'>('open');
  const [picking, setPicking] = useState<Match | undefined>();
  const [selected, setSelected] = useState<number[]>([]);
  const [busy, setBusy] = useState<number | 'run' | 'bulk' | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const narrow = Grid.useBreakpoint().md === false;
  useDocumentTitle(t('library.matches.title'));
  if (matches.isError) return <ErrorView error={matches.error} onRetry={() => void matches.refetch()} />;
  const data = matches.data;
  if (!data || planId === undefined) return <Card loading />;

  const act = async (key: number | 'run' | 'bulk', call: () => Promise<unknown>, done: string) => {
    setBusy(key);
    setFailure(undefined);
    try {
      await call();
      await queryClient.invalidateQueries({ queryKey: ['library'] });
      void message.success(done);
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setBusy(undefined);
    }
  };
  // Several doubtful names at once: each chosen one confirmed as its first proposal, or rejected.
  const chosen = data.matches.filter((m) => selected.includes(m.id) && m.state === 'pending');
  const acceptable = chosen.filter((m) => proposal(m) !== null);
  const decideChosen = (action: 'confirm' | 'reject') =>
    act(
      'bulk',
      async () => {
        const list = action === 'confirm' ? acceptable : chosen;
        await libraryApi.decideMatches(planId, {
          decisions: list.map((m) =>
            action === 'confirm'
              ? { matchId: m.id, action, projectId: proposal(m)!.projectId }
              : { matchId: m.id, action },
          ),
        });
        setSelected([]);
      },
      t(action === 'confirm' ? 'library.matches.bulkConfirmed' : 'library.matches.bulkRejected', {
        count: action === 'confirm' ? acceptable.length : chosen.length,
      }),
    );
  const decide = (m: Match, body: MatchDecisionBody, done: string) =>
    act(m.id, () => libraryApi.decideMatch(planId, m.id, body), done);
  const confirm = (m: Match, projectId: number, project: string) =>
    decide(m, { action: 'confirm', projectId }, t('library.matches.savedConfirm', { name: m.name, project }));

  const nameCell = (m: Match) => (
    <Space orientation="vertical" size={0}>
      <Typography.Text strong>{m.name}</Typography.Text>
      <Typography.Text type="secondary">{t(`library.matches.kind.${m.kind}`)}</Typography.Text>
    </Space>
  );
  const proposalCell = (m: Match) => {
    const p = proposal(m);
    if (!p) return <Typography.Text type="secondary">{t('library.matches.none')}</Typography.Text>;
    return (
      <Space orientation="vertical" size={0}>
        <Link to={`/library/projects/${p.projectId}`}>{p.name}</Link>
        {p.confidence === null ? null : (
          <Typography.Text type="secondary">
            {`${t('library.matches.confidence')} ${Math.round(p.confidence * 100)}%`}
            {p.via ? `，${t(`library.matches.via.${p.via}`)}` : ''}
          </Typography.Text>
        )}
      </Space>
    );
  };
  const stateCell = (m: Match) => (
    <ToneTag tone={STATE_TONE[m.state] ?? 'grey'}>{t(`library.matches.stateName.${m.state}`)}</ToneTag>
  );
  const actionsCell = (m: Match) => {
    if (!open(m)) return null;
    const p = proposal(m);
    const loading = busy === m.id;
    return (
      <Space wrap size={4}>
        {p && m.state === 'pending' ? (
          <Button
            size="small"
            type="primary"
            loading={loading}
            onClick={() => void confirm(m, p.projectId, p.name)}
          >
            {t('library.matches.accept')}
          </Button>
        ) : null}
        <Button size="small" disabled={loading} onClick={() => setPicking(m)}>
          {t('library.matches.pick')}
        </Button>
        <Button
          size="small"
          disabled={loading}
          onClick={() =>
            void decide(m, { action: 'create' }, t('library.matches.savedCreate', { name: m.name }))
          }
        >
          {t('library.matches.create')}
        </Button>
        <Button
          size="small"
          danger
          disabled={loading}
          onClick={() =>
            void decide(m, { action: 'reject' }, t('library.matches.savedReject', { name: m.name }))
          }
        >
          {t('library.matches.reject')}
        </Button>
      </Space>
    );
  };

  const pending = data.matches.filter((m) => m.state === 'pending').length;
  const rows = filter === 'open' ? data.matches.filter((m) => m.state === 'pending') : data.matches;
  return (
    <Card>
      <Link to="/library">{t('library.project.backToLibrary')}</Link>
      <Typography.Title level={2} className="lx-page-title">
        {t('library.matches.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('library.matches.intro', { year: data.year })}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={filter}
          onChange={(v) => setFilter(v as 'open' | 'all')}
          options={[
            { value: 'open', label: `${t('library.matches.filterOpen')}（${pending}）` },
            { value: 'all', label: `${t('library.matches.filterAll')}（${data.matches.length}）` },
          ]}
        />
        <Button
          loading={busy === 'run'}
          onClick={() => void act('run', () => libraryApi.runMatches(planId), t('library.matches.ran'))}
        >
          {t('library.matches.run')}
        </Button>
      </Space>
      {chosen.length > 0 ? (
        <Space wrap style={{ marginBottom: 12 }} data-testid="bulk-actions">
          <Typography.Text>{t('library.matches.selected', { count: chosen.length })}</Typography.Text>
          <Button
            type="primary"
            loading={busy === 'bulk'}
            disabled={acceptable.length === 0}
            onClick={() => void decideChosen('confirm')}
          >
            {t('library.matches.bulkConfirm', { count: acceptable.length })}
          </Button>
          <Button danger disabled={busy === 'bulk'} onClick={() => void decideChosen('reject')}>
            {t('library.matches.bulkReject', { count: chosen.length })}
          </Button>
        </Space>
      ) : null}
      {failure ? (
        <Alert type="error" showIcon role="alert" title={failure} style={{ marginBottom: 12 }} />
      ) : null}
      {narrow ? (
        <List<Match>
          dataSource={rows}
          loading={matches.isFetching}
          pagination={{ pageSize: 20, hideOnSinglePage: true, size: 'small' }}
          locale={{ emptyText: t('library.matches.empty') }}
          renderItem={(m) => (
            <List.Item key={m.id}>
              <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap>
                  {m.state === 'pending' ? (
                    <Checkbox
                      aria-label={t('library.matches.choose', { name: m.name })}
                      checked={selected.includes(m.id)}
                      onChange={(e) =>
                        setSelected((now) =>
                          e.target.checked ? [...now, m.id] : now.filter((id) => id !== m.id),
                        )
                      }
                    />
                  ) : null}
                  {nameCell(m)}
                  {stateCell(m)}
                </Space>
                <Typography.Text>{`${t('library.matches.step')}：${m.step}`}</Typography.Text>
                {proposalCell(m)}
                {actionsCell(m)}
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Table<Match>
          size="small"
          rowKey="id"
          dataSource={rows}
          loading={matches.isFetching}
          scroll={{ x: 'max-content' }}
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys.map(Number)),
            getCheckboxProps: (m) => ({
              disabled: m.state !== 'pending',
              'aria-label': t('library.matches.choose', { name: m.name }),
            }),
          }}
          pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
          locale={{ emptyText: t('library.matches.empty') }}
          columns={[
            { title: t('library.matches.reportName'), key: 'name', render: (_, m) => nameCell(m) },
            { title: t('library.matches.step'), dataIndex: 'step' },
            { title: t('library.matches.proposal'), key: 'proposal', render: (_, m) => proposalCell(m) },
            { title: t('library.matches.state'), key: 'state', render: (_, m) => stateCell(m) },
            { title: '', key: 'actions', render: (_, m) => actionsCell(m) },
          ]}
        />
      )}
      {data.promises.length > 0 ? (
        <>
          <Typography.Title level={4}>{t('library.matches.promisesTitle')}</Typography.Title>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={data.promises}
            columns={[
              { title: t('library.board.written'), dataIndex: 'written' },
              { title: t('library.board.promised'), dataIndex: 'promised', align: 'right' },
              { title: t('library.board.counted'), dataIndex: 'counted', align: 'right' },
              {
                title: '',
                key: 'met',
                render: (_, p) => (
                  <ToneTag tone={p.met ? 'green' : 'gold'}>
                    {t(p.met ? 'library.board.met' : 'library.board.short')}
                  </ToneTag>
                ),
              },
            ]}
          />
        </>
      ) : null}
      {picking ? (
        <PickDialog
          match={picking}
          onClose={() => setPicking(undefined)}
          onPick={(id, name) => {
            setPicking(undefined);
            void confirm(picking, id, name);
          }}
        />
      ) : null}
    </Card>
  );
}
