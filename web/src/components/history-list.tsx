import { useMemo } from 'react';
import { Empty, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldChange, HistoryEntry } from '../api/tracking';
import { formatDateTime, type Lang } from '../lib/format';
import { fieldRule } from '../lib/history-fields';
import { sayHistoryReason, sayHistoryValue, type ValueWords } from '../lib/history-values';

function isEmpty(value: unknown): boolean {
  return (
    value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

const H = 'planHealth.history';

/**
 * An audit action (`target.correct`) in the reader's words (目标审核更正): the action's own
 * words when it has them (`notice.close` is 督办单办结, never 销号), else its entity's and
 * verb's; the code itself when neither has words yet.
 */
export function useActionLabel(): (action: string) => string {
  const { t, i18n } = useTranslation();
  return (action) => {
    const own = `${H}.actions.${action.replace('.', '_')}`;
    if (i18n.exists(own)) return t(own);
    const dot = action.indexOf('.');
    const [entity, verb] = dot < 0 ? [action, ''] : [action.slice(0, dot), action.slice(dot + 1)];
    const entityKey = `${H}.entities.${entity}`;
    const verbKey = `${H}.verbs.${verb}`;
    if (!i18n.exists(entityKey) || !i18n.exists(verbKey)) return action;
    return t(`${H}.action`, { entity: t(entityKey), verb: t(verbKey) });
  };
}

/** The label key of a change's field: the record's own list, else the shared words, else "other". */
function useFieldLabel(): (entity: string, path: string) => { key: string } | null {
  const { i18n } = useTranslation();
  return (entity, path) => {
    const rule = fieldRule(entity, path);
    if (rule === null) return null;
    if (rule !== undefined) return { key: `${H}.paths.${rule}` };
    const known = [`${H}.paths.${path}`, `fields.${path}`].find((key) => i18n.exists(key));
    return { key: known ?? `${H}.paths.other` };
  };
}

function ChangeLine({
  change,
  entity,
  labelKey,
  words,
}: {
  change: FieldChange;
  entity: string;
  labelKey: string;
  words: ValueWords;
}) {
  const { t } = useTranslation();
  const say = (value: unknown) => sayHistoryValue(entity, change.path, value, words);
  return (
    <li>
      <span data-path={change.path}>{t(labelKey)}</span> {t(`healthView.change.${change.kind}`)}：
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
  /** A chapter's or section's title by its id. */
  outlineTitle?: (id: number) => string | undefined;
  /** A user's name by id (staff see who acted; others see the role). */
  userName?: (id: number) => string | undefined;
}

/**
 * An item's audit trail, newest first: who, when, what, why, and each field's before → after in
 * the reader's words (lib/history-values.ts), as plain text. Ids, versions, the record's own
 * subject and who-and-when fields are left out (lib/history-fields.ts): the line says them.
 */
export function HistoryList({ entries, lang, unitName, outlineTitle, userName }: HistoryListProps) {
  const { t, i18n } = useTranslation();
  const actionLabel = useActionLabel();
  const fieldLabel = useFieldLabel();
  const words = useMemo<ValueWords>(
    () => ({
      lang,
      unitName,
      outlineTitle,
      label: (key, values) => (i18n.exists(key) ? t(key, values) : undefined),
    }),
    [lang, unitName, outlineTitle, t, i18n],
  );
  if (entries.length === 0) return <Empty description={t('healthView.historyEmpty')} />;
  const newest = [...entries].reverse().map((entry) => {
    const entity = entry.action.split('.')[0] ?? entry.action;
    return {
      ...entry,
      entity,
      changes: entry.changes.flatMap((raw) => {
        // A field filled from empty reads as 新增, one emptied as 删除: never "— → 整改到位".
        const c: FieldChange =
          raw.kind === 'changed' && isEmpty(raw.before)
            ? { path: raw.path, kind: 'added', after: raw.after }
            : raw.kind === 'changed' && isEmpty(raw.after)
              ? { path: raw.path, kind: 'removed', before: raw.before }
              : raw;
        // A new record lists every field; the empty ones say nothing.
        if (c.kind === 'added' && isEmpty(c.after)) return [];
        const label = fieldLabel(entity, c.path);
        return label ? [{ change: c, labelKey: label.key }] : [];
      }),
    };
  });
  const who = (actor: HistoryEntry['actor']) => {
    if (!actor) return '';
    const name = actor.userId !== undefined ? userName?.(actor.userId) : undefined;
    return ` · ${name ?? t(`header.role.${actor.role}`)}`;
  };
  return (
    <Timeline
      data-testid="history"
      items={newest.map((entry, index) => ({
        key: `${entry.at}-${index}`,
        content: (
          <div>
            <Typography.Text strong data-action={entry.action}>
              {actionLabel(entry.action)}
            </Typography.Text>{' '}
            <Typography.Text type="secondary">
              {formatDateTime(entry.at, lang)}
              {who(entry.actor)}
            </Typography.Text>
            {entry.reason ? (
              <Typography.Paragraph style={{ margin: 0 }}>
                {sayHistoryReason(entry.reason, words)}
              </Typography.Paragraph>
            ) : null}
            {entry.changes.length > 0 ? (
              <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
                {entry.changes.map(({ change, labelKey }) => (
                  <ChangeLine
                    key={change.path}
                    change={change}
                    entity={entry.entity}
                    labelKey={labelKey}
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
