import { Card, List } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLang } from '../hooks/use-lang';
import { formatDate, periodLabel } from '../lib/format';
import { UnitState, useInvestmentCalls } from './investment-calls-page';

/**
 * 我的待办's 项目投资月报: the calls the unit (a unit's user: its own units; the office: the unit
 * chosen) still owes, with the deadline, each opening the unit's sheet. Nothing when none is owed.
 */
export function InvestmentTodoCard({ unitIds }: { unitIds: readonly number[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const calls = useInvestmentCalls(unitIds.length > 0);
  const owed = (calls.data?.items ?? []).flatMap((call) =>
    call.units.filter((u) => unitIds.includes(u.unitId) && !u.returned).map((unit) => ({ call, unit })),
  );
  if (owed.length === 0) return null;
  return (
    <Card title={t('investCall.todoTitle')} data-testid="investment-todo">
      <List
        dataSource={owed}
        renderItem={({ call, unit }) => (
          <List.Item
            actions={[
              <Link key="fill" to={`/library/investment-calls/${call.id}/units/${unit.unitId}`}>
                {t('investCall.fill')}
              </Link>,
            ]}
          >
            <span>
              {t('investCall.todoLine', {
                library: call.libraryName,
                month: periodLabel(call.month, lang),
                count: unit.projects,
                date: formatDate(call.dueOn, lang),
              })}{' '}
              <UnitState unit={unit} />
            </span>
          </List.Item>
        )}
      />
    </Card>
  );
}
