import { useEffect, useState } from 'react';
import { Alert, App, Button, Input, InputNumber, Select, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isApiError } from '../api/client';
import { investmentCallsApi, type InvestmentSheet } from '../api/investment-calls';
import { ErrorView } from '../components/error-view';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useErrorMessage } from '../hooks/use-error-message';
import { useLang } from '../hooks/use-lang';
import { formatDate, periodLabel } from '../lib/format';

type Line = InvestmentSheet['lines'][number];
type Stats = 'yes' | 'no' | undefined;
interface Typed {
  amount: number | null;
  progress: string;
  stats: Stats;
}

/** The problems of a refused return, each named by its project (a line) or its cell (a workbook). */
function problemsOf(error: unknown, lines: readonly Line[]): string[] {
  if (!isApiError(error)) return [];
  return error.details.map((d) => {
    const m = /^lines\.(\d+)\./.exec(d.path);
    const line = m ? lines[Number(m[1])] : undefined;
    return line ? `${line.name}：${d.message}` : /!/.test(d.path) ? `${d.path}：${d.message}` : d.message;
  });
}

/**
 * 项目投资月报 of one unit (/library/investment-calls/:callId/units/:unitId): its projects owing the
 * month, typed here (本月完成投资, 形象进度, 入统) and returned all at once, or the sheet downloaded,
 * filled and uploaded. A refused return lists each problem by project or cell; nothing is kept.
 */
export default function InvestmentSheetPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const errorText = useErrorMessage();
  const queryClient = useQueryClient();
  const params = useParams();
  const callId = Number(params.callId);
  const unitId = Number(params.unitId);
  const key = ['investment-calls', 'sheet', callId, unitId];
  const sheet = useQuery({ queryKey: key, queryFn: () => investmentCallsApi.sheet(callId, unitId) });
  const [typed, setTyped] = useState<Record<number, Typed>>({});
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const data = sheet.data;
  useDocumentTitle(data ? data.call.libraryName : t('investCall.title'));

  useEffect(() => {
    if (!data) return;
    setTyped(
      Object.fromEntries(
        data.lines.map((l) => [
          l.projectId,
          { amount: l.amount, progress: l.progress ?? '', stats: l.statsRegisteredOn ? 'yes' : undefined },
        ]),
      ),
    );
  }, [data]);

  if (sheet.isError) return <ErrorView error={sheet.error} onRetry={() => void sheet.refetch()} />;
  if (!data) return null;
  const month = periodLabel(data.call.month, lang);
  const set = (id: number, change: Partial<Typed>) =>
    setTyped((all) => ({ ...all, [id]: { ...all[id]!, ...change } }));

  const done = async (
    answer: Promise<{ changed: number }>,
    key2: 'investCall.submitted' | 'investCall.uploaded',
  ) => {
    setBusy(true);
    setProblems([]);
    try {
      const { changed } = await answer;
      void message.success(t(key2, { count: changed }));
      await queryClient.invalidateQueries({ queryKey: ['investment-calls'] });
    } catch (error) {
      const listed = problemsOf(error, data.lines);
      setProblems(listed.length > 0 ? listed : [errorText(error)]);
    } finally {
      setBusy(false);
    }
  };

  const submit = () =>
    done(
      investmentCallsApi.returnLines(callId, unitId, {
        lines: data.lines.map((l) => {
          const v = typed[l.projectId];
          return {
            projectId: l.projectId,
            amount: v?.amount ?? null,
            progress: v?.progress.trim() ? v.progress.trim() : null,
            stats:
              v?.stats === 'yes'
                ? { registered: true as const, on: l.statsRegisteredOn }
                : v?.stats === 'no'
                  ? { registered: false as const }
                  : null,
          };
        }),
      }),
      'investCall.submitted',
    );

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="investment-sheet">
      <div>
        <Typography.Title level={2} className="lx-page-title">
          {t('investCall.sheetTitle', { library: data.call.libraryName, month, unit: data.unit.name })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {t('investCall.dueLine', { date: formatDate(data.call.dueOn, lang) })}
          {data.returned ? ` · ${t('investCall.returnedTimes', { times: data.returned.times })}` : ''}
        </Typography.Paragraph>
        {data.returned ? <Alert type="info" showIcon title={t('investCall.replaceNote')} /> : null}
      </div>
      {problems.length > 0 ? (
        <Alert
          type="error"
          showIcon
          data-testid="investment-problems"
          title={t('investCall.problems')}
          description={
            <ul style={{ margin: 0 }}>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      {data.lines.length === 0 ? (
        <Alert type="info" showIcon title={t('investCall.nothingOwed')} />
      ) : (
        <>
          <Table<Line>
            rowKey="projectId"
            pagination={false}
            dataSource={data.lines}
            scroll={{ x: 900 }}
            columns={[
              { title: t('investCall.project'), dataIndex: 'name' },
              { title: t('investCall.stage'), dataIndex: 'stage', width: 90 },
              {
                title: t('investCall.planned'),
                dataIndex: 'planned',
                width: 120,
                render: (v: number | null) => v ?? '—',
              },
              {
                title: t('investCall.amount'),
                width: 150,
                render: (_: unknown, l) => (
                  <InputNumber
                    aria-label={t('investCall.amountOf', { name: l.name })}
                    value={typed[l.projectId]?.amount ?? null}
                    onChange={(v) => set(l.projectId, { amount: typeof v === 'number' ? v : null })}
                    style={{ width: '100%' }}
                  />
                ),
              },
              {
                title: t('investCall.total'),
                width: 120,
                render: (_: unknown, l) => l.completedBefore + (typed[l.projectId]?.amount ?? 0),
              },
              {
                title: t('investCall.progress'),
                render: (_: unknown, l) => (
                  <Input
                    aria-label={t('investCall.progressOf', { name: l.name })}
                    value={typed[l.projectId]?.progress ?? ''}
                    onChange={(e) => set(l.projectId, { progress: e.target.value })}
                  />
                ),
              },
              {
                title: t('investCall.stats'),
                width: 100,
                render: (_: unknown, l) => (
                  <Select<Stats>
                    aria-label={t('investCall.statsOf', { name: l.name })}
                    allowClear
                    value={typed[l.projectId]?.stats}
                    onChange={(v) => set(l.projectId, { stats: v })}
                    style={{ width: '100%' }}
                    options={[
                      { value: 'yes', label: t('investCall.statsYes') },
                      { value: 'no', label: t('investCall.statsNo') },
                    ]}
                  />
                ),
              },
            ]}
          />
          <Space wrap>
            <Button type="primary" loading={busy} onClick={() => void submit()}>
              {t('investCall.submit')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              href={investmentCallsApi.workbookUrl(callId, unitId)}
              download
            >
              {t('investCall.download')}
            </Button>
            <Upload
              accept=".xlsx"
              showUploadList={false}
              beforeUpload={(file) => {
                void done(investmentCallsApi.upload(callId, unitId, file, file.name), 'investCall.uploaded');
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={busy}>
                {t('investCall.upload')}
              </Button>
            </Upload>
          </Space>
        </>
      )}
    </Space>
  );
}
