import { useState } from 'react';
import { Alert, Form, Input, List, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WorkItem } from '../../api/work';
import { useLang } from '../../hooks/use-lang';
import { formatDate } from '../../lib/format';

type ProposalItem = Extract<WorkItem, { source: 'suggestion' | 'proposal' }>;

/** True for a 建议/提案, the items whose 会办 units give opinions. */
export function takesCoOpinions(item: WorkItem): item is ProposalItem {
  return item.source === 'suggestion' || item.source === 'proposal';
}

/**
 * 会办意见 as the 主办 unit reads them before it answers: each 会办 unit with its opinion and
 * the day it came, or that it is still owed (the answer waits for all of them).
 */
export function CoOpinionsList({ item, unitName }: { item: ProposalItem; unitName: (id: number) => string }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (item.coUnitIds.length === 0) return null;
  const owed = item.coUnitIds.filter((id) => !item.coOpinions.some((o) => o.unitId === id));
  return (
    <div data-testid="co-opinions">
      <Typography.Text strong>
        {t('work.coOpinion.listTitle', {
          given: item.coUnitIds.length - owed.length,
          all: item.coUnitIds.length,
        })}
      </Typography.Text>
      <List
        size="small"
        dataSource={item.coUnitIds}
        renderItem={(unitId) => {
          const opinion = item.coOpinions.find((o) => o.unitId === unitId);
          return (
            <List.Item>
              <List.Item.Meta
                title={unitName(unitId)}
                description={
                  opinion ? (
                    <>
                      <Typography.Paragraph style={{ margin: 0 }}>{opinion.text}</Typography.Paragraph>
                      <Typography.Text type="secondary">
                        {t('work.coOpinion.givenOn', { date: formatDate(opinion.at, lang) })}
                      </Typography.Text>
                    </>
                  ) : (
                    <Typography.Text type="warning">{t('work.coOpinion.owed')}</Typography.Text>
                  )
                }
              />
            </List.Item>
          );
        }}
      />
      {owed.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={t('work.coOpinion.waiting', { units: owed.map(unitName).join('、') })}
        />
      ) : null}
    </div>
  );
}

/** The 会办 unit writes (or corrects) its opinion to the 主办 unit. */
export function CoOpinionDialog({
  subject,
  hostName,
  initial,
  submitting,
  error,
  onSubmit,
  onCancel,
}: {
  subject: string;
  hostName: string;
  initial: string;
  submitting: boolean;
  error?: string | undefined;
  onSubmit: (text: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(initial);
  const [checked, setChecked] = useState(false);
  const submit = () => {
    setChecked(true);
    if (text.trim() !== '') onSubmit(text.trim());
  };
  return (
    <Modal
      open
      title={t('work.coOpinion.title', { subject })}
      okText={t('work.coOpinion.submit')}
      onOk={submit}
      onCancel={onCancel}
      confirmLoading={submitting}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('work.coOpinion.intro', { host: hostName })}
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item
          label={t('work.coOpinion.text')}
          htmlFor="co-opinion-text"
          required
          {...(checked && text.trim() === ''
            ? { validateStatus: 'error' as const, help: t('work.coOpinion.required') }
            : {})}
        >
          <Input.TextArea
            id="co-opinion-text"
            rows={5}
            maxLength={5000}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </Form.Item>
        {error ? <Alert type="error" showIcon title={error} /> : null}
      </Form>
    </Modal>
  );
}
