import { useMemo, useState } from 'react';
import { Button, Card, Empty, Input, Layout, List, Select, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorView } from '../../components/error-view';
import { OrderStatusTag } from '../../components/requests/order-bits';
import { useAreaNames, useCatalogueRows, usePublicOrders, useUnitMap } from '../../hooks/use-requests';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useLang } from '../../hooks/use-lang';
import { useSetLang } from '../../hooks/use-set-lang';
import { useSession } from '../../hooks/use-session';
import { formatDate } from '../../lib/format';
import '../public-page.css';

/**
 * 群众诉求公开: closed requests and their outcomes for everyone, without sign-in. The list
 * comes from the server's anonymised answer (asked without the session cookie, so a signed-in
 * visitor sees exactly what the public sees): no contact, no names, the text redacted.
 */
export default function PublicRequestsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { setLang } = useSetLang();
  const { session } = useSession();
  const [category, setCategory] = useState<string | undefined>();
  const [area, setArea] = useState<string | undefined>();
  const [query, setQuery] = useState('');
  const orders = usePublicOrders({ category, area });
  const areaNames = useAreaNames();
  const units = useUnitMap();
  const catalogueRows = useCatalogueRows();
  useDocumentTitle(t('requests.public.title'));
  const rows = useMemo(() => {
    const q = query.trim();
    const list = orders.data?.items ?? [];
    return q ? list.filter((o) => o.text.includes(q) || (o.publicNote ?? '').includes(q)) : list;
  }, [orders.data, query]);

  return (
    <Layout className="lx-public">
      <header className="lx-public-header">
        <Link to="/public" className="lx-public-brand">
          <span className="lx-logo-mark" aria-hidden="true">
            落
          </span>
          {t('app.name')}
        </Link>
        <Space>
          <Button
            type="text"
            onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
            lang={lang === 'en' ? 'zh-CN' : 'en'}
          >
            {lang === 'en' ? '中文' : 'English'}
          </Button>
          <Link to={session ? '/' : '/sign-in'}>
            {session ? t('requests.public.backToConsole') : t('header.signIn')}
          </Link>
        </Space>
      </header>
      <main className="lx-public-main" id="main">
        <Typography.Title level={1} className="lx-public-title">
          {t('requests.public.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('requests.public.intro')}</Typography.Paragraph>
        <Space wrap style={{ marginBottom: 12 }}>
          <label htmlFor="public-category">{t('requests.common.category')}</label>
          <Select
            id="public-category"
            style={{ minWidth: 140 }}
            value={category ?? ''}
            onChange={(v: string) => setCategory(v || undefined)}
            options={[
              { value: '', label: t('common.all') },
              ...catalogueRows.map((r) => ({ value: r.category, label: r.category })),
            ]}
          />
          <label htmlFor="public-area">{t('requests.common.area')}</label>
          <Select
            id="public-area"
            style={{ minWidth: 140 }}
            value={area ?? ''}
            onChange={(v: string) => setArea(v || undefined)}
            options={[
              { value: '', label: t('common.all') },
              ...areaNames.map((name) => ({ value: name, label: name })),
            ]}
          />
          <Input.Search
            aria-label={t('common.search')}
            placeholder={t('common.search')}
            allowClear
            onSearch={setQuery}
            onChange={(e) => setQuery(e.target.value)}
            style={{ width: 220 }}
          />
        </Space>
        {orders.isError ? <ErrorView error={orders.error} onRetry={() => void orders.refetch()} /> : null}
        {orders.isPending ? <Spin /> : null}
        {!orders.isPending && rows.length === 0 && !orders.isError ? (
          <Empty description={t('requests.common.empty')} />
        ) : null}
        <List
          data-testid="public-requests"
          dataSource={rows}
          pagination={rows.length > 20 ? { pageSize: 20 } : false}
          renderItem={(o) => (
            <List.Item>
              <Card size="small" style={{ width: '100%' }}>
                <Space wrap>
                  <Typography.Text strong>#{o.id}</Typography.Text>
                  <OrderStatusTag status={o.status} />
                  <Typography.Text>{o.category}</Typography.Text>
                  <Typography.Text type="secondary">{o.area}</Typography.Text>
                </Space>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '8px 0' }}>
                  {o.text}
                </Typography.Paragraph>
                {o.publicNote ? (
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                    <Typography.Text strong>{t('requests.public.note')}：</Typography.Text>
                    {o.publicNote}
                  </Typography.Paragraph>
                ) : null}
                <Typography.Text type="secondary">
                  {t('requests.public.requested')} {formatDate(o.receivedAt, lang)}
                  {o.closedAt ? ` · ${t('requests.public.closed')} ${formatDate(o.closedAt, lang)}` : ''}
                  {o.leadUnitId !== null
                    ? ` · ${t('requests.public.agency')} ${units.get(o.leadUnitId)?.name ?? ''}`
                    : ''}
                </Typography.Text>
              </Card>
            </List.Item>
          )}
        />
      </main>
    </Layout>
  );
}
