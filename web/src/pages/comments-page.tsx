import { useState, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Spin,
  Tabs,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { MODERATION_REASONS } from '../../../src/contract/constants';
import { commentsApi, type CommentState, type ModerationReason, type StaffComment } from '../api/comments';
import { ErrorView } from '../components/error-view';
import { useErrorMessage } from '../hooks/use-error-message';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useLang } from '../hooks/use-lang';
import { formatDateTime } from '../lib/format';

const STATES: CommentState[] = ['pending', 'published', 'rejected', 'hidden'];

/** The words with the personal data the server flagged marked for the moderator. */
function Marked({ comment }: { comment: StaffComment }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const f of comment.flags) {
    parts.push(comment.body.slice(at, f.start));
    parts.push(<mark key={f.start}>{comment.body.slice(f.start, f.end)}</mark>);
    at = f.end;
  }
  parts.push(comment.body.slice(at));
  return <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{parts}</Typography.Paragraph>;
}

type Dialog =
  { kind: 'reject' | 'hide'; comment: StaffComment } | { kind: 'answer'; comment: StaffComment } | null;

function CommentCard({
  comment,
  onAct,
}: {
  comment: StaffComment;
  onAct: (d: Dialog | 'publish' | 'restore') => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const kinds = [...new Set(comment.flags.map((f) => t(`comments.staff.flagKinds.${f.kind}`)))].join('、');
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="staff-comment">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text strong>{t('comments.staff.item', { title: comment.itemTitle })}</Typography.Text>
        {comment.leadUnit ? (
          <Typography.Text type="secondary">
            {t('comments.staff.leadUnit', { unit: comment.leadUnit })}
          </Typography.Text>
        ) : null}
        <Marked comment={comment} />
        <Typography.Text type="secondary">
          {t('comments.staff.on', { at: formatDateTime(comment.createdAt, lang) })}
        </Typography.Text>
        {kinds ? <Alert type="warning" showIcon title={t('comments.staff.flagged', { kinds })} /> : null}
        {comment.moderation ? (
          <Typography.Text type="secondary">
            {comment.moderation.reason
              ? t('comments.staff.moderated', {
                  at: formatDateTime(comment.moderation.at, lang),
                  reason: t(`comments.staff.reasons.${comment.moderation.reason}`),
                })
              : t('comments.staff.moderatedNoReason', { at: formatDateTime(comment.moderation.at, lang) })}
            {comment.moderation.note ? `（${comment.moderation.note}）` : ''}
          </Typography.Text>
        ) : null}
        {comment.answer ? (
          <Alert
            type="info"
            title={t('comments.staff.answered', {
              unit: comment.answer.unit ?? '',
              text: comment.answer.text,
            })}
          />
        ) : null}
        <Space wrap>
          {comment.canModerate && comment.state === 'pending' ? (
            <>
              <Button type="primary" onClick={() => onAct('publish')}>
                {t('comments.staff.publish')}
              </Button>
              <Button danger onClick={() => onAct({ kind: 'reject', comment })}>
                {t('comments.staff.reject')}
              </Button>
            </>
          ) : null}
          {comment.canModerate && comment.state === 'published' ? (
            <Button danger onClick={() => onAct({ kind: 'hide', comment })}>
              {t('comments.staff.hide')}
            </Button>
          ) : null}
          {comment.canModerate && comment.state === 'hidden' ? (
            <Button onClick={() => onAct('restore')}>{t('comments.staff.restore')}</Button>
          ) : null}
          {comment.canAnswer ? (
            <Button onClick={() => onAct({ kind: 'answer', comment })}>
              {comment.answer ? t('comments.staff.editAnswer') : t('comments.staff.answer')}
            </Button>
          ) : null}
        </Space>
      </Space>
    </Card>
  );
}

/** 留言审核: the plan office publishes, rejects or hides the public's comments; the lead unit answers. */
export default function CommentsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const planId = Number(useParams().planId);
  const queryClient = useQueryClient();
  const [state, setState] = useState<CommentState>('pending');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [reason, setReason] = useState<ModerationReason | undefined>();
  const [note, setNote] = useState('');
  const [answer, setAnswer] = useState('');
  const [invalid, setInvalid] = useState(false);
  useDocumentTitle(t('comments.staff.title'));
  const list = useQuery({ queryKey: ['staff-comments', planId], queryFn: () => commentsApi.staff(planId) });
  const act = useMutation({
    mutationFn: async (input: {
      comment: StaffComment;
      action: 'publish' | 'restore' | 'reject' | 'hide' | 'answer';
    }) => {
      const { comment, action } = input;
      if (action === 'answer')
        return commentsApi.answer(planId, comment.id, { text: answer, version: comment.version });
      if (action === 'reject' || action === 'hide')
        return commentsApi.moderate(planId, comment.id, {
          action,
          reason: reason!,
          note: note.trim() || null,
          version: comment.version,
        });
      return commentsApi.moderate(planId, comment.id, { action, version: comment.version });
    },
    onSuccess: () => {
      void message.success(t('comments.staff.done'));
      setDialog(null);
      void queryClient.invalidateQueries({ queryKey: ['staff-comments', planId] });
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  if (list.error) return <ErrorView error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data) return <Spin />;
  const office = list.data.canModerate;
  const tabs = office ? STATES : (['published'] as CommentState[]);
  const shown = list.data.items.filter((c) => c.state === (office ? state : 'published'));
  const open = (d: Dialog) => {
    setDialog(d);
    setReason(undefined);
    setNote('');
    setInvalid(false);
    setAnswer(d?.kind === 'answer' ? (d.comment.answer?.text ?? '') : '');
  };
  const confirm = () => {
    if (!dialog) return;
    if (dialog.kind === 'answer' ? answer.trim() === '' : reason === undefined) return setInvalid(true);
    act.mutate({ comment: dialog.comment, action: dialog.kind });
  };
  return (
    <div>
      <Typography.Title level={3}>{t('comments.staff.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('comments.staff.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={office ? state : 'published'}
        onChange={(key) => setState(key as CommentState)}
        items={tabs.map((s) => ({
          key: s,
          label: `${t(`comments.staff.tabs.${s}`)}（${list.data.counts[s]}）`,
        }))}
      />
      {shown.length === 0 ? <Empty description={t('comments.staff.empty')} /> : null}
      {shown.map((c) => (
        <CommentCard
          key={c.id}
          comment={c}
          onAct={(d) =>
            d === 'publish' || d === 'restore' ? act.mutate({ comment: c, action: d }) : open(d)
          }
        />
      ))}
      <Modal
        open={dialog !== null}
        title={
          dialog?.kind === 'answer'
            ? t('comments.staff.answer')
            : dialog
              ? t(`comments.staff.${dialog.kind}`)
              : ''
        }
        okText={t('comments.staff.confirm')}
        cancelText={t('comments.staff.cancel')}
        onOk={confirm}
        confirmLoading={act.isPending}
        onCancel={() => setDialog(null)}
      >
        {dialog?.kind === 'answer' ? (
          <Form layout="vertical" component="div">
            <Form.Item
              label={t('comments.staff.answerText')}
              validateStatus={invalid ? 'error' : ''}
              help={invalid ? t('comments.staff.answerRequired') : undefined}
            >
              <Input.TextArea
                rows={5}
                maxLength={1000}
                showCount
                value={answer}
                onChange={(e) => setAnswer(e.target.value)}
              />
            </Form.Item>
          </Form>
        ) : (
          <Form layout="vertical" component="div">
            <Form.Item
              label={t('comments.staff.reason')}
              validateStatus={invalid ? 'error' : ''}
              help={invalid ? t('comments.staff.reasonRequired') : undefined}
            >
              <Select
                value={reason}
                onChange={setReason}
                options={MODERATION_REASONS.map((r) => ({
                  value: r,
                  label: t(`comments.staff.reasons.${r}`),
                }))}
              />
            </Form.Item>
            <Form.Item label={t('comments.staff.note')}>
              <Input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
            </Form.Item>
          </Form>
        )}
      </Modal>
      <Typography.Paragraph style={{ marginTop: 12 }}>
        <Link to={`/public/${planId}/promises`}>{t('promises.title')}</Link>
      </Typography.Paragraph>
    </div>
  );
}
