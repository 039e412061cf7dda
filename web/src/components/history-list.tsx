import { useMemo } from 'react';
import { Empty, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldChange, HistoryEntry } from '../api/tracking';
import { formatDateTime, type Lang } from '../lib/format';
import { sayHistoryValue, type ValueWords } from '../lib/history-values';

function isEmpty(value: unknown): boolean {
  return (
    value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

const H = 'planHealth.history';

/**
 * An audit action (`target.correct`) in the reader's words (目标审核更正); the code itself when
 * its entity or verb has no words yet.
 */
export function useActionLabel(): (action: string) => string {
  const { t, i18n } = useTranslation();
  return (action) => {
    const dot = action.indexOf('.');
    const [entity, verb] = dot < 0 ? [action, ''] : [action.slice(0, dot), action.slice(dot + 1)];
    const entityKey = `${H}.entities.${entity}`;
    const verbKey = `${H}.verbs.${verb}`;
    if (!i18n.exists(entityKey) || !i18n.exists(verbKey)) return action;
    return t(`${H}.action`, { entity: t(entityKey), verb: t(verbKey) });
  };
}

function ChangeLine({ change, entity, words }: { change: FieldChange; entity: string; words: ValueWords }) {
  const { t, i18n } = useTranslation();
  const pathKey = [`${H}.paths.${change.path}`, `fields.${change.path}`].find((key) => i18n.exists(key));
  const say = (value: unknown) => sayHistoryValue(entity, change.path, value, words);
  return (
    <li>
      <span data-path={change.path} title={change.path}>
        {pathKey ? t(pathKey) : change.path}
      </span>{' '}
      {t(`healthView.change.${change.kind}`)}：
      {change.kind !== 'added' ? (
        <del aria-label={t('healthView.before')} style={{ color: '#a8071a' }}>
          {say(change.before)}
        </del>
      ) : null}
      {change.kind === 'changed' ? ' → ' : null}
      {change.kind !== 'removed' ? (
        <ins aria-label={t('healthView.after')} style={{ color: '#135200', textDecoration: 'none' }}>
          {say(change.after)}
        </ins>
      ) : null}
    </li>
  );
}

export interface HistoryListProps {
  entries: HistoryEntry[];
  lang: Lang;
  /** A unit's name by its id, or undefined when unknown: the id is shown then. */
  unitName?: (id: number) => string | undefined;
}

/**
 * An item's audit trail, newest first: who (role), when, what, why, and each field's
 * before → after in the reader's words (lib/history-values.ts), as plain text.
 */
export function HistoryList({ entries, lang, unitName }: HistoryListProps) {
  const { t, i18n } = useTranslation();
  const actionLabel = useActionLabel();
  const words = useMemo<ValueWords>(
    () => ({ lang, unitName, label: (key, values) => (i18n.exists(key) ? t(key, values) : undefined) }),
    [lang, unitName, t, i18n],
  );
  if (entries.length === 0) return <Empty description={t('healthView.historyEmpty')} />;
  const newest = [...entries].reverse().map((entry) => ({
    ...entry,
    // A new record lists every field; the empty ones say nothing.
    changes: entry.changes.filter((c) => !(c.kind === 'added' && isEmpty(c.after))),
  }));
  return (
    <Timeline
      data-testid="history"
      items={newest.map((entry, index) => ({
        key: `${entry.at}-${index}`,
        content: (
          <div>
            <Typography.Text strong title={entry.action} data-action={entry.action}>
              {actionLabel(entry.action)}
            </Typography.Text>{' '}
            <Typography.Text type="secondary">
              {formatDateTime(entry.at, lang)}
              {entry.actor ? ` · ${t(`header.role.${entry.actor.role}`)}` : ''}
            </Typography.Text>
            {entry.reason ? (
              <Typography.Paragraph style={{ margin: 0 }}>{entry.reason}</Typography.Paragraph>
            ) : null}
            {entry.changes.length > 0 ? (
              <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
                {entry.changes.map((change) => (
                  <ChangeLine
                    key={change.path}
                    change={change}
                    entity={entry.action.split('.')[0] ?? entry.action}
                    words={words}
                  />
                ))}
              </ul>
            ) : null}
          </div>
        ),
      }))}
    />
  );
}
