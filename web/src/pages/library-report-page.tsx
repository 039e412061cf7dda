import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../api/client';
import { libraryApi } from '../api/library';
import { ErrorView } from '../components/error-view';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useErrorMessage } from '../hooks/use-error-message';
import { useLibraryProject } from '../hooks/use-library';
import { todayIso } from '../hooks/use-working-plan';

interface Values {
  amounts: Record<string, number | null | undefined>;
  progressDate?: dayjs.Dayjs;
  percent?: number | null;
  note?: string;
}

/** The months of `year` that have begun by `today` (a month not begun takes no figure). */
export function monthsBegun(year: number, today: string): string[] {
  const out: string[] = [];
  for (let m = 1; m <= 12; m += 1) {
    const month = `${year}-${String(m).padStart(2, '0')}`;
    if (month <= today.slice(0, 7)) out.push(month);
  }
  return out;
}

/**
 * 投资和形象进度填报 (/library/projects/:projectId/report): the lead unit (or the office) types a
 * year's monthly investment completed (万元) and a 形象进度 report; only the months changed are
 * sent, under the version they were typed on. When someone changed the project meanwhile (409)
 * what was typed stays, the page reads the project again and says so.
 */
export default function LibraryReportPage() {
  const { t } = useTranslation();
  const errorText = useErrorMessage();
  const queryClient = useQueryClient();
  const id = Number(useParams().projectId);
  const detail = useLibraryProject(Number.isInteger(id) ? id : 0);
  const today = todayIso();
  const [year, setYear] = useState(Number(today.slice(0, 4)));
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  const [moved, setMoved] = useState(false);
  const [done, setDone] = useState(false);
  useDocumentTitle(t('library.report.title'));
  if (detail.isError) return <ErrorView error={detail.error} onRetry={() => void detail.refetch()} />;
  const p = detail.data?.project;
  if (!p) return <Card loading />;
  const had = new Map(p.investments.map((m) => [m.month, m.amount]));
  const months = monthsBegun(year, today);
  const years = [...new Set([Number(today.slice(0, 4)), ...p.annualPlans.map((a) => a.year)])]
    .filter((y) => `${y}-01` <= today.slice(0, 7))
    .sort((a, b) => b - a);

  const submit = async (values: Values) => {
    setBusy(true);
    setFailure(undefined);
    setMoved(false);
    setDone(false);
    try {
      const figures = months.flatMap((month) => {
        const typed = values.amounts?.[month];
        return typed === null || typed === undefined || typed === had.get(month)
          ? []
          : [{ month, amount: typed }];
      });
      let version = p.version;
      if (figures.length > 0) version = (await libraryApi.investments(p.id, { figures, version })).version;
      if (values.note?.trim())
        await libraryApi.progress(p.id, {
          date: values.progressDate?.format('YYYY-MM-DD') ?? today,
          note: values.note.trim(),
          ...(typeof values.percent === 'number' ? { percent: values.percent } : {}),
          version,
        });
      setDone(true);
      form.setFieldsValue({ note: '', percent: null });
      await queryClient.invalidateQueries({ queryKey: ['library'] });
    } catch (error) {
      if (isApiError(error, 'CONFLICT')) {
        setMoved(true);
        await detail.refetch();
      } else setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card>
      <Link to={`/library/projects/${p.id}`}>{t('library.exit.back', { name: p.name })}</Link>
      <Typography.Title level={2} className="lx-page-title">
        {t('library.report.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('library.report.intro', { name: p.name })}
      </Typography.Paragraph>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {done ? <Alert type="success" showIcon title={t('library.report.saved')} /> : null}
        {moved ? <Alert type="warning" showIcon role="alert" title={t('library.report.moved')} /> : null}
        {failure ? <Alert type="error" showIcon role="alert" title={failure} /> : null}
        <Select
          aria-label={t('library.board.year')}
          value={year}
          style={{ width: 140 }}
          options={years.map((y) => ({ value: y, label: t('library.board.yearOption', { year: y }) }))}
          onChange={(y: number) => setYear(y)}
        />
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={{ amounts: Object.fromEntries(had), progressDate: dayjs(today) }}
        >
          <Table
            size="small"
            rowKey="month"
            pagination={false}
            dataSource={months.map((month) => ({ month }))}
            locale={{ emptyText: t('library.report.noMonths') }}
            columns={[
              { title: t('library.report.month'), dataIndex: 'month' },
              {
                title: t('library.report.amount'),
                key: 'amount',
                render: (_: unknown, row: { month: string }) => (
                  <Form.Item
                    name={['amounts', row.month]}
                    style={{ margin: 0 }}
                    rules={[{ type: 'number', min: 0, message: t('library.report.amountBad') }]}
                  >
                    <InputNumber
                      aria-label={t('library.report.amountOf', { month: row.month })}
                      min={0}
                      step={10}
                      precision={2}
                      style={{ width: 160 }}
                    />
                  </Form.Item>
                ),
              },
            ]}
          />
          <Typography.Title level={4}>{t('library.report.progressTitle')}</Typography.Title>
          <Space wrap align="start">
            <Form.Item name="progressDate" label={t('library.report.progressDate')}>
              <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
            </Form.Item>
            <Form.Item
              name="percent"
              label={t('library.report.percent')}
              rules={[{ type: 'number', min: 0, max: 100, message: t('library.report.percentBad') }]}
            >
              <InputNumber min={0} max={100} addonAfter="%" />
            </Form.Item>
          </Space>
          <Form.Item name="note" label={t('library.report.note')}>
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('library.report.submit')}
          </Button>
        </Form>
      </Space>
    </Card>
  );
}
