import { useId, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { commentsApi, type PublicCommentItem } from '../api/comments';
import { looksLikeEmail } from '../lib/promises';

type Ref = { planId: number; type: 'task' | 'target'; id: number };

/** A failed comment step in the reader's words: which field, never its name. */
export function commentErrorText(error: unknown, t: TFunction): string {
  if (!isApiError(error)) return t('errors.INTERNAL');
  if (error.code === 'RATE_LIMITED') return t('comments.errors.tooOften');
  if (error.code === 'CONFLICT') return t('comments.errors.duplicate');
  if (error.code === 'UNAUTHENTICATED') return t('comments.errors.signIn');
  const path = error.details[0]?.path ?? '';
  if (error.code === 'BAD_INPUT' && /code/.test(path)) return t('comments.errors.code');
  if (error.code === 'BAD_INPUT' && /contact/.test(path)) return t('comments.errors.contact');
  if (error.code === 'BAD_INPUT' && /body/.test(path)) return t('comments.errors.body');
  if (error.code === 'NOT_FOUND') return t('comments.errors.code');
  return t(`errors.${error.code}`);
}

function CommentItem({ comment }: { comment: PublicCommentItem }) {
  const { t } = useTranslation();
  return (
    <li className="lx-comment" style={{ padding: '12px 0', borderBottom: '1px solid #f0f0f0' }}>
      <div>
        <Typography.Paragraph style={{ marginBottom: 4, whiteSpace: 'pre-wrap' }}>
          {comment.body}
        </Typography.Paragraph>
        <Typography.Text type="secondary">{comment.on}</Typography.Text>
        {comment.answer ? (
          <Alert
            style={{ marginTop: 8 }}
            type="info"
            title={
              comment.answer.unit
                ? t('comments.answer', { unit: comment.answer.unit, on: comment.answer.on })
                : t('comments.answerNoUnit', { on: comment.answer.on })
            }
            description={comment.answer.text}
          />
        ) : null}
      </div>
    </li>
  );
}

/** Verify a mobile or an address by a code, then sign in to comment. */
function VerifyForm({ onVerified }: { onVerified: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'phone' | 'email'>('phone');
  const [contact, setContact] = useState('');
  const [code, setCode] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const contactId = useId();
  const codeId = useId();
  const send = useMutation({ mutationFn: () => commentsApi.requestCode({ kind, contact }) });
  const verify = useMutation({
    mutationFn: () => commentsApi.signIn(send.data!.challengeId, code.trim()),
    onSuccess: onVerified,
  });
  const askCode = () => {
    const digits = contact.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
    const ok = kind === 'phone' ? /^1[3-9]\d{9}$/.test(digits) : looksLikeEmail(contact);
    if (!ok) return setInvalid(kind === 'phone' ? t('comments.phoneInvalid') : t('comments.emailInvalid'));
    setInvalid(null);
    send.mutate();
  };
  const submitCode = () => {
    if (!/^\d{6}$/.test(code.trim())) return setInvalid(t('comments.codeInvalid'));
    setInvalid(null);
    verify.mutate();
  };
  const error = send.error ?? verify.error;
  return (
    <Form layout="vertical" component="div">
      <Typography.Paragraph type="secondary">{t('comments.verifyIntro')}</Typography.Paragraph>
      <Form.Item>
        <Segmented
          block
          value={kind}
          onChange={(v) => {
            setKind(v as 'phone' | 'email');
            send.reset();
          }}
          options={[
            { value: 'phone', label: t('comments.byPhone') },
            { value: 'email', label: t('comments.byEmail') },
          ]}
        />
      </Form.Item>
      <Form.Item htmlFor={contactId} label={kind === 'phone' ? t('comments.phone') : t('comments.email')}>
        <Input
          id={contactId}
          value={contact}
          inputMode={kind === 'phone' ? 'tel' : 'email'}
          autoComplete={kind === 'phone' ? 'tel' : 'email'}
          onChange={(e) => setContact(e.target.value)}
        />
      </Form.Item>
      <Button block onClick={askCode} loading={send.isPending}>
        {t('comments.sendCode')}
      </Button>
      {send.data ? (
        <>
          <Alert style={{ margin: '12px 0' }} type="success" title={send.data.message} />
          <Form.Item htmlFor={codeId} label={t('comments.code')}>
            <Input
              id={codeId}
              value={code}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              onChange={(e) => setCode(e.target.value)}
            />
          </Form.Item>
          <Button block type="primary" onClick={submitCode} loading={verify.isPending}>
            {t('comments.verify')}
          </Button>
        </>
      ) : null}
      {invalid ? <Alert style={{ marginTop: 12 }} type="error" title={invalid} /> : null}
      {error && !invalid ? (
        <Alert style={{ marginTop: 12 }} type="error" title={commentErrorText(error, t)} />
      ) : null}
    </Form>
  );
}

function WriteForm({ subject }: { subject: Ref }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const [invalid, setInvalid] = useState(false);
  const bodyId = useId();
  const submit = useMutation({
    mutationFn: () => commentsApi.submit(subject.planId, subject.type, subject.id, body),
    onSuccess: () => setBody(''),
    onError: (error) => {
      if (isApiError(error, 'UNAUTHENTICATED'))
        void queryClient.invalidateQueries({ queryKey: ['commenter'] });
    },
  });
  if (submit.data) {
    return (
      <>
        <Alert type="success" title={submit.data.message} />
        <Button style={{ marginTop: 12 }} block onClick={() => submit.reset()}>
          {t('comments.another')}
        </Button>
      </>
    );
  }
  const send = () => {
    const length = [...body.trim()].length;
    if (length < 5 || length > 500) return setInvalid(true);
    setInvalid(false);
    submit.mutate();
  };
  return (
    <Form layout="vertical" component="div">
      <Typography.Paragraph type="secondary">{t('comments.bodyHint')}</Typography.Paragraph>
      <Form.Item
        htmlFor={bodyId}
        label={t('comments.body')}
        validateStatus={invalid ? 'error' : ''}
        help={invalid ? t('comments.bodyLength') : undefined}
      >
        <Input.TextArea
          id={bodyId}
          value={body}
          rows={4}
          maxLength={500}
          showCount
          onChange={(e) => setBody(e.target.value)}
        />
      </Form.Item>
      {submit.error ? (
        <Alert style={{ marginBottom: 12 }} type="error" title={commentErrorText(submit.error, t)} />
      ) : null}
      <Button block type="primary" onClick={send} loading={submit.isPending}>
        {t('comments.submit')}
      </Button>
    </Form>
  );
}

/** A commitment's comments on its public page: the published ones with answers, and a form to comment. */
export function CommentSection({ subject }: { subject: Ref }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['comments', subject.planId, subject.type, subject.id],
    queryFn: () => commentsApi.list(subject.planId, subject.type, subject.id),
  });
  const status = useQuery({ queryKey: ['commenter'], queryFn: () => commentsApi.status() });
  return (
    <Card size="small" title={t('comments.title')} style={{ marginTop: 12 }} data-testid="comments">
      <Typography.Paragraph type="secondary">
        {t('comments.count', { count: list.data?.count ?? 0 })}
      </Typography.Paragraph>
      {list.data && list.data.items.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('comments.empty')}</Typography.Paragraph>
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {(list.data?.items ?? []).map((c) => (
            <CommentItem key={c.id} comment={c} />
          ))}
        </ul>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('comments.write')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('comments.rules')}</Typography.Paragraph>
      {status.data?.signedIn ? (
        <WriteForm subject={subject} />
      ) : status.data ? (
        <VerifyForm onVerified={() => void queryClient.invalidateQueries({ queryKey: ['commenter'] })} />
      ) : null}
    </Card>
  );
}
