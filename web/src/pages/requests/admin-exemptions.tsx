/**
 * 免考核 administration: units left out of a month's ranking, with the reason and who recorded
 * it; add one (unit, month, reason — the reason is required), remove one (with an optional
 * note), and the history of additions and removals kept in the audit trail. Fetches nothing.
 */
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Modal, Row, Select, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ExemptionChange, ExemptionList, ExemptionRow, ExemptionBody } from '../../api/requests-admin';
import type { Unit } from '../../api/types';
import { useLang } from '../../hooks/use-lang';
import { formatDateTime } from '../../lib/format';
import { ToneTag } from '../../components/tags';
import { ServerErrorAlert, useHelp, useSave } from './admin-bits';
import { listMonths } from './admin-rules';
import { validateExemptionForm, type ExemptionForm } from './admin-scheme-rules';
import { shiftMonth } from '../../components/requests/month';

const A = 'requests.admin.exemptions';

export interface ExemptionsPanelProps {
  list: ExemptionList;
  units: Unit[];
  currentMonth: string;
  onAdd: (body: ExemptionBody) => Promise<unknown>;
  onRemove: (exemption: ExemptionRow, reason: string) => Promise<unknown>;
}

export function ExemptionsPanel({ list, units, currentMonth, onAdd, onRemove }: ExemptionsPanelProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const help = useHelp();
  const blank: ExemptionForm = { unitId: undefined, month: currentMonth, reason: '' };
  const [form, setForm] = useState<ExemptionForm>(blank);
  const [touched, setTouched] = useState<Partial<Record<keyof ExemptionForm, boolean>>>({});
  const { saving, error, run } = useSave();
  const [removing, setRemoving] = useState<ExemptionRow | null>(null);
  const [removeReason, setRemoveReason] = useState('');
  const [removeError, setRemoveError] = useState<unknown>(null);
  const [filter, setFilter] = useState<string | undefined>(undefined);
  const problems = useMemo(() => validateExemptionForm(form, list.items), [form, list.items]);
  // Past months (a disaster last month) and the next few.
  const months = useMemo(() => listMonths(shiftMonth(currentMonth, -24), 28).reverse(), [currentMonth]);
  const unitName = (e: { unitId: number | null; unitName: string | null }) =>
    e.unitName ?? units.find((u) => u.id === e.unitId)?.name ?? (e.unitId === null ? '—' : `#${e.unitId}`);
  const change = <K extends keyof ExemptionForm>(key: K, value: ExemptionForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setTouched((x) => ({ ...x, [key]: true }));
  };

  const add = async () => {
    setTouched({ unitId: true, month: true, reason: true });
    if (Object.keys(problems).length > 0 || form.unitId === undefined) return;
    const exemption = { unitId: form.unitId, month: form.month, reason: form.reason.trim() };
    await run(async () => {
      await onAdd(exemption);
      void message.success(t(`${A}.added`));
      setForm(blank);
      setTouched({});
    });
  };

  const remove = async () => {
    if (!removing) return;
    setRemoveError(null);
    try {
      await onRemove(removing, removeReason);
      void message.success(t(`${A}.removed`));
      setRemoving(null);
      setRemoveReason('');
    } catch (e) {
      setRemoveError(e);
    }
  };

  const items = filter ? list.items.filter((e) => e.month === filter) : list.items;
  const filterMonths = [...new Set(list.items.map((e) => e.month))];

  return (
    <div data-testid="exemptions-panel">
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t(`${A}.intro`)} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Select
            aria-label={t(`${A}.filter`)}
            allowClear
            placeholder={t(`${A}.allMonths`)}
            style={{ width: 160, marginBottom: 12 }}
            value={filter}
            onChange={(m?: string) => setFilter(m)}
            options={filterMonths.map((m) => ({ value: m, label: m }))}
          />
          <Table<ExemptionRow>
            data-testid="exemptions-table"
            rowKey={(e) => `${e.unitId}@${e.month}`}
            size="small"
            dataSource={items}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: t(`${A}.empty`) }}
            columns={[
              { title: t('requests.common.month'), dataIndex: 'month', width: 90 },
              { title: t('requests.common.unit'), key: 'unit', render: (_, e) => unitName(e) },
              { title: t('requests.common.reason'), dataIndex: 'reason' },
              {
                title: t(`${A}.recordedBy`),
                key: 'by',
                render: (_, e) => (
                  <span>
                    {e.createdByName ?? t(`${A}.centre`)}
                    <br />
                    <Typography.Text type="secondary">{formatDateTime(e.createdAt, lang)}</Typography.Text>
                  </span>
                ),
              },
              {
                title: t('requests.common.actions'),
                key: 'actions',
                width: 90,
                render: (_, e) => (
                  <Button
                    size="small"
                    danger
                    aria-label={`${t(`${A}.remove`)} ${unitName(e)} ${e.month}`}
                    onClick={() => {
                      setRemoving(e);
                      setRemoveError(null);
                    }}
                  >
                    {t(`${A}.remove`)}
                  </Button>
                ),
              },
            ]}
          />
          {list.history.length ? (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t(`${A}.history`)}
              </Typography.Title>
              <Table<ExemptionChange>
                data-testid="exemption-history"
                rowKey={(h, i) => `${h.at}-${h.action}-${h.unitId}-${h.month}-${i}`}
                size="small"
                dataSource={list.history}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                columns={[
                  { title: t(`${A}.changedAt`), key: 'at', render: (_, h) => formatDateTime(h.at, lang) },
                  {
                    title: t(`${A}.change`),
                    key: 'action',
                    width: 90,
                    render: (_, h) => (
                      <ToneTag tone={h.action === 'add' ? 'blue' : 'grey'}>
                        {t(`${A}.actions.${h.action}`)}
                      </ToneTag>
                    ),
                  },
                  { title: t(`${A}.changedBy`), key: 'by', render: (_, h) => h.byName ?? '—' },
                  { title: t('requests.common.unit'), key: 'unit', render: (_, h) => unitName(h) },
                  {
                    title: t('requests.common.month'),
                    key: 'month',
                    width: 90,
                    render: (_, h) => h.month ?? '—',
                  },
                  {
                    title: t(`${A}.exemptionReason`),
                    key: 'exemptionReason',
                    render: (_, h) => h.exemptionReason ?? '—',
                  },
                  { title: t(`${A}.removalNote`), key: 'note', render: (_, h) => h.note ?? '—' },
                ]}
              />
            </>
          ) : null}
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t(`${A}.addTitle`)}>
            <Form layout="vertical" onFinish={() => void add()} aria-label={t(`${A}.addTitle`)}>
              <Form.Item
                label={t('requests.common.unit')}
                htmlFor="exemption-unit"
                required
                {...help(problems.unitId, touched.unitId === true)}
              >
                <Select
                  id="exemption-unit"
                  showSearch={{ optionFilterProp: 'label' }}
                  value={form.unitId}
                  onChange={(id: number) => change('unitId', id)}
                  options={units.map((u) => ({ value: u.id, label: u.name }))}
                />
              </Form.Item>
              <Form.Item
                label={t('requests.common.month')}
                htmlFor="exemption-month"
                required
                {...help(problems.month, touched.month === true || touched.unitId === true)}
              >
                <Select
                  id="exemption-month"
                  value={form.month}
                  onChange={(m: string) => change('month', m)}
                  options={months.map((m) => ({ value: m, label: m }))}
                />
              </Form.Item>
              <Form.Item
                label={t('requests.common.reason')}
                htmlFor="exemption-reason"
                required
                extra={t(`${A}.reasonHelp`)}
                {...help(problems.reason, touched.reason === true)}
              >
                <Input.TextArea
                  id="exemption-reason"
                  autoSize={{ minRows: 2, maxRows: 5 }}
                  value={form.reason}
                  onChange={(e) => change('reason', e.target.value)}
                />
              </Form.Item>
              <ServerErrorAlert error={error} />
              <Button type="primary" htmlType="submit" loading={saving}>
                {t(`${A}.add`)}
              </Button>
            </Form>
          </Card>
        </Col>
      </Row>
      <Modal
        open={removing !== null}
        title={removing ? t(`${A}.removeTitle`, { unit: unitName(removing), month: removing.month }) : ''}
        okText={t(`${A}.remove`)}
        okButtonProps={{ danger: true }}
        cancelText={t('common.cancel')}
        onOk={() => remove()}
        onCancel={() => setRemoving(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>{t(`${A}.removeText`)}</Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label={t(`${A}.removalNote`)} htmlFor="exemption-remove-reason">
            <Input.TextArea
              id="exemption-remove-reason"
              autoSize={{ minRows: 2, maxRows: 4 }}
              value={removeReason}
              onChange={(e) => setRemoveReason(e.target.value)}
            />
          </Form.Item>
        </Form>
        <ServerErrorAlert error={removeError} />
      </Modal>
    </div>
  );
}
