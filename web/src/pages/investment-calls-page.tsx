import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Empty, Form, Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { investmentCallsApi, type InvestmentCallWithUnits } from '../api/investment-calls';
import { ErrorView } from '../components/error-view';
import { ToneTag } from '../components/tags';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useErrorMessage } from '../hooks/use-error-message';
import { useLang } from '../hooks/use-lang';
import { useLibraryBoard } from '../hooks/use-library';
import { useUnits } from '../hooks/use-plan-data';
import { useSession } from '../hooks/use-session';
import { formatDate, periodLabel } from '../lib/format';

/** The calls and their units' parts (a unit's user: its own units'), read by the page and 我的待办. */
export function useInvestmentCalls(enabled = true) {
  return useQuery({ queryKey: ['investment-calls', 'list'], queryFn: investmentCallsApi.list, enabled });
}

type Unit = InvestmentCallWithUnits['units'][number];

/** A unit's state in a call: returned (how many times), overdue, or still to return. */
export function UnitState({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  if (unit.returned)
    return (
      <ToneTag tone="green">
        {unit.returned.times > 1
          ? t('investCall.returnedTimes', { times: unit.returned.times })
          : t('investCall.returned')}
      </ToneTag>
    );
  return unit.overdue ? (
    <ToneTag tone="red">{t('investCall.overdue')}</ToneTag>
  ) : (
    <ToneTag tone="gold">{t('investCall.pending')}</ToneTag>
  );
}

interface OpenValues {
  library: string;
  month: dayjs.Dayjs;
  dueOn: dayjs.Dayjs;
}

/** The office's form: a month's call on a library, with its deadline. */
function OpenCallForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorMessage();
  const queryClient = useQueryClient();
  const board = useLibraryBoard();
  const [form] = Form.useForm<OpenValues>();
  const [failure, setFailure] = useState<string | undefined>();
  const lang = useLang();
  const submit = async (values: OpenValues) => {
    setFailure(undefined);
    try {
      const call = await investmentCallsApi.open({
        library: values.library,
        month: values.month.format('YYYY-MM'),
        dueOn: values.dueOn.format('YYYY-MM-DD'),
      });
      void message.success(
        t('investCall.opened', { library: call.libraryName, month: periodLabel(call.month, lang) }),
      );
      await queryClient.invalidateQueries({ queryKey: ['investment-calls'] });
    } catch (error) {
      setFailure(errorText(error));
    }
  };
  return (
    <Card title={t('investCall.open')}>
      {failure ? <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="inline" onFinish={(v) => void submit(v)}>
        <Form.Item name="library" label={t('investCall.library')} rules={[{ required: true }]}>
          <Select
            style={{ minWidth: 180 }}
            options={(board.data?.libraries ?? []).map((l) => ({ value: l.code, label: l.name }))}
          />
        </Form.Item>
        <Form.Item name="month" label={t('investCall.month')} rules={[{ required: true }]}>
          <DatePicker picker="month" disabledDate={(d) => d.isAfter(dayjs(), 'month')} />
        </Form.Item>
        <Form.Item name="dueOn" label={t('investCall.dueOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('investCall.open')}
        </Button>
      </Form>
    </Card>
  );
}

/**
 * 项目投资月报 (/library/investment-calls): the office opens a month's call and follows each lead
 * unit's return; a unit's user sees its own units' parts and opens its sheet.
 */
export default function InvestmentCallsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const role = useSession().session?.user.role;
  const office = role === 'admin' || role === 'supervisor';
  const calls = useInvestmentCalls();
  const units = useUnits();
  const unitName = new Map((units.data ?? []).map((u) => [u.id, u.name]));
  useDocumentTitle(t('investCall.title'));
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="investment-calls">
      <div>
        <Typography.Title level={2} className="lx-page-title">
          {t('investCall.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('investCall.intro')}</Typography.Paragraph>
      </div>
      {office ? <OpenCallForm /> : null}
      {calls.isError ? (
        <ErrorView error={calls.error} onRetry={() => void calls.refetch()} />
      ) : (calls.data?.items ?? []).length === 0 ? (
        calls.isPending ? null : (
          <Empty description={t('investCall.none')} />
        )
      ) : (
        calls.data!.items.map((call) => (
          <Card
            key={call.id}
            title={`${call.libraryName} · ${periodLabel(call.month, lang)}`}
            extra={t('investCall.dueLine', { date: formatDate(call.dueOn, lang) })}
          >
            <Table<Unit>
              rowKey="unitId"
              size="small"
              pagination={false}
              dataSource={call.units}
              columns={[
                { title: t('investCall.units'), render: (_: unknown, u) => unitName.get(u.unitId) ?? '' },
                { title: '', render: (_: unknown, u) => t('investCall.projects', { count: u.projects }) },
                { title: '', render: (_: unknown, u) => <UnitState unit={u} /> },
                {
                  title: '',
                  render: (_: unknown, u) => (
                    <Link to={`/library/investment-calls/${call.id}/units/${u.unitId}`}>
                      {office || u.returned ? t('investCall.view') : t('investCall.fill')}
                    </Link>
                  ),
                },
              ]}
            />
          </Card>
        ))
      )}
    </Space>
  );
}
