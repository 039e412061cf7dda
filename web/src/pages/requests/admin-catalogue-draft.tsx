/**
 * A new 派单目录 version being drafted: its date, note and rows, each row edited in place with
 * its problems as they arise, the changes from the version it started from, and publishing. The
 * draft lives in this browser until published or discarded. Fetches nothing.
 */
import { useMemo, useState } from 'react';
import {
  Alert,
  Button,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CatalogueVersion } from '../../api/requests-admin';
import type { Unit } from '../../api/types';
import { useLang } from '../../hooks/use-lang';
import { formatDate } from '../../lib/format';
import { ServerErrorAlert, useHelp, useSave } from './admin-bits';
import {
  beijingDay,
  diffCatalogueRows,
  emptyRowDraft,
  fromRowDraft,
  rowProblems,
  validateCatalogueForm,
  type CatalogueForm,
  type Problems,
  type RowDraft,
  type RuleDraft,
} from './admin-rules';
import { CatalogueDiffView, CatalogueRowsTable } from './admin-catalogue-views';

const A = 'requests.admin.catalogue';
/** The draft survives a reload: it lives in this browser until published or discarded. */
export const DRAFT_KEY = 'luoshi.requests.catalogueDraft';

/** The draft kept in this browser, or null. */
export function readDraft(): CatalogueForm | null {
  try {
    const text = localStorage.getItem(DRAFT_KEY);
    return text ? (JSON.parse(text) as CatalogueForm) : null;
  } catch {
    return null;
  }
}

/** Keeps the draft in this browser (null: forgets it). */
export function writeDraft(form: CatalogueForm | null): void {
  try {
    if (form) localStorage.setItem(DRAFT_KEY, JSON.stringify(form));
    else localStorage.removeItem(DRAFT_KEY);
  } catch {
    // storage unavailable: the draft lasts for this page only
  }
}

function RuleInput({
  id,
  value,
  onChange,
}: {
  id: string;
  value: RuleDraft;
  onChange: (value: RuleDraft) => void;
}) {
  const { t } = useTranslation();
  return (
    <Space.Compact>
      <Input
        id={id}
        style={{ width: 90 }}
        inputMode="numeric"
        value={value.amount}
        onChange={(e) => onChange({ ...value, amount: e.target.value })}
      />
      <Select
        aria-label={`${t(`${A}.calendarOf`)} ${id}`}
        style={{ width: 150 }}
        value={value.calendar}
        onChange={(calendar: RuleDraft['calendar']) => onChange({ ...value, calendar })}
        options={[
          { value: 'working_days', label: t('requests.admin.rule.workingDaysUnit') },
          { value: 'natural_hours', label: t('requests.admin.rule.hoursUnit') },
        ]}
      />
    </Space.Compact>
  );
}

/** One row of the draft, edited in place; its problems show as they arise. */
function RowEditor({
  row,
  problems,
  units,
  areas,
  onChange,
}: {
  row: RowDraft;
  problems: Problems;
  units: Unit[];
  areas: string[];
  onChange: (row: RowDraft) => void;
}) {
  const { t } = useTranslation();
  const help = useHelp();
  const unitOptions = units.map((u) => ({
    value: u.id,
    label: `${u.name}（${t(`admin.kinds.${u.kind}`)}）`,
  }));
  const set = <K extends keyof RowDraft>(key: K, value: RowDraft[K]) => onChange({ ...row, [key]: value });
  const R = 'requests.admin.row';
  return (
    <Form layout="vertical" aria-label={t(`${A}.editRow`)}>
      <Space wrap align="start">
        <Form.Item
          label={t(`${R}.category`)}
          htmlFor="row-category"
          required
          {...help(problems.category, true)}
        >
          <Input id="row-category" value={row.category} onChange={(e) => set('category', e.target.value)} />
        </Form.Item>
        <Form.Item label={t(`${R}.code`)} htmlFor="row-code" {...help(problems.code, true)}>
          <Input id="row-code" value={row.code} onChange={(e) => set('code', e.target.value)} />
        </Form.Item>
        <Form.Item label={t(`${R}.group`)} htmlFor="row-group" required {...help(problems.group, true)}>
          <Input id="row-group" value={row.group} onChange={(e) => set('group', e.target.value)} />
        </Form.Item>
      </Space>
      <Form.Item
        label={t(`${R}.description`)}
        htmlFor="row-description"
        {...help(problems.description, true)}
      >
        <Input.TextArea
          id="row-description"
          autoSize={{ minRows: 1, maxRows: 3 }}
          value={row.description}
          onChange={(e) => set('description', e.target.value)}
        />
      </Form.Item>
      <Form.Item label={t(`${R}.keywords`)} htmlFor="row-keywords" {...help(problems.keywords, true)}>
        <Select
          id="row-keywords"
          mode="tags"
          value={row.keywords}
          onChange={(keywords: string[]) => set('keywords', keywords)}
          tokenSeparators={[',', '，', '、', ' ']}
        />
      </Form.Item>
      <Form.Item label={t(`${R}.owner`)} {...help(problems.owner, true)}>
        <Radio.Group
          aria-label={t(`${R}.owner`)}
          value={row.ownerBy}
          onChange={(e) => set('ownerBy', e.target.value as RowDraft['ownerBy'])}
          options={(['territory', 'unit', 'area'] as const).map((by) => ({
            value: by,
            label: t(`requests.admin.owner.${by}`),
          }))}
        />
      </Form.Item>
      {row.ownerBy === 'territory' ? (
        <Typography.Paragraph type="secondary">
          {t('requests.admin.owner.territoryText')}
        </Typography.Paragraph>
      ) : null}
      {row.ownerBy === 'unit' ? (
        <Form.Item label={t(`${A}.ownerUnit`)} htmlFor="row-owner-unit" required>
          <Select
            id="row-owner-unit"
            showSearch={{ optionFilterProp: 'label' }}
            value={row.ownerUnitId}
            onChange={(id: number) => set('ownerUnitId', id)}
            options={unitOptions}
          />
        </Form.Item>
      ) : null}
      {row.ownerBy === 'area' ? (
        <div style={{ marginBottom: 16 }}>
          {row.areaUnits.map((entry, i) => (
            <Form.Item key={i} {...help(problems[`areaUnits.${i}`], true)}>
              <Space wrap>
                <Select
                  aria-label={`${t(`${A}.area`)} ${i + 1}`}
                  style={{ width: 160 }}
                  value={entry.area || undefined}
                  onChange={(area: string) =>
                    set(
                      'areaUnits',
                      row.areaUnits.map((a, j) => (j === i ? { ...a, area } : a)),
                    )
                  }
                  options={areas.map((a) => ({ value: a, label: a }))}
                />
                <Select
                  aria-label={`${t(`${A}.areaUnit`)} ${i + 1}`}
                  style={{ width: 240 }}
                  showSearch={{ optionFilterProp: 'label' }}
                  value={entry.unitId}
                  onChange={(unitId: number) =>
                    set(
                      'areaUnits',
                      row.areaUnits.map((a, j) => (j === i ? { ...a, unitId } : a)),
                    )
                  }
                  options={unitOptions}
                />
                <Button
                  onClick={() =>
                    set(
                      'areaUnits',
                      row.areaUnits.filter((_, j) => j !== i),
                    )
                  }
                >
                  {t(`${A}.removeArea`)}
                </Button>
              </Space>
            </Form.Item>
          ))}
          <Button onClick={() => set('areaUnits', [...row.areaUnits, { area: '', unitId: undefined }])}>
            {t(`${A}.addArea`)}
          </Button>
          <Form.Item
            label={t(`${A}.fallbackUnit`)}
            htmlFor="row-fallback"
            style={{ marginTop: 12 }}
            required
            {...help(problems.fallback, true)}
          >
            <Select
              id="row-fallback"
              showSearch={{ optionFilterProp: 'label' }}
              value={row.fallbackUnitId}
              onChange={(id: number) => set('fallbackUnitId', id)}
              options={unitOptions}
            />
          </Form.Item>
        </div>
      ) : null}
      <Form.Item label={t(`${R}.designated`)} extra={t(`${A}.designatedHelp`)}>
        <Switch
          aria-label={t(`${R}.designated`)}
          checked={row.designated}
          onChange={(on) => set('designated', on)}
        />
      </Form.Item>
      <Space wrap align="start">
        {(['sign', 'contact', 'finish'] as const).map((key) => (
          <Form.Item
            key={key}
            label={t(`${R}.${key}`)}
            htmlFor={`row-${key}`}
            required
            {...help(problems[key], true)}
          >
            <RuleInput id={`row-${key}`} value={row[key]} onChange={(rule) => set(key, rule)} />
          </Form.Item>
        ))}
      </Space>
      <Form.Item label={t(`${R}.coFinish`)} {...help(problems.coFinish, true)}>
        <Space wrap>
          <Switch
            aria-label={t(`${A}.ownCoFinish`)}
            checked={row.coFinish !== null}
            onChange={(on) => set('coFinish', on ? { ...row.finish } : null)}
          />
          {row.coFinish ? (
            <RuleInput id="row-coFinish" value={row.coFinish} onChange={(rule) => set('coFinish', rule)} />
          ) : (
            <Typography.Text type="secondary">{t(`${A}.coFinishSame`)}</Typography.Text>
          )}
        </Space>
      </Form.Item>
    </Form>
  );
}

/** The new version being drafted: date, note, rows, changes, publish. */
export function DraftEditor({
  form,
  setForm,
  latest,
  base,
  units,
  areas,
  now,
  onPublish,
  onDiscard,
}: {
  form: CatalogueForm;
  setForm: (form: CatalogueForm) => void;
  latest: CatalogueVersion | undefined;
  base: CatalogueVersion | undefined;
  units: Unit[];
  areas: string[];
  now: number;
  onPublish: () => Promise<void>;
  onDiscard: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const help = useHelp();
  const [editing, setEditing] = useState<number | null>(null);
  const [tried, setTried] = useState(false);
  const { saving: publishing, error, run } = useSave();
  const unitIds = useMemo(() => new Set(units.map((u) => u.id)), [units]);
  const problems = useMemo(
    () => validateCatalogueForm(form, { latest, now, units: unitIds }),
    [form, latest, now, unitIds],
  );
  const problemCount = Object.keys(problems).length;
  const rows = useMemo(() => form.rows.map(fromRowDraft), [form.rows]);
  const diff = useMemo(() => diffCatalogueRows(base?.rows ?? [], rows), [base, rows]);
  const today = beijingDay(now);
  const latestDay = latest ? beijingDay(latest.effectiveFrom) : '';
  const editingRow = editing === null ? undefined : form.rows[editing];

  const publish = async () => {
    setTried(true);
    if (problemCount > 0) return;
    await run(onPublish);
  };

  return (
    <div data-testid="catalogue-draft">
      <Typography.Paragraph type="secondary">
        {t(`${A}.draftIntro`, { version: form.baseVersion ?? '—' })}
      </Typography.Paragraph>
      <Form layout="vertical" aria-label={t(`${A}.draftTitle`)}>
        <Space wrap align="start">
          <Form.Item
            label={t('requests.admin.fields.effectiveFrom')}
            htmlFor="catalogue-effective"
            required
            extra={t(`${A}.effectiveHelp`)}
            {...help(problems.effectiveDate, tried || form.effectiveDate !== '')}
          >
            <DatePicker
              id="catalogue-effective"
              format="YYYY-MM-DD"
              value={form.effectiveDate ? dayjs(form.effectiveDate) : null}
              disabledDate={(d) => {
                const day = d.format('YYYY-MM-DD');
                return day <= today || (latestDay !== '' && day <= latestDay);
              }}
              onChange={(d) => setForm({ ...form, effectiveDate: d ? d.format('YYYY-MM-DD') : '' })}
            />
          </Form.Item>
          <Form.Item
            label={t('requests.admin.fields.note')}
            htmlFor="catalogue-note"
            style={{ minWidth: 320 }}
            {...help(problems.note, true)}
          >
            <Input
              id="catalogue-note"
              value={form.note}
              placeholder={t(`${A}.notePlaceholder`)}
              onChange={(e) => setForm({ ...form, note: e.target.value })}
            />
          </Form.Item>
        </Space>
      </Form>
      {problems.rows && tried ? (
        <Alert type="error" showIcon title={t(problems.rows.key, problems.rows.values)} />
      ) : null}
      <CatalogueRowsTable
        rows={rows}
        units={units}
        problems={(i) => Object.keys(rowProblems(problems, i)).length}
        actions={(row, i) => (
          <Space size={4}>
            <Button
              size="small"
              onClick={() => setEditing(i)}
              aria-label={`${t(`${A}.edit`)} ${row.category}`}
            >
              {t(`${A}.edit`)}
            </Button>
            <Button
              size="small"
              danger
              aria-label={`${t(`${A}.deleteRow`)} ${row.category}`}
              onClick={() => setForm({ ...form, rows: form.rows.filter((_, j) => j !== i) })}
            >
              {t(`${A}.deleteRow`)}
            </Button>
          </Space>
        )}
      />
      <Button
        style={{ marginTop: 12 }}
        onClick={() => {
          setForm({ ...form, rows: [...form.rows, emptyRowDraft()] });
          setEditing(form.rows.length);
        }}
      >
        {t(`${A}.addRow`)}
      </Button>
      <Typography.Title level={4} style={{ marginTop: 24 }}>
        {t(`${A}.changesFrom`, { version: base?.version ?? '—' })}
      </Typography.Title>
      <CatalogueDiffView diff={diff} units={units} />
      <div style={{ marginTop: 24 }}>
        <ServerErrorAlert error={error} rowName={(i) => form.rows[i]?.category} />
        {tried && problemCount > 0 ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={t(`${A}.problemsLeft`, { count: problemCount })}
          />
        ) : null}
        <Space wrap>
          <Popconfirm
            title={t(`${A}.publishConfirm`, {
              version: (latest?.version ?? 0) + 1,
              date: form.effectiveDate ? formatDate(form.effectiveDate, lang) : '—',
            })}
            description={t(`${A}.keepDeadlines`)}
            okText={t(`${A}.publish`)}
            cancelText={t('common.cancel')}
            onConfirm={publish}
            disabled={problemCount > 0}
          >
            <Button type="primary" loading={publishing} onClick={() => problemCount > 0 && setTried(true)}>
              {t(`${A}.publish`)}
            </Button>
          </Popconfirm>
          <Popconfirm
            title={t(`${A}.discardConfirm`)}
            okText={t(`${A}.discard`)}
            cancelText={t('common.cancel')}
            onConfirm={onDiscard}
          >
            <Button>{t(`${A}.discard`)}</Button>
          </Popconfirm>
        </Space>
      </div>
      <Modal
        open={editingRow !== undefined}
        title={editingRow?.category || t(`${A}.newRow`)}
        width={760}
        onCancel={() => setEditing(null)}
        footer={
          <Button type="primary" onClick={() => setEditing(null)}>
            {t(`${A}.doneEditing`)}
          </Button>
        }
        destroyOnHidden
      >
        {editingRow && editing !== null ? (
          <RowEditor
            row={editingRow}
            problems={rowProblems(problems, editing)}
            units={units}
            areas={areas}
            onChange={(row) => setForm({ ...form, rows: form.rows.map((r, j) => (j === editing ? row : r)) })}
          />
        ) : null}
      </Modal>
    </div>
  );
}
