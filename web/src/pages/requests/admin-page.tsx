import { useState, type ReactNode } from 'react';
import { Card, Skeleton, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ORDER_SOURCES } from '../../api/requests';
import { ErrorView } from '../../components/error-view';
import { beijingMonth } from '../../components/requests/month';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useUnits } from '../../hooks/use-plan-data';
import { useAreaNames } from '../../hooks/use-requests';
import {
  useAddExemption,
  useCalendarStatus,
  useCatalogueVersions,
  useCreateScheme,
  useExemptions,
  useLoadCalendarYear,
  usePublishCatalogue,
  useRemoveCalendarYear,
  useRemoveExemption,
  useSchemes,
} from '../../hooks/use-requests-admin';
import { useSession } from '../../hooks/use-session';
import { CalendarPanel } from './admin-calendar';
import { CataloguePanel } from './admin-catalogue';
import { ExemptionsPanel } from './admin-exemptions';
import { SchemesPanel } from './admin-schemes';

const A = 'requests.admin';

/** A query's data, its error with a retry, or a skeleton while it loads. */
function Loaded<T>({
  query,
  children,
}: {
  query: { data: T | undefined; isError: boolean; error: unknown; refetch: () => unknown };
  children: (data: T) => ReactNode;
}) {
  if (query.isError) return <ErrorView error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data === undefined) return <Skeleton active />;
  return <>{children(query.data)}</>;
}

/**
 * 考核与目录 (issue 7): the plan office's and hotline centre's settings of 接诉即办 — the dispatch
 * catalogue, the scoring schemes, ranking exemptions and the working-day calendar. The centre
 * (admin, supervisor) only; the server refuses everyone else as well.
 */
export default function RequestsAdminPage() {
  const { t } = useTranslation();
  useDocumentTitle(t(`${A}.title`));
  const role = useSession().session?.user.role;
  const centre = role === 'admin' || role === 'supervisor';
  const [tab, setTab] = useState('catalogue');
  // One clock for the page's "now": what is in force, what is scheduled, which month is this one.
  const [now] = useState(() => Date.now());
  const currentMonth = beijingMonth(now);
  const units = useUnits(centre);
  const catalogue = useCatalogueVersions(centre && tab === 'catalogue');
  const schemes = useSchemes(centre && tab === 'schemes');
  const exemptions = useExemptions(centre && tab === 'exemptions');
  const calendar = useCalendarStatus(centre && tab === 'calendar');
  const publish = usePublishCatalogue();
  const createScheme = useCreateScheme();
  const addExemption = useAddExemption();
  const removeExemption = useRemoveExemption();
  const loadYear = useLoadCalendarYear();
  const removeYear = useRemoveCalendarYear();
  const areaNames = useAreaNames(centre);

  if (!centre) return <ErrorView error={new ApiError(403, 'FORBIDDEN', 'forbidden')} />;
  const unitList = units.data ?? [];

  return (
    <Card data-testid="requests-admin-page">
      <Typography.Title level={2} className="lx-page-title">
        {t(`${A}.title`)}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t(`${A}.intro`)}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'catalogue',
            label: t(`${A}.tabs.catalogue`),
            children: (
              <Loaded query={catalogue}>
                {(data) => (
                  <CataloguePanel
                    versions={data.versions}
                    units={unitList}
                    areas={areaNames}
                    now={now}
                    onPublish={(draft) => publish.mutateAsync(draft)}
                  />
                )}
              </Loaded>
            ),
          },
          {
            key: 'schemes',
            label: t(`${A}.tabs.schemes`),
            children: (
              <Loaded query={schemes}>
                {(data) => (
                  <SchemesPanel
                    schemes={data.schemes}
                    currentMonth={currentMonth}
                    sources={ORDER_SOURCES}
                    onCreate={(draft) => createScheme.mutateAsync(draft)}
                  />
                )}
              </Loaded>
            ),
          },
          {
            key: 'exemptions',
            label: t(`${A}.tabs.exemptions`),
            children: (
              <Loaded query={exemptions}>
                {(data) => (
                  <ExemptionsPanel
                    list={data}
                    units={unitList}
                    currentMonth={currentMonth}
                    onAdd={(body) => addExemption.mutateAsync(body)}
                    onRemove={(e, reason) =>
                      removeExemption.mutateAsync({ unitId: e.unitId, month: e.month, reason })
                    }
                  />
                )}
              </Loaded>
            ),
          },
          {
            key: 'calendar',
            label: t(`${A}.tabs.calendar`),
            children: (
              <Loaded query={calendar}>
                {(data) => (
                  <CalendarPanel
                    status={data}
                    onLoad={(year, table) => loadYear.mutateAsync({ year, table })}
                    onRemove={(year) => removeYear.mutateAsync(year)}
                  />
                )}
              </Loaded>
            ),
          },
        ]}
      />
    </Card>
  );
}
