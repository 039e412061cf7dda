import { Alert, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DeskFigures, SchemeOptions } from '../../api/desk';
import { useDeskFigures } from '../../hooks/use-desk';
import { useLang } from '../../hooks/use-lang';
import { useUnitMap } from '../../hooks/use-requests';
import { formatNumber, formatPercent } from '../../lib/format';
import { useErrorMessage } from '../../hooks/use-error-message';

const FIGURES = [
  'directAnswer',
  'knowledgeUpkeep',
  'answerQuality',
] as const satisfies readonly (keyof SchemeOptions)[];

/**
 * 服务台指标 beside 三率 (issue 20): each unit's 直接答复率, 知识库维护率 and 答复质检合格率 for
 * the month, each column saying whether the scoring scheme in force scores it and by what share.
 */
export function DeskFiguresTable({ month }: { month: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const units = useUnitMap();
  const figures = useDeskFigures(month);
  const errorMessage = useErrorMessage();
  if (figures.isError) return <Alert type="error" showIcon title={errorMessage(figures.error)} />;
  const options = figures.data?.options;
  const rate = (figure: DeskFigures['directAnswer']) =>
    figure.value === null
      ? '—'
      : `${formatPercent(figure.value, lang)} (${formatNumber(figure.numerator, lang)}/${figure.denominator})`;
  const rows = (figures.data?.items ?? []).filter((f) => FIGURES.some((key) => f[key].denominator > 0));
  return (
    <section aria-labelledby="desk-figures-title" style={{ marginTop: 24 }}>
      <Typography.Title level={3} id="desk-figures-title" style={{ fontSize: 16 }}>
        {t('requests.kb.figures.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('requests.kb.figures.intro')}</Typography.Paragraph>
      <Table<DeskFigures>
        data-testid="desk-figures"
        rowKey="unitId"
        size="middle"
        loading={figures.isPending}
        dataSource={rows}
        pagination={{ pageSize: 30, hideOnSinglePage: true }}
        locale={{ emptyText: t('requests.kb.figures.none') }}
        columns={[
          {
            title: t('requests.common.unit'),
            key: 'unit',
            render: (_: unknown, f) => units.get(f.unitId)?.name ?? '—',
          },
          ...FIGURES.map((key) => ({
            key,
            title: (
              <span>
                {t(`requests.kb.figures.${key}`)}
                <br />
                <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
                  {options && options[key] > 0
                    ? t('requests.kb.figures.scored', { share: formatPercent(options[key], lang) })
                    : t('requests.kb.figures.notScored')}
                </Typography.Text>
              </span>
            ),
            render: (_: unknown, f: DeskFigures) => rate(f[key]),
          })),
        ]}
      />
    </section>
  );
}
