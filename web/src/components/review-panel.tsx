import { useState } from 'react';
import { Alert, Button, Divider, Popconfirm, Slider, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReviewActions } from '../hooks/use-review';
import type { Task } from '../api/types';
import type { AnyItem } from './item-summary';
import { ReviewFieldsForm, draftOf } from './review-fields-form';

export interface ReviewPanelProps {
  entry: AnyItem;
  /** The plan's text, for the parts of a split. */
  text: string;
  /** Every task of the plan (for merging with a neighbour of the same outline node). */
  tasks: readonly Task[];
  /** An achievement's review version (targets and tasks carry their own). */
  achievementVersion?: number;
  actions: ReviewActions;
  /** After a deletion or merge the item is gone: close the drawer. */
  onGone: () => void;
}

/** 审核 in the item drawer: correct the figure, delete the item; split or merge a task. */
export function ReviewPanel({ entry, text, tasks, achievementVersion, actions, onGone }: ReviewPanelProps) {
  const { t } = useTranslation();
  if (entry.kind === 'project') return null;
  if (entry.kind === 'task') {
    return <TaskReview task={entry.item} text={text} tasks={tasks} actions={actions} onGone={onGone} />;
  }
  const { kind, item } = entry;
  const version = kind === 'target' ? entry.item.version : achievementVersion;
  return (
    <div>
      <Divider>{t('review.edit')}</Divider>
      <ReviewFieldsForm
        key={`${kind}:${item.id}:${version ?? ''}`}
        initial={draftOf(item)}
        busy={actions.correct.isPending}
        onSubmit={(fields) => {
          if (version === undefined) return;
          actions.correct.mutate({ kind, id: item.id, fields, version });
        }}
      />
      <Divider />
      <Popconfirm
        title={t('review.confirmDelete')}
        okText={t('review.delete')}
        onConfirm={() => actions.remove.mutate({ kind, id: item.id }, { onSuccess: onGone })}
      >
        <Button danger loading={actions.remove.isPending}>
          {t('review.delete')}
        </Button>
      </Popconfirm>
    </div>
  );
}

function TaskReview({
  task,
  text,
  tasks,
  actions,
  onGone,
}: {
  task: Task;
  text: string;
  tasks: readonly Task[];
  actions: ReviewActions;
  onGone: () => void;
}) {
  const { t } = useTranslation();
  const [start, end] = task.span;
  const length = end - start;
  const [cut, setCut] = useState(() => Math.max(1, Math.floor(length / 2)));
  const siblings = tasks
    .filter((x) => x.outlineNodeId === task.outlineNodeId)
    .slice()
    .sort((a, b) => a.span[0] - b.span[0] || a.id - b.id);
  const index = siblings.findIndex((x) => x.id === task.id);
  const previous = index > 0 ? siblings[index - 1] : undefined;
  const next = index >= 0 ? siblings[index + 1] : undefined;
  return (
    <div>
      {length > 1 ? (
        <>
          <Divider>{t('review.split')}</Divider>
          <Typography.Text>{t('review.splitAt', { n: cut })}</Typography.Text>
          <Slider min={1} max={length - 1} value={cut} onChange={(value: number) => setCut(value)} />
          <Alert
            type="info"
            title={t('review.splitFirst')}
            description={<span className="lx-source">{text.slice(start, start + cut)}</span>}
          />
          <Alert
            type="info"
            style={{ marginTop: 8 }}
            title={t('review.splitSecond')}
            description={<span className="lx-source">{text.slice(start + cut, end)}</span>}
          />
          <Button
            style={{ marginTop: 8 }}
            loading={actions.split.isPending}
            onClick={() => actions.split.mutate({ taskId: task.id, at: start + cut, version: task.version })}
          >
            {t('review.split')}
          </Button>
        </>
      ) : null}
      {previous || next ? (
        <>
          <Divider />
          <Space wrap>
            {previous ? (
              <Button
                loading={actions.merge.isPending}
                onClick={() => actions.merge.mutate([previous.id, task.id], { onSuccess: onGone })}
              >
                {t('review.mergePrev')}
              </Button>
            ) : null}
            {next ? (
              <Button
                loading={actions.merge.isPending}
                onClick={() => actions.merge.mutate([task.id, next.id], { onSuccess: onGone })}
              >
                {t('review.mergeNext')}
              </Button>
            ) : null}
          </Space>
        </>
      ) : null}
    </div>
  );
}
