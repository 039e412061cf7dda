import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, List, Modal, Radio, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { workApi, type WorkItem } from '../../api/work';
import { ErrorView } from '../../components/error-view';
import { ToneTag, type Tone } from '../../components/tags';
import { useErrorMessage } from '../../hooks/use-error-message';
import { useLang } from '../../hooks/use-lang';
import { todayIso } from '../../hooks/use-working-plan';
import { formatDate } from '../../lib/format';
import { useUnits } from '../../hooks/use-plan-data';
import { CoOpinionDialog, CoOpinionsList, takesCoOpinions } from './co-opinions';
import { FileField, LETTER_RULE, type StoredFile } from './file-field';
import { referenceOf } from './work-items-table';

const SOURCE_TONES: Record<WorkItem['source'], Tone> = {
  instruction: 'red',
  decision: 'blue',
  suggestion: 'purple',
  proposal: 'purple',
  list: 'grey',
};

/** The answer of an item by its source's route: words for a 批示件 or a decision, a letter for a 建议/提案. */
function answerItem(
  item: WorkItem,
  values: { text: string; letter: StoredFile | null; category: 'A' | 'B' | 'C' },
) {
  if (item.source === 'instruction')
    return workApi.moveInstruction(item.id, { type: 'answer', text: values.text, version: item.version });
  if (item.source === 'decision')
    return workApi.moveDecision(item.id, { type: 'answer', text: values.text, version: item.version });
  return workApi.moveProposal(item.id, {
    type: 'answer',
    letterFileId: values.letter!.id,
    category: values.category,
    summary: values.text,
    version: item.version,
  });
}

/** The author's 不满意 that sent a 建议/提案 back to its unit, when it is being handled again. */
export function reopenedBy(item: WorkItem): { round: number; comment: string | null } | undefined {
  if (!takesCoOpinions(item) || item.round < 2) return undefined;
  const last = item.ratings.at(-1);
  return last?.rating === '不满意' ? { round: item.round, comment: last.comment } : undefined;
}

/**
 * 交办事项 in 我的待办: the 批示件, 议定事项, 建议提案 and list items a unit has on hand, beside its
 * plan tasks and whatever plan is chosen — each with its source named, its deadline, what was
 * asked, and the answer it owes (a list item is reported as its ledger task).
 */
export function WorkTodoCard({
  unitId,
  mine,
  ownUnitIds = [],
  reportedPlanId,
}: {
  /** The ledger whose report the page shows: its list items are lines of that report, not listed here. */
  reportedPlanId?: number;
  /** The unit chosen by the office; a unit's user sees its own (`mine`). */
  unitId?: number;
  mine: boolean;
  ownUnitIds?: readonly number[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const client = useQueryClient();
  const today = todayIso();
  const items = useQuery({
    queryKey: ['work', 'items', 'todo', unitId ?? 'mine'],
    queryFn: () => workApi.items({ state: 'assigned', ...(unitId !== undefined ? { unitId } : {}) }),
    enabled: mine || unitId !== undefined,
  });
  const units = useUnits(mine || unitId !== undefined);
  const unitName = (id: number) => units.data?.find((u) => u.id === id)?.name ?? t('work.todo.unknownUnit');
  const [answering, setAnswering] = useState<WorkItem | undefined>();
  const [opining, setOpining] = useState<{ item: WorkItem; unitId: number } | undefined>();
  const opine = useMutation({
    mutationFn: ({ item, unitId: co, text: words }: { item: WorkItem; unitId: number; text: string }) =>
      workApi.coOpinion(item, co, words),
    onSuccess: (item) => {
      void message.success(t('work.coOpinion.done', { subject: referenceOf(item).subject }));
      setOpining(undefined);
      void client.invalidateQueries({ queryKey: ['work'] });
    },
  });
  const [text, setText] = useState('');
  const [letter, setLetter] = useState<StoredFile | null>(null);
  const [category, setCategory] = useState<'A' | 'B' | 'C'>('A');
  const [checked, setChecked] = useState(false);
  const answer = useMutation({
    mutationFn: (item: WorkItem) => answerItem(item, { text: text.trim(), letter, category }),
    onSuccess: (item) => {
      void message.success(t('work.todo.answered', { subject: referenceOf(item).subject }));
      close();
      void client.invalidateQueries({ queryKey: ['work'] });
    },
  });
  if (!mine && unitId === undefined) return null;
  const open = (item: WorkItem) => {
    setAnswering(item);
    setText('');
    setLetter(null);
    setCategory('A');
    setChecked(false);
    answer.reset();
  };
  function close() {
    setAnswering(undefined);
  }
  const letterNeeded = answering?.source === 'suggestion' || answering?.source === 'proposal';
  const submit = () => {
    setChecked(true);
    if (!answering || text.trim() === '' || (letterNeeded && !letter)) return;
    answer.mutate(answering);
  };
  const ours = unitId !== undefined ? [unitId] : ownUnitIds;
  const leads = (item: WorkItem) => item.leadUnitId !== null && ours.includes(item.leadUnitId);
  /** The unit of ours that helps with a 建议/提案 and owes the host its opinion. */
  const helpingUnit = (item: WorkItem) =>
    takesCoOpinions(item) && !leads(item) ? item.coUnitIds.find((id) => ours.includes(id)) : undefined;
  const opinionButton = (item: WorkItem) => {
    const co = helpingUnit(item);
    if (co === undefined || !takesCoOpinions(item)) return null;
    const given = item.coOpinions.some((o) => o.unitId === co);
    return (
      <Button
        key="opinion"
        type={given ? 'default' : 'primary'}
        onClick={() => {
          opine.reset();
          setOpining({ item, unitId: co });
        }}
      >
        {t(given ? 'work.coOpinion.change' : 'work.coOpinion.give')}
      </Button>
    );
  };

  return (
    <Card title={t('work.todo.title')} data-testid="work-todo">
      {items.error ? (
        <ErrorView error={items.error} onRetry={() => void items.refetch()} />
      ) : (
        <List<WorkItem>
          loading={items.isLoading}
          dataSource={(items.data?.items ?? []).filter(
            (item) => !(item.source === 'list' && item.planId === reportedPlanId),
          )}
          locale={{ emptyText: t('work.todo.empty') }}
          renderItem={(item) => {
            const { reference, subject } = referenceOf(item);
            const overdue = item.dueOn !== null && item.dueOn < today;
            const reopened = reopenedBy(item);
            const action = !leads(item) ? (
              opinionButton(item)
            ) : item.source === 'list' ? (
              item.taskId !== null ? (
                <Link key="report" to={`/todo?plan=${item.planId}`}>
                  {t('work.todo.reportTask')}
                </Link>
              ) : null
            ) : (
              <Button key="answer" type="primary" onClick={() => open(item)}>
                {t(
                  item.source === 'instruction' || item.source === 'decision'
                    ? 'work.todo.answer'
                    : 'work.todo.answerLetter',
                )}
              </Button>
            );
            return (
              <List.Item actions={action ? [action] : []}>
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <ToneTag tone={SOURCE_TONES[item.source]}>{t(`work.sources.${item.source}`)}</ToneTag>
                      {subject}
                      {reopened ? (
                        <ToneTag tone="red">{t('work.todo.reopened', { round: reopened.round })}</ToneTag>
                      ) : null}
                      {leads(item) ? null : <ToneTag tone="grey">{t('work.todo.helping')}</ToneTag>}
                      {takesCoOpinions(item) &&
                      helpingUnit(item) !== undefined &&
                      item.coOpinions.some((o) => o.unitId === helpingUnit(item)) ? (
                        <ToneTag tone="green">{t('work.coOpinion.given')}</ToneTag>
                      ) : null}
                    </Space>
                  }
                  description={
                    <Space direction="vertical" size={0}>
                      {reopened ? (
                        <Typography.Text type="danger">
                          {t(reopened.comment ? 'work.todo.unsatisfied' : 'work.todo.unsatisfiedNoReason', {
                            reason: reopened.comment,
                          })}
                        </Typography.Text>
                      ) : null}
                      {item.requirement ? (
                        <Typography.Text>
                          {t('work.todo.requirement', { text: item.requirement })}
                        </Typography.Text>
                      ) : null}
                      <Typography.Text type={overdue ? 'danger' : 'secondary'}>
                        {[
                          reference,
                          item.dueOn
                            ? t(overdue ? 'work.todo.overdue' : 'work.todo.dueOn', {
                                date: formatDate(item.dueOn, lang),
                              })
                            : null,
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </Typography.Text>
                    </Space>
                  }
                />
              </List.Item>
            );
          }}
        />
      )}
      {answering ? (
        <Modal
          open
          title={t('work.todo.answerTitle', { subject: referenceOf(answering).subject })}
          okText={t('work.todo.submit')}
          onOk={submit}
          onCancel={close}
          confirmLoading={answer.isPending}
          destroyOnHidden
        >
          {takesCoOpinions(answering) ? <CoOpinionsList item={answering} unitName={unitName} /> : null}
          <Form layout="vertical">
            {letterNeeded ? (
              <>
                <Form.Item
                  label={t('work.todo.letter')}
                  htmlFor="answer-letter"
                  required
                  {...(checked && !letter
                    ? { validateStatus: 'error' as const, help: t('work.todo.letterRequired') }
                    : {})}
                >
                  <FileField
                    id="answer-letter"
                    rule={LETTER_RULE}
                    value={letter}
                    onUpload={(file) => workApi.uploadLetter(answering.id, file, file.name)}
                    uploadError={errorMessage}
                    onChange={setLetter}
                    buttonKey="work.file.pickLetter"
                  />
                </Form.Item>
                <Form.Item label={t('work.todo.category')}>
                  <Radio.Group
                    value={category}
                    onChange={(e) => setCategory(e.target.value as 'A' | 'B' | 'C')}
                    options={(['A', 'B', 'C'] as const).map((c) => ({
                      value: c,
                      label: t(`work.categories.${c}`),
                    }))}
                  />
                </Form.Item>
              </>
            ) : null}
            <Form.Item
              label={t(letterNeeded ? 'work.todo.summary' : 'work.todo.text')}
              htmlFor="answer-text"
              required
              {...(checked && text.trim() === ''
                ? { validateStatus: 'error' as const, help: t('work.todo.textRequired') }
                : {})}
            >
              <Input.TextArea
                id="answer-text"
                rows={4}
                maxLength={letterNeeded ? 2000 : 5000}
                value={text}
                onChange={(e) => setText(e.target.value)}
              />
            </Form.Item>
            {answer.error ? <Alert type="error" showIcon title={errorMessage(answer.error)} /> : null}
          </Form>
        </Modal>
      ) : null}
      {opining ? (
        <CoOpinionDialog
          subject={referenceOf(opining.item).subject}
          hostName={opining.item.leadUnitId === null ? '' : unitName(opining.item.leadUnitId)}
          initial={
            (takesCoOpinions(opining.item)
              ? opining.item.coOpinions.find((o) => o.unitId === opining.unitId)?.text
              : undefined) ?? ''
          }
          submitting={opine.isPending}
          error={opine.error ? errorMessage(opine.error) : undefined}
          onSubmit={(words) => opine.mutate({ item: opining.item, unitId: opining.unitId, text: words })}
          onCancel={() => setOpining(undefined)}
        />
      ) : null}
    </Card>
  );
}
