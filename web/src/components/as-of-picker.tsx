import { Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { asOfChoices, setAsOf, useAsOf } from '../hooks/use-as-of';
import { useWorkingPlan } from '../hooks/use-working-plan';
import { formatDate } from '../lib/format';
import type { Lang } from '../lib/format';

/** 数据截至: the month end (or today) the plan's health pages read it as of. */
export function AsOfPicker({ plan, lang }: { plan: { id: number; year: number }; lang: Lang }) {
  const { t } = useTranslation();
  const date = useAsOf(plan);
  const choices = asOfChoices(plan.year);
  if (date && !choices.includes(date)) choices.push(date);
  return (
    <Space size={4} data-testid="as-of">
      <Typography.Text type="secondary">
        <label htmlFor="as-of-date">{t('dashboard.asOfLabel')}</label>
      </Typography.Text>
      <Select
        id="as-of-date"
        size="small"
        style={{ minWidth: 150 }}
        value={date}
        onChange={(value: string) => setAsOf(plan.id, value)}
        options={choices.map((value) => ({ value, label: formatDate(value, lang) }))}
      />
    </Space>
  );
}

/** The picker of the header's plan, for pages outside `/plans/:planId` (接诉即办, 项目库). */
export function WorkingAsOfPicker({ lang }: { lang: Lang }) {
  const plan = useWorkingPlan();
  return plan ? <AsOfPicker plan={plan} lang={lang} /> : null;
}
