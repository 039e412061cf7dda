/**
 * 工作日历 administration: where each year's working days come from (a loaded official table,
 * chinese-days, or weekends only), the loaded tables with who loaded them, and loading next
 * year's 放假安排 pasted or uploaded as JSON (chinese-days' shape) or CSV, previewed and checked
 * before it is sent. Fetches nothing.
 */
import { useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Typography,
  Upload,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CalendarStatus, CalendarYear, HolidayTableBody } from '../../api/requests-admin';
import { ToneTag, type Tone } from '../../components/tags';
import { useLang } from '../../hooks/use-lang';
import { formatDateTime } from '../../lib/format';
import { ServerErrorAlert, useSave } from './admin-bits';
import { festivalName, listTableDates, parseHolidayText } from './admin-holiday-rules';

const A = 'requests.admin.calendar';
const SOURCE_TONE: Record<CalendarYear['source'], Tone> = {
  loaded: 'green',
  package: 'blue',
  weekends: 'red',
};

export interface CalendarPanelProps {
  status: CalendarStatus;
  onLoad: (year: number, table: HolidayTableBody) => Promise<unknown>;
  onRemove: (year: number) => Promise<unknown>;
}

/** A file's text (FileReader: jsdom and older browsers lack Blob.text). */
export function readFileText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable file'));
    reader.readAsText(file, 'utf-8');
  });
}

function DatesTable({ table }: { table: Pick<HolidayTableBody, 'holidays' | 'workdays'> }) {
  const { t } = useTranslation();
  const lang = useLang();
  const weekday = useMemo(() => new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' }), [lang]);
  return (
    <Table
      size="small"
      rowKey="date"
      pagination={{ pageSize: 40, hideOnSinglePage: true }}
      dataSource={listTableDates(table)}
      columns={[
        { title: t(`${A}.date`), dataIndex: 'date', width: 120 },
        {
          title: t(`${A}.weekday`),
          key: 'weekday',
          width: 80,
          render: (_, d) => weekday.format(new Date(`${d.date}T12:00:00Z`)),
        },
        {
          title: t(`${A}.kind`),
          key: 'kind',
          width: 110,
          render: (_, d) => (
            <ToneTag tone={d.kind === 'holiday' ? 'green' : 'orange'}>{t(`${A}.${d.kind}`)}</ToneTag>
          ),
        },
        { title: t(`${A}.festival`), key: 'name', render: (_, d) => festivalName(d.name, lang) || '—' },
      ]}
    />
  );
}

export function CalendarPanel({ status, onLoad, onRemove }: CalendarPanelProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const next = status.currentYear + 1;
  const [year, setYear] = useState(next);
  const [source, setSource] = useState('');
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const { saving, error, setError, run } = useSave();
  const parsed = useMemo(() => parseHolidayText(text, year), [text, year]);
  const ready = text.trim() !== '' && parsed.problems.length === 0;
  const nextYear = status.years.find((y) => y.year === next);

  const load = async () => {
    if (!ready) return;
    await run(async () => {
      await onLoad(year, { ...parsed.table, source: source.trim() || fileName || '' });
      void message.success(t(`${A}.loaded`, { year }));
      setText('');
      setSource('');
      setFileName(null);
    });
  };

  return (
    <div data-testid="calendar-panel">
      {nextYear?.source === 'weekends' ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t(`${A}.nextMissing`, { year: next })}
          description={t(`${A}.nextMissingText`)}
        />
      ) : null}
      <Typography.Paragraph>
        {status.packageYears
          ? t(`${A}.packageYears`, { first: status.packageYears.first, last: status.packageYears.last })
          : t(`${A}.noPackage`)}{' '}
        {t(`${A}.keepDeadlines`)}
      </Typography.Paragraph>
      <Table<CalendarYear>
        data-testid="calendar-years"
        rowKey="year"
        size="small"
        pagination={false}
        dataSource={status.years}
        columns={[
          { title: t(`${A}.year`), dataIndex: 'year', width: 90 },
          {
            title: t(`${A}.source`),
            key: 'source',
            render: (_, y) => <ToneTag tone={SOURCE_TONE[y.source]}>{t(`${A}.sources.${y.source}`)}</ToneTag>,
          },
          {
            title: t(`${A}.counts`),
            key: 'counts',
            render: (_, y) =>
              y.holidays === null
                ? '—'
                : t(`${A}.countsText`, { holidays: y.holidays, workdays: y.workdays ?? 0 }),
          },
        ]}
      />
      {status.loaded.length ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t(`${A}.loadedTitle`)}
          </Typography.Title>
          <Collapse
            items={status.loaded.map((table) => ({
              key: table.year,
              label: t(`${A}.loadedLabel`, {
                year: table.year,
                source: table.source || '—',
                by: table.loadedByName ?? '—',
                at: formatDateTime(table.loadedAt, lang),
              }),
              extra: (
                <Popconfirm
                  title={t(`${A}.removeConfirm`, { year: table.year })}
                  okText={t(`${A}.remove`)}
                  cancelText={t('common.cancel')}
                  onConfirm={async () => {
                    try {
                      await onRemove(table.year);
                      void message.success(t(`${A}.removedYear`, { year: table.year }));
                    } catch (e) {
                      setError(e);
                    }
                  }}
                >
                  <Button size="small" danger onClick={(e) => e.stopPropagation()}>
                    {t(`${A}.remove`)}
                  </Button>
                </Popconfirm>
              ),
              children: <DatesTable table={table} />,
            }))}
          />
        </>
      ) : null}
      <Card size="small" title={t(`${A}.loadTitle`)} style={{ marginTop: 24 }}>
        <Typography.Paragraph type="secondary">{t(`${A}.formatHelp`)}</Typography.Paragraph>
        <Typography.Paragraph>
          <pre style={{ margin: 0, fontSize: 12 }}>{t(`${A}.formatExample`)}</pre>
        </Typography.Paragraph>
        <Form layout="vertical" aria-label={t(`${A}.loadTitle`)} onFinish={() => void load()}>
          <Space wrap align="start">
            <Form.Item label={t(`${A}.year`)} htmlFor="calendar-year" required>
              <Select
                id="calendar-year"
                style={{ width: 120 }}
                value={year}
                onChange={(y: number) => setYear(y)}
                options={[status.currentYear, next].map((y) => ({ value: y, label: String(y) }))}
              />
            </Form.Item>
            <Form.Item label={t(`${A}.sourceNote`)} htmlFor="calendar-source" style={{ minWidth: 320 }}>
              <Input
                id="calendar-source"
                value={source}
                placeholder={t(`${A}.sourcePlaceholder`)}
                onChange={(e) => setSource(e.target.value)}
              />
            </Form.Item>
          </Space>
          <Form.Item label={t(`${A}.paste`)} htmlFor="calendar-text">
            <Input.TextArea
              id="calendar-text"
              autoSize={{ minRows: 4, maxRows: 12 }}
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setFileName(null);
              }}
            />
          </Form.Item>
          <Upload
            accept=".json,.csv,.txt"
            showUploadList={false}
            maxCount={1}
            beforeUpload={async (file) => {
              setText(await readFileText(file));
              setFileName(file.name);
              return Upload.LIST_IGNORE;
            }}
          >
            <Button icon={<UploadOutlined />}>{t(`${A}.upload`)}</Button>
          </Upload>
          {fileName ? (
            <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
              {fileName}
            </Typography.Text>
          ) : null}
          {text.trim() ? (
            <div style={{ marginTop: 16 }} data-testid="calendar-preview">
              {parsed.problems.length ? (
                <Alert
                  type="error"
                  showIcon
                  title={t(`${A}.problems`, { count: parsed.problems.length })}
                  description={
                    <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                      {parsed.problems.slice(0, 20).map((p, i) => (
                        <li key={i}>{t(p.key, p.values)}</li>
                      ))}
                    </ul>
                  }
                />
              ) : (
                <Alert
                  type="success"
                  showIcon
                  title={t(`${A}.previewTitle`, {
                    year,
                    format: parsed.format.toUpperCase(),
                    holidays: Object.keys(parsed.table.holidays).length,
                    workdays: Object.keys(parsed.table.workdays).length,
                  })}
                />
              )}
              <div style={{ marginTop: 12 }}>
                <DatesTable table={parsed.table} />
              </div>
            </div>
          ) : null}
          <ServerErrorAlert error={error} />
          <Button
            type="primary"
            htmlType="submit"
            disabled={!ready}
            loading={saving}
            style={{ marginTop: 12 }}
          >
            {t(`${A}.load`, { year })}
          </Button>
        </Form>
      </Card>
      {status.history.length ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t(`${A}.historyTitle`)}
          </Typography.Title>
          <ul data-testid="calendar-history">
            {status.history.map((h, i) => (
              <li key={i}>
                {t(`${A}.historyLine`, {
                  at: formatDateTime(h.at, lang),
                  by: h.byName ?? '—',
                  action: t(`${A}.actions.${h.action}`),
                  year: h.year,
                  source: h.source || '—',
                })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
