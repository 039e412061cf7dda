/**
 * 考核方案 administration: the 三率 scheme in force and every past version (who counts — the
 * denominator rule —, partial credit for 基本满意, the weights of 响应率 / 解决率 / 满意率, the
 * minimum volume to be ranked), and a new version from a coming month, checked as it is typed.
 * Fetches nothing.
 */
import { useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Empty,
  Form,
  Input,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrderSource } from '../../api/requests';
import type { SchemeBody, ScoringScheme } from '../../api/requests-admin';
import { ToneTag, type Tone } from '../../components/tags';
import { useLang } from '../../hooks/use-lang';
import { formatPercent } from '../../lib/format';
import { ServerErrorAlert, useHelp, useSave } from './admin-bits';
import { listMonths } from './admin-rules';
import {
  CREDIT_KEYS,
  WEIGHT_KEYS,
  findSchemeFor,
  sumWeights,
  toSchemeDraft,
  toSchemeForm,
  validateSchemeForm,
  type SchemeForm,
} from './admin-scheme-rules';

const A = 'requests.admin.schemes';

export interface SchemesPanelProps {
  schemes: ScoringScheme[];
  /** This Beijing month (YYYY-MM): a new scheme starts from it at the earliest. */
  currentMonth: string;
  /** Every source an order may come from. */
  sources: readonly OrderSource[];
  onCreate: (draft: SchemeBody) => Promise<unknown>;
}

type State = 'current' | 'scheduled' | 'past';
const TONE: Record<State, Tone> = { current: 'green', scheduled: 'blue', past: 'grey' };

/** The three weights in words: "响应率 10%、解决率 60%、满意率 30%". */
function useWeightsText() {
  const { t } = useTranslation();
  const lang = useLang();
  return (s: ScoringScheme) =>
    WEIGHT_KEYS.map((k) => `${t(`${A}.weight.${k}`)} ${formatPercent(s.weights[k], lang)}`).join('、');
}

export function SchemesPanel({ schemes, currentMonth, sources, onCreate }: SchemesPanelProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const help = useHelp();
  const weightsText = useWeightsText();
  const current = findSchemeFor(schemes, currentMonth);
  const latest = schemes.at(-1);
  const months = useMemo(() => listMonths(currentMonth, 25), [currentMonth]);
  const firstOpen = months.find((m) => !latest || m > latest.effectiveFrom) ?? '';
  const [form, setForm] = useState<SchemeForm>(() => toSchemeForm(latest, firstOpen));
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [tried, setTried] = useState(false);
  const { saving, error, run } = useSave();
  const { problems, warnings } = useMemo(
    () => validateSchemeForm(form, { currentMonth, latest, sources }),
    [form, currentMonth, latest, sources],
  );
  const sum = sumWeights(form);
  const shown = (key: string) => tried || touched[key] === true;
  const change = (key: string, next: SchemeForm) => {
    setForm(next);
    setTouched((x) => ({ ...x, [key]: true }));
  };
  const stateOf = (s: ScoringScheme): State =>
    s.version === current?.version ? 'current' : s.effectiveFrom > currentMonth ? 'scheduled' : 'past';
  const credits = (s: ScoringScheme) =>
    CREDIT_KEYS.map((k) => `${t(`requests.satisfaction.${k}`)} ${s.satisfactionCredit[k]}`).join('、');
  const excluded = (s: ScoringScheme) =>
    s.excludedSources.length
      ? s.excludedSources.map((x) => t(`requests.source.${x}`)).join('、')
      : t(`${A}.noneExcluded`);

  const submit = async () => {
    setTried(true);
    if (Object.keys(problems).length > 0) return;
    await run(async () => {
      const draft = toSchemeDraft(form);
      await onCreate(draft);
      void message.success(t(`${A}.created`));
      setForm(toSchemeForm(draft, ''));
      setTried(false);
      setTouched({});
    });
  };

  // Example rates, so the weights' effect on the overall score is visible as they are typed.
  const example = { response: 0.95, resolution: 0.8, satisfaction: 0.9 };
  const exampleScore =
    sum !== undefined && Math.abs(sum - 100) < 1e-6
      ? WEIGHT_KEYS.reduce((total, k) => total + (Number(form.weights[k]) / 100) * example[k], 0) * 100
      : undefined;

  return (
    <div data-testid="schemes-panel">
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t(`${A}.intro`)} />
      {current ? (
        <Card
          size="small"
          title={t(`${A}.currentTitle`, { version: current.version, month: current.effectiveFrom })}
          style={{ marginBottom: 16 }}
        >
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('requests.admin.fields.weights')}>
              {weightsText(current)}
            </Descriptions.Item>
            <Descriptions.Item label={t('requests.admin.fields.credit')}>
              {credits(current)}
            </Descriptions.Item>
            <Descriptions.Item label={t(`${A}.denominator`)}>
              {t(`${A}.denominatorText`)} {t(`${A}.excludedText`, { sources: excluded(current) })}
            </Descriptions.Item>
            <Descriptions.Item label={t(`${A}.minVolume`)}>
              {t(`${A}.minVolumeText`, { min: current.minVolume })}
            </Descriptions.Item>
            <Descriptions.Item label={t('requests.admin.fields.note')}>
              {current.note || '—'}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      ) : (
        <Empty description={t(`${A}.none`)} />
      )}
      <Typography.Title level={4}>{t(`${A}.history`)}</Typography.Title>
      <Table<ScoringScheme>
        data-testid="schemes-table"
        rowKey="version"
        size="small"
        pagination={false}
        dataSource={[...schemes].reverse()}
        columns={[
          { title: t('requests.admin.catalogue.version'), dataIndex: 'version', width: 70 },
          { title: t(`${A}.from`), dataIndex: 'effectiveFrom', width: 100 },
          {
            title: t('requests.common.status'),
            key: 'state',
            width: 90,
            render: (_, s) => (
              <ToneTag tone={TONE[stateOf(s)]}>{t(`requests.admin.catalogue.state.${stateOf(s)}`)}</ToneTag>
            ),
          },
          { title: t('requests.admin.fields.weights'), key: 'weights', render: (_, s) => weightsText(s) },
          { title: t('requests.admin.fields.credit'), key: 'credit', render: (_, s) => credits(s) },
          {
            title: t('requests.admin.fields.excludedSources'),
            key: 'excluded',
            render: (_, s) => excluded(s),
          },
          { title: t(`${A}.minVolume`), dataIndex: 'minVolume', width: 90 },
          { title: t('requests.admin.fields.note'), dataIndex: 'note' },
        ]}
      />
      <Card size="small" title={t(`${A}.newTitle`)} style={{ marginTop: 24 }}>
        <Form layout="vertical" onFinish={() => void submit()} aria-label={t(`${A}.newTitle`)}>
          <Space wrap align="start">
            <Form.Item
              label={t(`${A}.from`)}
              htmlFor="scheme-month"
              required
              extra={t(`${A}.fromHelp`)}
              {...help(problems.effectiveFrom, shown('effectiveFrom'))}
            >
              <Select
                id="scheme-month"
                style={{ width: 140 }}
                value={form.effectiveFrom || undefined}
                onChange={(m: string) => change('effectiveFrom', { ...form, effectiveFrom: m })}
                options={months.map((m) => ({
                  value: m,
                  label: m,
                  disabled: latest !== undefined && m <= latest.effectiveFrom,
                }))}
              />
            </Form.Item>
            <Form.Item
              label={t('requests.admin.fields.note')}
              htmlFor="scheme-note"
              style={{ minWidth: 320 }}
              {...help(problems.note, true)}
            >
              <Input
                id="scheme-note"
                value={form.note}
                onChange={(e) => change('note', { ...form, note: e.target.value })}
              />
            </Form.Item>
          </Space>
          <Form.Item
            label={t('requests.admin.fields.weights')}
            required
            {...help(
              problems.weights,
              WEIGHT_KEYS.some((k) => shown(`weights.${k}`)),
            )}
          >
            <Space wrap align="start">
              {WEIGHT_KEYS.map((k) => (
                <Form.Item
                  key={k}
                  style={{ marginBottom: 0 }}
                  label={t(`${A}.weight.${k}`)}
                  htmlFor={`scheme-weight-${k}`}
                  {...help(problems[`weights.${k}`], shown(`weights.${k}`))}
                >
                  <Input
                    id={`scheme-weight-${k}`}
                    style={{ width: 120 }}
                    inputMode="decimal"
                    suffix="%"
                    value={form.weights[k]}
                    onChange={(e) =>
                      change(`weights.${k}`, { ...form, weights: { ...form.weights, [k]: e.target.value } })
                    }
                  />
                </Form.Item>
              ))}
              <div style={{ paddingTop: 30 }} data-testid="weights-sum">
                <ToneTag tone={sum !== undefined && Math.abs(sum - 100) < 1e-6 ? 'green' : 'red'}>
                  {t(`${A}.sum`, { sum: sum ?? '—' })}
                </ToneTag>
              </div>
            </Space>
          </Form.Item>
          <Form.Item
            label={t('requests.admin.fields.credit')}
            extra={t(`${A}.creditHelp`)}
            {...help(undefined, false, warnings.credits)}
          >
            <Space wrap align="start">
              {CREDIT_KEYS.map((k) => (
                <Form.Item
                  key={k}
                  style={{ marginBottom: 0 }}
                  label={t(`requests.satisfaction.${k}`)}
                  htmlFor={`scheme-credit-${k}`}
                  {...help(problems[`credits.${k}`], shown(`credits.${k}`))}
                >
                  <Input
                    id={`scheme-credit-${k}`}
                    style={{ width: 100 }}
                    inputMode="decimal"
                    value={form.credits[k]}
                    onChange={(e) =>
                      change(`credits.${k}`, { ...form, credits: { ...form.credits, [k]: e.target.value } })
                    }
                  />
                </Form.Item>
              ))}
            </Space>
          </Form.Item>
          <Form.Item
            label={t(`${A}.minVolume`)}
            htmlFor="scheme-min-volume"
            required
            extra={t(`${A}.minVolumeHelp`)}
            {...help(problems.minVolume, shown('minVolume'))}
          >
            <Input
              id="scheme-min-volume"
              style={{ width: 120 }}
              inputMode="numeric"
              suffix={t(`${A}.orders`)}
              value={form.minVolume}
              onChange={(e) => change('minVolume', { ...form, minVolume: e.target.value })}
            />
          </Form.Item>
          <Form.Item
            label={t('requests.admin.fields.excludedSources')}
            extra={t(`${A}.excludedHelp`)}
            {...help(problems.excludedSources, true)}
          >
            <Checkbox.Group
              value={form.excludedSources}
              onChange={(values) =>
                change('excludedSources', { ...form, excludedSources: values as OrderSource[] })
              }
              options={sources.map((s) => ({ value: s, label: t(`requests.source.${s}`) }))}
            />
          </Form.Item>
          {exampleScore !== undefined ? (
            <Typography.Paragraph type="secondary" data-testid="scheme-example">
              {t(`${A}.example`, {
                response: formatPercent(example.response, lang),
                resolution: formatPercent(example.resolution, lang),
                satisfaction: formatPercent(example.satisfaction, lang),
                score: Math.round(exampleScore * 100) / 100,
              })}
            </Typography.Paragraph>
          ) : null}
          <ServerErrorAlert error={error} labels={{ effectiveFrom: t(`${A}.from`) }} />
          <Button type="primary" htmlType="submit" loading={saving}>
            {t(`${A}.create`)}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
