import { Card, Descriptions, Space, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { workApi, type WorkItem } from '../api/work';
import { ErrorView } from '../components/error-view';
import { ToneTag } from '../components/tags';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useLang } from '../hooks/use-lang';
import { useUnits } from '../hooks/use-plan-data';
import { useSession } from '../hooks/use-session';
import { formatDate } from '../lib/format';
import { ClosePanel, canClose } from './work/close-panel';
import { CoOpinionsList, takesCoOpinions } from './work/co-opinions';
import { referenceOf } from './work/work-items-table';

/** The files an item holds, named as the office names them. */
function files(item: WorkItem): { id: number; key: string; round?: number }[] {
  if (item.source === 'instruction')
    return item.scanFileId === null ? [] : [{ id: item.scanFileId, key: 'scan' }];
  if (item.source === 'suggestion' || item.source === 'proposal')
    return item.letters.map((l) => ({ id: l.fileId, key: 'letter', round: l.round }));
  return [];
}

/**
 * One 批示件, 议定事项, 建议提案 or list item, where every message about it links
 * (`/work/:source/:id`): what it is, who has it, by when, what was asked and answered, its
 * files, and where to act on it (我的待办 for a unit, the ledger or the desk for the office).
 */
export default function WorkItemPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { itemId } = useParams();
  const id = Number(itemId);
  const role = useSession().session?.user.role;
  const units = useUnits();
  const unitName = new Map((units.data ?? []).map((u) => [u.id, u.name]));
  const item = useQuery({
    queryKey: ['work', 'item', id],
    queryFn: () => workApi.item(id),
    enabled: Number.isInteger(id) && id > 0,
  });
  const subject = item.data ? referenceOf(item.data).subject : '';
  useDocumentTitle(subject || t('work.title'));
  if (item.error) return <ErrorView error={item.error} onRetry={() => void item.refetch()} />;
  if (!item.data) return null;
  const w = item.data;
  const { reference } = referenceOf(w);
  const act =
    role === 'reporter'
      ? { to: '/todo', key: 'work.item.toTodo' }
      : w.source === 'suggestion' || w.source === 'proposal'
        ? { to: '/work/proposals', key: 'work.desk.title' }
        : { to: '/work', key: 'work.list' };
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Space wrap>
          <ToneTag tone="blue">{t(`work.sources.${w.source}`)}</ToneTag>
          <Typography.Text type="secondary">{reference}</Typography.Text>
        </Space>
        <Typography.Title level={3}>{subject}</Typography.Title>
        <Link to={act.to}>{t(act.key)}</Link>
      </div>
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('work.columns.state')}>{t(`work.states.${w.state}`)}</Descriptions.Item>
          <Descriptions.Item label={t('work.columns.leadUnit')}>
            {w.leadUnitId === null ? '—' : (unitName.get(w.leadUnitId) ?? '—')}
          </Descriptions.Item>
          <Descriptions.Item label={t('work.assign.co')}>
            {w.coUnitIds.map((u) => unitName.get(u) ?? '—').join('、') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('work.columns.dueOn')}>{formatDate(w.dueOn, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('work.assign.requirement')} span={2}>
            {w.requirement ?? '—'}
          </Descriptions.Item>
          {w.source === 'instruction' && w.text ? (
            <Descriptions.Item label={t('work.form.text')} span={2}>
              {w.text}
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('work.todo.text')} span={2}>
            {w.answer ?? '—'}
          </Descriptions.Item>
          {w.closedAt ? (
            <Descriptions.Item label={t('work.item.closedOn')}>
              {formatDate(w.closedAt, lang)}
            </Descriptions.Item>
          ) : null}
          {w.closingNote ? (
            <Descriptions.Item label={t('work.item.closingNote')}>{w.closingNote}</Descriptions.Item>
          ) : null}
          {files(w).length > 0 ? (
            <Descriptions.Item label={t('work.item.files')} span={2}>
              <Space wrap>
                {files(w).map((f) => (
                  <a key={f.id} href={workApi.itemFileUrl(w.id, f.id)} target="_blank" rel="noreferrer">
                    <PaperClipOutlined />{' '}
                    {f.key === 'scan' ? t('work.file.scan') : t('work.desk.letterName', { round: f.round })}
                  </a>
                ))}
              </Space>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      {role !== undefined && canClose(w, role) ? <ClosePanel item={w} role={role} /> : null}
      {takesCoOpinions(w) && w.coUnitIds.length > 0 ? (
        <Card>
          <CoOpinionsList item={w} unitName={(u) => unitName.get(u) ?? '—'} />
        </Card>
      ) : null}
    </Space>
  );
}
