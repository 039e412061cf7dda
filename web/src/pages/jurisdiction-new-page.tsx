import { useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tabs,
  Typography,
  Upload,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, isApiError } from '../api/client';
import {
  jurisdictionsApi,
  type JurisdictionCreated,
  type JurisdictionPreview,
  type JurisdictionSetupInput,
} from '../api/jurisdictions';
import { ErrorView } from '../components/error-view';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useErrorMessage } from '../hooks/use-error-message';
import { useSession } from '../hooks/use-session';
import { isSetupField, placeOf } from '../lib/jurisdiction-setup';

const LEVELS = ['国家', '省', '市', '区县', '街乡'] as const;
type Slot = keyof JurisdictionSetupInput['files'];
const SLOTS: { slot: Slot; accept: string }[] = [
  { slot: 'units', accept: '.xlsx,.csv' },
  { slot: 'areas', accept: '.csv,.xlsx' },
  { slot: 'catalogue', accept: '.xlsx,.csv' },
  { slot: 'boundaries', accept: '.geojson,.json' },
];
/** The server refuses a file over this (src/server/routes/jurisdictions.ts SETUP_FILE_BYTES). */
const MAX_MB = 10;

interface ProblemRow {
  key: number;
  file: string;
  sheet: string;
  row: string;
  column: string;
  message: string;
}

type Facts = Omit<JurisdictionSetupInput, 'files' | 'withAreas'>;

function Preview({ preview }: { preview: JurisdictionPreview }) {
  const { t } = useTranslation();
  const finish = (rule: JurisdictionPreview['catalogue'][number]['finish']) =>
    t(rule.calendar === 'natural_hours' ? 'jurisdictions.hours' : 'jurisdictions.workingDays', {
      count: rule.amount,
    });
  const owner = (o: JurisdictionPreview['catalogue'][number]['owner']) =>
    o.by === 'territory'
      ? t('jurisdictions.byTerritory')
      : o.by === 'unit'
        ? o.unit
        : t('jurisdictions.byArea', { count: o.areas, fallback: o.fallback });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert
        type="success"
        showIcon
        title={t('jurisdictions.preview', { name: preview.name, level: preview.level, code: preview.code })}
        description={
          <Space orientation="vertical" size={0}>
            {preview.parentName ? (
              <span>{t('jurisdictions.previewParent', { parent: preview.parentName })}</span>
            ) : null}
            <span>
              {t('jurisdictions.counts', {
                areas: preview.areas.length,
                created: preview.unitsCreated,
                kept: preview.unitsKept,
                rows: preview.catalogue.length,
              })}
            </span>
            {preview.unitsJoined.length > 0 ? (
              <span>
                {t('jurisdictions.joined', {
                  pairs: preview.unitsJoined.map((p) => `${p.merged} → ${p.kept}`).join('、'),
                })}
              </span>
            ) : null}
            {preview.catalogue.length > 0 && !preview.catalogueAdded ? (
              <span>{t('jurisdictions.catalogueKept')}</span>
            ) : null}
            {preview.filledDefault ? <span>{t('jurisdictions.fillsDefault')}</span> : null}
          </Space>
        }
      />
      <Tabs
        items={[
          {
            key: 'areas',
            label: `${t('jurisdictions.areas')}（${preview.areas.length}）`,
            children: (
              <Table
                size="small"
                rowKey="name"
                dataSource={preview.areas}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                columns={[
                  { key: 'name', title: t('jurisdictions.areas'), dataIndex: 'name' },
                  {
                    key: 'kind',
                    title: t('jurisdictions.kind'),
                    render: (_, a) => t(`jurisdictions.areaKind.${a.kind}`),
                  },
                  { key: 'communities', title: t('jurisdictions.communities'), dataIndex: 'communities' },
                  {
                    key: 'boundary',
                    title: t('jurisdictions.boundary'),
                    render: (_, a) =>
                      t(a.boundary ? 'jurisdictions.hasBoundary' : 'jurisdictions.noBoundary'),
                  },
                ]}
              />
            ),
          },
          {
            key: 'units',
            label: `${t('jurisdictions.units')}（${preview.units.length}）`,
            children: (
              <Table
                size="small"
                rowKey="name"
                dataSource={preview.units}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                columns={[
                  { key: 'name', title: t('jurisdictions.units'), dataIndex: 'name' },
                  {
                    key: 'kind',
                    title: t('jurisdictions.kind'),
                    render: (_, u) => t(`admin.kinds.${u.kind}`),
                  },
                  {
                    key: 'aliases',
                    title: t('jurisdictions.aliases'),
                    render: (_, u) => u.aliases.join('、'),
                  },
                  { key: 'area', title: t('jurisdictions.governs'), render: (_, u) => u.area ?? '' },
                ]}
              />
            ),
          },
          {
            key: 'catalogue',
            label: `${t('jurisdictions.catalogue')}（${preview.catalogue.length}）`,
            children: (
              <Table
                size="small"
                rowKey="category"
                dataSource={preview.catalogue}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                columns={[
                  { key: 'category', title: t('jurisdictions.category'), dataIndex: 'category' },
                  { key: 'owner', title: t('jurisdictions.owner'), render: (_, c) => owner(c.owner) },
                  {
                    key: 'designated',
                    title: t('jurisdictions.designated'),
                    render: (_, c) => t(c.designated ? 'jurisdictions.yes' : 'jurisdictions.no'),
                  },
                  { key: 'finish', title: t('jurisdictions.finish'), render: (_, c) => finish(c.finish) },
                ]}
              />
            ),
          },
        ]}
      />
    </Space>
  );
}

/** 新建辖区: the office's setup files uploaded, checked with every problem at its place, then created. */
export default function JurisdictionNewPage() {
  const { t } = useTranslation();
  const errorText = useErrorMessage();
  const client = useQueryClient();
  const role = useSession().session?.user.role;
  useDocumentTitle(t('jurisdictions.title'));
  const list = useQuery({ queryKey: ['jurisdictions'], queryFn: jurisdictionsApi.list });
  const [facts, setFacts] = useState<Facts>({ name: '', level: '区县', code: '', catalogueFrom: '' });
  const [files, setFiles] = useState<JurisdictionSetupInput['files']>({});
  const [withAreas, setWithAreas] = useState(true);
  const [checked, setChecked] = useState<JurisdictionPreview | undefined>();
  const [problems, setProblems] = useState<ProblemRow[] | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [created, setCreated] = useState<JurisdictionCreated | undefined>();
  const input: JurisdictionSetupInput = { ...facts, withAreas, files };

  const fieldName = (field: string) => (isSetupField(field) ? t(`jurisdictions.field.${field}`) : field);
  const toRows = (error: unknown): ProblemRow[] | undefined => {
    if (!isApiError(error) || error.details.length === 0) return undefined;
    return error.details.map((d, key) => {
      const p = placeOf(d.path);
      return {
        key,
        file: p.field !== undefined ? t('jurisdictions.form') : (p.file ?? ''),
        sheet:
          p.field !== undefined
            ? fieldName(p.field)
            : p.feature !== undefined
              ? t('jurisdictions.feature', { n: p.feature })
              : (p.sheet ?? ''),
        row: p.row !== undefined ? String(p.row) : '',
        column: p.column ?? '',
        message: d.message,
      };
    });
  };
  const reset = () => {
    setChecked(undefined);
    setProblems(undefined);
    setFailure(undefined);
  };
  const onError = (error: unknown) => {
    setChecked(undefined);
    const rows = toRows(error);
    setProblems(rows);
    setFailure(rows ? undefined : errorText(error));
  };
  const check = useMutation({
    mutationFn: jurisdictionsApi.check,
    onMutate: reset,
    onSuccess: (preview) => setChecked(preview),
    onError,
  });
  const create = useMutation({
    mutationFn: jurisdictionsApi.create,
    onMutate: () => setFailure(undefined),
    onSuccess: async (done) => {
      setCreated(done);
      setChecked(undefined);
      await client.invalidateQueries({ queryKey: ['jurisdictions'] });
    },
    onError,
  });

  const tooLarge = useMemo(
    () => Object.values(files).find((f) => f !== undefined && f.size > MAX_MB * 1024 * 1024),
    [files],
  );
  const parents = (list.data ?? []).filter((j) => j.code !== null);
  const setFact = <K extends keyof Facts>(key: K, value: Facts[K]) => {
    setFacts((f) => ({ ...f, [key]: value }));
    reset();
  };
  const choose = (slot: Slot, file: File | undefined) => {
    setFiles((f) => ({ ...f, [slot]: file }));
    reset();
  };

  if (role !== 'admin') return <ErrorView error={new ApiError(403, 'FORBIDDEN', 'forbidden')} />;
  return (
    <Card data-testid="jurisdiction-new-page">
      <Typography.Title level={2} className="lx-page-title">
        {t('jurisdictions.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('jurisdictions.intro')}</Typography.Paragraph>
      {created ? (
        <Alert
          type="success"
          showIcon
          role="status"
          title={t('jurisdictions.created', { name: created.name })}
        />
      ) : null}
      <Form layout="vertical" style={{ maxWidth: 720 }}>
        <Typography.Title level={4}>{t('jurisdictions.facts')}</Typography.Title>
        <Form.Item label={t('jurisdictions.field.name')} htmlFor="jur-name" required>
          <Input id="jur-name" value={facts.name} onChange={(e) => setFact('name', e.target.value)} />
        </Form.Item>
        <Form.Item label={t('jurisdictions.field.level')} htmlFor="jur-level" required>
          <Select
            id="jur-level"
            value={facts.level}
            options={LEVELS.map((l) => ({ value: l, label: l }))}
            onChange={(level) => setFact('level', level)}
          />
        </Form.Item>
        <Form.Item label={t('jurisdictions.field.code')} htmlFor="jur-code" required>
          <Input
            id="jur-code"
            inputMode="numeric"
            value={facts.code}
            onChange={(e) => setFact('code', e.target.value)}
          />
        </Form.Item>
        <Form.Item
          label={t('jurisdictions.field.parent')}
          htmlFor="jur-parent"
          extra={t('jurisdictions.hint.parent')}
        >
          <Select
            id="jur-parent"
            allowClear
            value={facts.parent}
            loading={list.isLoading}
            options={parents.map((j) => ({ value: j.code!, label: `${j.name}（${j.code}）` }))}
            onChange={(parent?: string) => setFact('parent', parent)}
          />
        </Form.Item>
        <Typography.Title level={4}>{t('jurisdictions.files')}</Typography.Title>
        {SLOTS.map(({ slot, accept }) => (
          <Form.Item
            key={slot}
            label={t(`jurisdictions.field.${slot}`)}
            extra={t(`jurisdictions.hint.${slot}`)}
            required={slot === 'units'}
          >
            <Space wrap>
              <Upload
                accept={accept}
                maxCount={1}
                showUploadList={false}
                beforeUpload={(file) => {
                  choose(slot, file);
                  return false;
                }}
              >
                <Button aria-label={`${t(`jurisdictions.field.${slot}`)} ${t('jurisdictions.choose')}`}>
                  {t('jurisdictions.choose')}
                </Button>
              </Upload>
              {files[slot] ? (
                <>
                  <Typography.Text data-testid={`file-${slot}`}>{files[slot].name}</Typography.Text>
                  <Button type="link" onClick={() => choose(slot, undefined)}>
                    {t('jurisdictions.remove')}
                  </Button>
                </>
              ) : null}
            </Space>
          </Form.Item>
        ))}
        <Form.Item>
          <Checkbox
            checked={withAreas}
            onChange={(e) => {
              setWithAreas(e.target.checked);
              reset();
            }}
          >
            {t('jurisdictions.hint.withAreas')}
          </Checkbox>
        </Form.Item>
        {files.catalogue ? (
          <>
            <Form.Item label={t('jurisdictions.field.catalogueFrom')} htmlFor="jur-from">
              <Input
                id="jur-from"
                type="date"
                value={facts.catalogueFrom}
                onChange={(e) => setFact('catalogueFrom', e.target.value)}
              />
            </Form.Item>
            <Form.Item label={t('jurisdictions.field.catalogueNote')} htmlFor="jur-note">
              <Input
                id="jur-note"
                value={facts.catalogueNote ?? ''}
                onChange={(e) => setFact('catalogueNote', e.target.value)}
              />
            </Form.Item>
          </>
        ) : null}
        {tooLarge ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={t('jurisdictions.tooLarge', { file: tooLarge.name, mb: MAX_MB })}
          />
        ) : null}
        <Space style={{ marginTop: 16 }}>
          <Button
            loading={check.isPending}
            disabled={tooLarge !== undefined}
            onClick={() => check.mutate(input)}
          >
            {t('jurisdictions.check')}
          </Button>
          <Button
            type="primary"
            loading={create.isPending}
            disabled={checked === undefined}
            onClick={() => create.mutate(input)}
          >
            {t('jurisdictions.create')}
          </Button>
        </Space>
      </Form>
      <div style={{ marginTop: 24 }}>
        {failure ? <Alert type="error" showIcon role="alert" title={failure} /> : null}
        {problems ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Alert
              type="error"
              showIcon
              role="alert"
              title={t('jurisdictions.problems', { count: problems.length })}
            />
            <Table
              size="small"
              data-testid="setup-problems"
              rowKey="key"
              dataSource={problems}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              scroll={{ x: true }}
              columns={[
                { key: 'file', title: t('jurisdictions.col.file'), dataIndex: 'file' },
                { key: 'sheet', title: t('jurisdictions.col.sheet'), dataIndex: 'sheet' },
                { key: 'row', title: t('jurisdictions.col.row'), dataIndex: 'row' },
                { key: 'column', title: t('jurisdictions.col.column'), dataIndex: 'column' },
                { key: 'message', title: t('jurisdictions.col.problem'), dataIndex: 'message' },
              ]}
            />
          </Space>
        ) : null}
        {checked ? <Preview preview={checked} /> : null}
      </div>
    </Card>
  );
}
