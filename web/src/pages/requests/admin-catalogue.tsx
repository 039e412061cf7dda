/**
 * 派单目录 administration: the version in force and its rows (request type, owner, deadlines to
 * sign, contact and finish on working days or natural hours), a new version drafted from the
 * latest (kept in this browser until published with its effective date), and every past version
 * with what changed. Open orders keep the version they were dispatched under. Fetches nothing.
 */
import { useMemo, useState } from 'react';
import { Alert, App, Button, Collapse, Descriptions, Empty, Space, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CatalogueVersionBody, CatalogueVersion } from '../../api/requests-admin';
import type { Unit } from '../../api/types';
import { ToneTag, type Tone } from '../../components/tags';
import { useLang } from '../../hooks/use-lang';
import { formatDate } from '../../lib/format';
import {
  beijingDay,
  deriveVersionStates,
  diffCatalogueRows,
  toCatalogueDraft,
  toCatalogueForm,
  type CatalogueForm,
  type VersionState,
} from './admin-rules';
import { CatalogueDiffView, CatalogueRowsTable } from './admin-catalogue-views';
import { DraftEditor, readDraft, writeDraft } from './admin-catalogue-draft';

const A = 'requests.admin.catalogue';

export interface CataloguePanelProps {
  versions: CatalogueVersion[];
  units: Unit[];
  /** The jurisdiction's streets and towns, for rows owned per area. */
  areas: string[];
  now: number;
  onPublish: (draft: CatalogueVersionBody) => Promise<unknown>;
}

const STATE_TONE: Record<VersionState, Tone> = { current: 'green', scheduled: 'blue', past: 'grey' };

export function CataloguePanel({ versions, units, areas, now, onPublish }: CataloguePanelProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const [tab, setTab] = useState('current');
  const [form, setFormState] = useState<CatalogueForm | null>(() => readDraft());
  const setForm = (next: CatalogueForm | null) => {
    setFormState(next);
    writeDraft(next);
  };
  const states = useMemo(() => deriveVersionStates(versions, now), [versions, now]);
  const current = versions.find((v) => states.get(v.version) === 'current');
  const scheduled = versions.filter((v) => states.get(v.version) === 'scheduled');
  const latest = versions.at(-1);
  const base = versions.find((v) => v.version === form?.baseVersion) ?? latest;
  const dateOf = (v: CatalogueVersion) => formatDate(beijingDay(v.effectiveFrom), lang);

  // A draft started before someone else published is stale: say so rather than lose it.
  const stale = form !== null && latest !== undefined && (form.baseVersion ?? 0) < latest.version;

  const publish = async () => {
    if (!form) return;
    await onPublish(toCatalogueDraft(form));
    setForm(null);
    void message.success(t(`${A}.published`));
    setTab('history');
  };

  return (
    <div data-testid="catalogue-panel">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t(`${A}.keepDeadlinesTitle`)}
        description={t(`${A}.keepDeadlines`)}
      />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'current',
            label: t(`${A}.current`),
            children: current ? (
              <>
                <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
                  <Descriptions.Item label={t(`${A}.version`)}>
                    {t(`${A}.versionN`, { version: current.version })}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('requests.admin.fields.effectiveFrom')}>
                    {dateOf(current)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('requests.admin.fields.note')}>
                    {current.note || '—'}
                  </Descriptions.Item>
                </Descriptions>
                {scheduled.map((v) => (
                  <Alert
                    key={v.version}
                    type="warning"
                    showIcon
                    style={{ marginBottom: 12 }}
                    title={t(`${A}.scheduled`, { version: v.version, date: dateOf(v) })}
                  />
                ))}
                <CatalogueRowsTable rows={current.rows} units={units} />
              </>
            ) : (
              <Empty description={t(`${A}.none`)} />
            ),
          },
          {
            key: 'edit',
            label: form ? t(`${A}.draftTab`) : t(`${A}.newVersion`),
            children: form ? (
              <>
                {stale ? (
                  <Alert
                    type="warning"
                    showIcon
                    style={{ marginBottom: 12 }}
                    title={t(`${A}.stale`, { base: form.baseVersion ?? '—', latest: latest?.version })}
                  />
                ) : null}
                <DraftEditor
                  form={form}
                  setForm={setForm}
                  latest={latest}
                  base={base}
                  units={units}
                  areas={areas}
                  now={now}
                  onPublish={publish}
                  onDiscard={() => setForm(null)}
                />
              </>
            ) : (
              <Space orientation="vertical">
                <Typography.Paragraph>{t(`${A}.startIntro`)}</Typography.Paragraph>
                <Button type="primary" onClick={() => setForm(toCatalogueForm(latest))}>
                  {t(`${A}.start`, { version: latest?.version ?? '—' })}
                </Button>
              </Space>
            ),
          },
          {
            key: 'history',
            label: t(`${A}.history`),
            children: (
              <Collapse
                data-testid="catalogue-history"
                items={[...versions].reverse().map((v) => {
                  const state = states.get(v.version) ?? 'past';
                  const previous = versions.find((p) => p.version === v.version - 1);
                  return {
                    key: v.version,
                    label: (
                      <Space wrap>
                        <strong>{t(`${A}.versionN`, { version: v.version })}</strong>
                        <span>{t(`${A}.from`, { date: dateOf(v) })}</span>
                        <ToneTag tone={STATE_TONE[state]}>{t(`${A}.state.${state}`)}</ToneTag>
                        <Typography.Text type="secondary">{v.note}</Typography.Text>
                      </Space>
                    ),
                    children: (
                      <>
                        <Typography.Title level={5}>
                          {previous
                            ? t(`${A}.changesFrom`, { version: previous.version })
                            : t(`${A}.firstVersion`)}
                        </Typography.Title>
                        {previous ? (
                          <CatalogueDiffView diff={diffCatalogueRows(previous.rows, v.rows)} units={units} />
                        ) : null}
                        <div style={{ marginTop: 12 }}>
                          <CatalogueRowsTable rows={v.rows} units={units} />
                        </div>
                      </>
                    ),
                  };
                })}
              />
            ),
          },
        ]}
      />
    </div>
  );
}
