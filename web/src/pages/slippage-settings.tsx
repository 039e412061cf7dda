import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { promisesApi } from '../api/promises';
import { ErrorView } from '../components/error-view';
import { useErrorMessage } from '../hooks/use-error-message';
import { trackingKeys } from '../hooks/use-tracking';
import { validateSlippage, type SlippageValues } from '../lib/slippage';

const FIELDS = ['days', 'percent', 'minExplanation'] as const;
const PROBLEM_KEYS: Record<(typeof FIELDS)[number], string> = {
  days: 'baseline.settings.daysInvalid',
  percent: 'baseline.settings.percentInvalid',
  minExplanation: 'baseline.settings.minInvalid',
};

/**
 * 偏差说明阈值 (issue 19.1): the days and percent past which a moved deadline or an eased target
 * needs a written explanation, edited by the plan office; each problem said at its field, the
 * server's refusal too.
 */
export function SlippageSettings({ planId }: { planId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const client = useQueryClient();
  const key = ['plan', planId, 'slippage'];
  const current = useQuery({ queryKey: key, queryFn: () => promisesApi.slippage(planId) });
  const [values, setValues] = useState<SlippageValues | undefined>();
  const [touched, setTouched] = useState<Partial<Record<keyof SlippageValues, boolean>>>({});
  const [refused, setRefused] = useState<Partial<Record<keyof SlippageValues, string>>>({});
  useEffect(() => {
    const d = current.data;
    if (d)
      setValues({
        days: String(d.days),
        percent: String(d.percent),
        minExplanation: String(d.minExplanation),
      });
  }, [current.data]);
  const save = useMutation({
    mutationFn: (v: SlippageValues) =>
      promisesApi.saveSlippage(planId, {
        days: Number(v.days),
        percent: Number(v.percent),
        minExplanation: Number(v.minExplanation),
      }),
    onSuccess: (next) => {
      client.setQueryData(key, next);
      void client.invalidateQueries({ queryKey: trackingKeys.all(planId) });
      void message.success(t('baseline.settings.saved'));
    },
    onError: (error) => {
      // A field the server refused: said at that field, in the office's words.
      const fields = isApiError(error, 'BAD_INPUT')
        ? FIELDS.filter((f) => error.details.some((d) => d.path.split('.').at(-1) === f))
        : [];
      if (fields.length === 0) return void message.error(errorMessage(error));
      setRefused(Object.fromEntries(fields.map((f) => [f, t(PROBLEM_KEYS[f])])));
    },
  });

  if (current.isError) return <ErrorView error={current.error} onRetry={() => void current.refetch()} />;
  if (!values) return <Card size="small" loading title={t('baseline.settings.title')} />;
  const problems = validateSlippage(values);
  const help = (field: keyof SlippageValues) => {
    const text = touched[field] && problems[field] ? t(problems[field].key) : refused[field];
    return text ? { validateStatus: 'error' as const, help: text } : {};
  };
  const change = (field: keyof SlippageValues, value: string) => {
    setValues((v) => (v ? { ...v, [field]: value } : v));
    setTouched((x) => ({ ...x, [field]: true }));
    setRefused((x) => ({ ...x, [field]: undefined }));
  };
  const submit = () => {
    setTouched({ days: true, percent: true, minExplanation: true });
    if (Object.keys(problems).length === 0) save.mutate(values);
  };
  return (
    <Card size="small" title={t('baseline.settings.title')} data-testid="slippage-settings">
      <Typography.Paragraph type="secondary">{t('baseline.settings.intro')}</Typography.Paragraph>
      <Form layout="vertical" onFinish={submit}>
        {FIELDS.map((field) => (
          <Form.Item
            key={field}
            label={t(`baseline.settings.${field}`)}
            htmlFor={`slip-${field}`}
            {...help(field)}
          >
            <Input
              id={`slip-${field}`}
              inputMode={field === 'percent' ? 'decimal' : 'numeric'}
              value={values[field]}
              onChange={(e) => change(field, e.target.value)}
              style={{ maxWidth: 200 }}
            />
          </Form.Item>
        ))}
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('baseline.settings.save')}
        </Button>
      </Form>
    </Card>
  );
}
