import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Space, Tabs, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  OBJECTION_REASONS,
  type ObjectionReason,
  type UnitQueueItem,
  type WorkOrder,
} from '../../api/requests';
import { CheckReturnNote } from '../../components/requests/check-return';
import { ContactView, Countdown, OrderTable, useNow } from '../../components/requests/order-bits';
import { ApiError } from '../../api/client';
import { ErrorView } from '../../components/error-view';
import { ToneTag } from '../../components/tags';
import { useOrderAction, useUnitMap, useUnitQueue } from '../../hooks/use-requests';
import { useErrorMessage } from '../../hooks/use-error-message';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useLang } from '../../hooks/use-lang';
import { WorkingAsOfPicker } from '../../components/as-of-picker';
import { useSession } from '../../hooks/use-session';

type Panel = 'answer' | 'object' | 'extend' | undefined;

/** What a unit does with one order: sign, contact, answer, object, ask for more time. */
function UnitActions({ item, unitIds }: { item: UnitQueueItem; unitIds: number[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const now = useNow();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const act = useOrderAction();
  const order = item.order;
  const unitId =
    order.leadUnitId !== null && unitIds.includes(order.leadUnitId)
      ? order.leadUnitId
      : (order.coUnits.find((c) => unitIds.includes(c.unitId))?.unitId ?? unitIds[0] ?? 0);
  const [panel, setPanel] = useState<Panel>();
  const [text, setText] = useState('');
  const [publicNote, setPublicNote] = useState('');
  const [reason, setReason] = useState<ObjectionReason>('not_ours');
  const [note, setNote] = useState('');
  const [until, setUntil] = useState<Dayjs | null>(null);
  const [extendReason, setExtendReason] = useState('');
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const touch = (field: string) => setTouched((p) => ({ ...p, [field]: true }));
  const finishDue = order.deadlines?.finish.due;
  const problems = {
    text: !text.trim() ? t('requests.unit.answerRequired') : undefined,
    note: !note.trim() ? t('requests.unit.objectNoteRequired') : undefined,
    until: !until
      ? t('requests.unit.extendUntilRequired')
      : finishDue && until.valueOf() <= Date.parse(finishDue)
        ? t('requests.unit.extendUntilPast')
        : undefined,
    extendReason: !extendReason.trim() ? t('requests.unit.extendReasonRequired') : undefined,
  };
  const show = (field: keyof typeof problems) =>
    touched[field] && problems[field]
      ? { validateStatus: 'error' as const, help: problems[field] }
      : { validateStatus: undefined, help: undefined };
  /** A required text field that shows its problem once touched. */
  const requiredText = (
    field: keyof typeof problems,
    label: string,
    id: string,
    rows: number,
    value: string,
    set: (value: string) => void,
  ) => (
    <Form.Item label={label} htmlFor={id} required {...show(field)}>
      <Input.TextArea
        id={id}
        rows={rows}
        value={value}
        onChange={(e) => {
          set(e.target.value);
          touch(field);
        }}
      />
    </Form.Item>
  );
  const submit = (
    <Button type="primary" htmlType="submit" loading={act.isPending}>
      {t('requests.common.submit')}
    </Button>
  );
  const ok = (words: string) => () => {
    setPanel(undefined);
    void message.success(words);
  };
  const isLead = order.leadUnitId === unitId;
  const canSign = isLead
    ? order.status === 'dispatched'
    : !order.coUnits.find((c) => c.unitId === unitId)?.signedAt;
  const owesContact = isLead && order.status === 'signed' && !order.contactedAt && order.contact !== null;

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <CheckReturnNote order={order} />
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
        {order.text}
      </Typography.Paragraph>
      <Typography.Text type="secondary">
        {order.location.area} {order.location.community ?? ''} {order.location.address}
      </Typography.Text>
      <ContactView order={order} />
      {order.deadlines ? (
        <Space wrap size="large">
          {(['sign', 'contact', 'finish'] as const).map((step) => (
            <span key={step}>
              {t(`requests.step.${step}`)}:{' '}
              <Countdown
                due={order.deadlines![step].due}
                now={now}
                lang={lang}
                done={
                  step === 'sign'
                    ? Boolean(order.signedAt)
                    : step === 'contact'
                      ? Boolean(order.contactedAt) || order.contact === null
                      : order.status === 'replied'
                }
              />
            </span>
          ))}
        </Space>
      ) : null}
      {order.designated ? <ToneTag tone="purple">{t('requests.common.designated')}</ToneTag> : null}
      {order.pendingExtension ? <ToneTag tone="gold">{t('requests.unit.pendingExtension')}</ToneTag> : null}
      <Space wrap>
        {canSign && order.status !== 'replied' ? (
          <Button
            type="primary"
            loading={act.isPending}
            onClick={() =>
              act.mutate(
                { id: order.id, input: { type: 'signed', unitId } },
                { onSuccess: ok(t('requests.unit.signed')) },
              )
            }
          >
            {t('requests.unit.sign')}
          </Button>
        ) : null}
        {owesContact ? (
          <Button
            loading={act.isPending}
            onClick={() =>
              act.mutate(
                { id: order.id, input: { type: 'contacted', unitId } },
                { onSuccess: ok(t('requests.unit.contacted')) },
              )
            }
          >
            {t('requests.unit.contact')}
          </Button>
        ) : null}
        {order.status === 'signed' ? (
          <Button onClick={() => setPanel(panel === 'answer' ? undefined : 'answer')}>
            {t('requests.unit.answer')}
          </Button>
        ) : null}
        {isLead && !order.designated && (order.status === 'dispatched' || order.status === 'signed') ? (
          <Button onClick={() => setPanel(panel === 'object' ? undefined : 'object')}>
            {t('requests.unit.object')}
          </Button>
        ) : null}
        {isLead && order.status === 'signed' && !order.pendingExtension ? (
          <Button onClick={() => setPanel(panel === 'extend' ? undefined : 'extend')}>
            {t('requests.unit.extend')}
          </Button>
        ) : null}
      </Space>
      {panel === 'answer' ? (
        <Form
          layout="vertical"
          aria-label={t('requests.unit.answer')}
          onFinish={() => {
            touch('text');
            if (problems.text) return;
            act.mutate(
              {
                id: order.id,
                input: {
                  type: 'replied',
                  unitId,
                  text: text.trim(),
                  ...(publicNote.trim() ? { publicNote: publicNote.trim() } : {}),
                },
              },
              { onSuccess: ok(t('requests.unit.answered')) },
            );
          }}
        >
          {requiredText('text', t('requests.unit.answerText'), `answer-${order.id}`, 3, text, setText)}
          <Form.Item label={t('requests.unit.publicNote')} htmlFor={`public-${order.id}`}>
            <Input.TextArea
              id={`public-${order.id}`}
              rows={2}
              value={publicNote}
              onChange={(e) => setPublicNote(e.target.value)}
            />
          </Form.Item>
          {submit}
        </Form>
      ) : null}
      {panel === 'object' ? (
        <Form
          layout="vertical"
          aria-label={t('requests.unit.object')}
          onFinish={() => {
            touch('note');
            if (problems.note) return;
            act.mutate(
              { id: order.id, input: { type: 'objection_raised', unitId, reason, note: note.trim() } },
              { onSuccess: ok(t('requests.unit.objected')) },
            );
          }}
        >
          <Form.Item label={t('requests.unit.objectReason')} htmlFor={`reason-${order.id}`}>
            <Select
              id={`reason-${order.id}`}
              value={reason}
              onChange={(value: ObjectionReason) => setReason(value)}
              options={OBJECTION_REASONS.map((r) => ({ value: r, label: t(`requests.objection.${r}`) }))}
            />
          </Form.Item>
          {requiredText('note', t('requests.unit.objectNote'), `note-${order.id}`, 2, note, setNote)}
          {submit}
        </Form>
      ) : null}
      {panel === 'extend' ? (
        <Form
          layout="vertical"
          aria-label={t('requests.unit.extend')}
          onFinish={() => {
            touch('until');
            touch('extendReason');
            if (problems.until || problems.extendReason || !until) return;
            act.mutate(
              {
                id: order.id,
                input: {
                  type: 'extension_requested',
                  unitId,
                  until: until.toISOString(),
                  reason: extendReason.trim(),
                },
              },
              { onSuccess: ok(t('requests.unit.extended')) },
            );
          }}
        >
          <Form.Item
            label={t('requests.unit.extendUntil')}
            htmlFor={`until-${order.id}`}
            required
            {...show('until')}
          >
            <DatePicker
              id={`until-${order.id}`}
              showTime
              value={until}
              disabledDate={(d) => (finishDue ? d.endOf('day').isBefore(dayjs(finishDue)) : false)}
              onChange={(value) => {
                setUntil(value);
                touch('until');
              }}
            />
          </Form.Item>
          {requiredText(
            'extendReason',
            t('requests.unit.extendReason'),
            `ext-${order.id}`,
            2,
            extendReason,
            setExtendReason,
          )}
          {submit}
        </Form>
      ) : null}
      {act.isError ? <Alert type="error" showIcon title={errorMessage(act.error)} /> : null}
    </Space>
  );
}

/** 承办: the orders a unit holds, with deadlines counting down and overdue in red. */
export default function UnitQueuePage() {
  const { t } = useTranslation();
  const lang = useLang();
  const now = useNow();
  useDocumentTitle(t('requests.unit.title'));
  const { session } = useSession();
  const unitIds = session?.user.unitIds ?? [];
  const isUnit = session?.user.role === 'reporter';
  const queue = useUnitQueue(isUnit);
  const unitMap = useUnitMap();
  const items = queue.data?.items ?? [];
  const byId = new Map(items.map((i) => [i.order.id, i]));
  const groups: { key: string; orders: WorkOrder[] }[] = [
    { key: 'dispatched', orders: items.filter((i) => i.order.status === 'dispatched').map((i) => i.order) },
    {
      key: 'signed',
      orders: items
        .filter((i) => i.order.status === 'signed' || i.order.status === 'objecting')
        .map((i) => i.order),
    },
    { key: 'replied', orders: items.filter((i) => i.order.status === 'replied').map((i) => i.order) },
  ];
  const expanded = (order: WorkOrder): ReactNode => {
    const item = byId.get(order.id);
    return item ? <UnitActions item={item} unitIds={unitIds} /> : null;
  };

  if (!isUnit && session) {
    return (
      <Card>
        <Typography.Title level={2} className="lx-page-title">
          {t('requests.unit.title')}
        </Typography.Title>
        <ErrorView error={new ApiError(403, 'FORBIDDEN', 'not a unit')} />
      </Card>
    );
  }
  if (queue.isError) return <ErrorView error={queue.error} onRetry={() => void queue.refetch()} />;
  return (
    <Card>
      <Typography.Title level={2} className="lx-page-title">
        {t('requests.unit.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('requests.unit.intro')}</Typography.Paragraph>
      <div style={{ marginBottom: 12 }}>
        <WorkingAsOfPicker lang={lang} />
      </div>
      <Typography.Paragraph>
        {t('requests.unit.unitPicker')}: {unitIds.map((id) => unitMap.get(id)?.name ?? `#${id}`).join('、')}
      </Typography.Paragraph>
      <Tabs
        items={groups.map((g) => ({
          key: g.key,
          label: `${t(`requests.status.${g.key}`)} (${g.orders.length})`,
          children: (
            <OrderTable
              orders={g.orders}
              units={unitMap}
              lang={lang}
              now={now}
              loading={queue.isPending}
              expanded={expanded}
            />
          ),
        }))}
      />
    </Card>
  );
}
