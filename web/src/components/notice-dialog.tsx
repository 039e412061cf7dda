import { useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { NoticeUrgency, SubjectRef } from '../api/tracking';

export interface NoticeDraft {
  subject: SubjectRef;
  urgency: NoticeUrgency;
  content: string;
  dueOn: string;
}

export interface NoticeDialogProps {
  open: boolean;
  /** Items a notice may be about, by type; the dialog offers them to choose from. */
  items: { task: { id: number; label: string }[]; target: { id: number; label: string }[] };
  /** Fixed subject (issued from an item's page). */
  subject?: SubjectRef;
  today: string;
  submitting?: boolean;
  error?: string;
  onSubmit: (draft: NoticeDraft) => void;
  onCancel: () => void;
}

const CONTENT_MAX = 5000;

/** 下发督办单: item, colour, what is asked and by when; checked as the user types. */
export function NoticeDialog(props: NoticeDialogProps) {
  const { t } = useTranslation();
  const [type, setType] = useState<'task' | 'target'>(props.subject?.type === 'target' ? 'target' : 'task');
  const [id, setId] = useState<number | undefined>(props.subject?.id);
  const [urgency, setUrgency] = useState<NoticeUrgency>('yellow');
  const [content, setContent] = useState('');
  const [dueOn, setDueOn] = useState<string | null>(null);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const problems = {
    subject: id === undefined ? t('supervision.subjectRequired') : undefined,
    content:
      content.trim() === ''
        ? t('supervision.contentRequired')
        : content.length > CONTENT_MAX
          ? t('todo.noteTooLong', { max: CONTENT_MAX })
          : undefined,
    dueOn: !dueOn ? t('supervision.dueRequired') : dueOn < props.today ? t('plan.deadlinePast') : undefined,
  };
  const status = (field: keyof typeof problems) =>
    touched[field] && problems[field]
      ? { validateStatus: 'error' as const, help: problems[field] }
      : { validateStatus: undefined, help: undefined };
  const touch = (field: string) => setTouched((x) => ({ ...x, [field]: true }));

  const submit = () => {
    setTouched({ subject: true, content: true, dueOn: true });
    if (problems.subject || problems.content || problems.dueOn || id === undefined || !dueOn) return;
    props.onSubmit({ subject: props.subject ?? { type, id }, urgency, content: content.trim(), dueOn });
  };

  return (
    <Modal
      open={props.open}
      title={t('supervision.issueTitle')}
      okText={t('supervision.issue')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={props.onCancel}
      confirmLoading={props.submitting}
      destroyOnHidden
    >
      <Form layout="vertical" component="div">
        {props.subject ? null : (
          <>
            <Form.Item label={t('supervision.subjectType')} htmlFor="notice-type">
              <Select
                id="notice-type"
                value={type}
                onChange={(next: 'task' | 'target') => {
                  setType(next);
                  setId(undefined);
                }}
                options={[
                  { value: 'task', label: t('kind.task') },
                  { value: 'target', label: t('kind.target') },
                ]}
              />
            </Form.Item>
            <Form.Item
              label={t('supervision.subject')}
              htmlFor="notice-subject"
              required
              {...status('subject')}
            >
              <Select
                id="notice-subject"
                showSearch={{ optionFilterProp: 'label' }}
                value={id}
                onChange={(next: number) => {
                  setId(next);
                  touch('subject');
                }}
                options={props.items[type].map((item) => ({ value: item.id, label: item.label }))}
              />
            </Form.Item>
          </>
        )}
        <Form.Item label={t('supervision.urgency')} htmlFor="notice-urgency">
          <Select
            id="notice-urgency"
            value={urgency}
            onChange={setUrgency}
            options={(['red', 'yellow', 'blue'] as const).map((u) => ({
              value: u,
              label: t(`supervision.urgencyLevel.${u}`),
            }))}
          />
        </Form.Item>
        <Form.Item label={t('supervision.content')} htmlFor="notice-content" required {...status('content')}>
          <Input.TextArea
            id="notice-content"
            autoSize={{ minRows: 3, maxRows: 8 }}
            value={content}
            onChange={(e) => {
              setContent(e.target.value);
              touch('content');
            }}
          />
        </Form.Item>
        <Form.Item label={t('supervision.dueOn')} htmlFor="notice-due" required {...status('dueOn')}>
          <DatePicker
            id="notice-due"
            style={{ width: '100%' }}
            value={dueOn ? dayjs(dueOn) : null}
            onChange={(date) => {
              setDueOn(date ? date.format('YYYY-MM-DD') : null);
              touch('dueOn');
            }}
          />
        </Form.Item>
        {props.error ? <Alert type="error" showIcon title={props.error} /> : null}
      </Form>
    </Modal>
  );
}
