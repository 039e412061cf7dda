import { useState, type ReactNode } from 'react';
import { Avatar, Button, Drawer, Dropdown, Grid, Layout, Menu, Select, Space, Typography } from 'antd';
import {
  AlertOutlined,
  FileDoneOutlined,
  NotificationOutlined,
  AppstoreOutlined,
  BankOutlined,
  CheckSquareOutlined,
  CommentOutlined,
  DashboardOutlined,
  FundProjectionScreenOutlined,
  DatabaseOutlined,
  FileTextOutlined,
  GlobalOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuOutlined,
  PartitionOutlined,
  SettingOutlined,
  StarOutlined,
  TranslationOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Plan, User } from '../api/types';
import type { Lang } from '../lib/format';
import { ToneTag } from './tags';
import { requestsMenuItem, type RequestsNavKey } from './requests/nav';
import { mainNavFor, type MainNavKey } from './nav';
import './app-layout.css';

export type NavKey = MainNavKey | RequestsNavKey;

export interface AppLayoutProps {
  active: NavKey | undefined;
  plans: Plan[];
  planId: number | undefined;
  user: User | null | undefined;
  lang: Lang;
  onNavigate: (key: NavKey) => void;
  onPlanChange: (planId: number) => void;
  onLangChange: (lang: Lang) => void;
  onSignOut: () => void;
  onSignIn: () => void;
  /** Opens the user's API tokens (令牌). */
  onTokens?: () => void;
  children: ReactNode;
}

const ICONS: Record<MainNavKey, ReactNode> = {
  dashboard: <DashboardOutlined />,
  cockpit: <FundProjectionScreenOutlined />,
  report: <FileTextOutlined />,
  plan: <PartitionOutlined />,
  projects: <AppstoreOutlined />,
  library: <DatabaseOutlined />,
  services: <BankOutlined />,
  todo: <CheckSquareOutlined />,
  supervision: <AlertOutlined />,
  work: <FileDoneOutlined />,
  bulletins: <NotificationOutlined />,
  public: <GlobalOutlined />,
  comments: <CommentOutlined />,
  follows: <StarOutlined />,
  admin: <SettingOutlined />,
};

/**
 * The console frame (Ant Design Pro style): side menu, header with the plan switcher, language
 * switch and user menu. It fetches nothing: the shell page passes what it shows.
 */
export function AppLayout(props: AppLayoutProps) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  // Until the first measure, screens is empty: a phone must not flash the wide frame.
  const narrow = screens.md === false;
  const role = props.user?.role;
  const menu = (
    <nav aria-label={t('app.name')}>
      <Menu
        theme="dark"
        mode="inline"
        selectedKeys={props.active ? [props.active] : []}
        defaultOpenKeys={props.active?.startsWith('requests.') ? ['requests'] : []}
        onClick={({ key }) => {
          setDrawerOpen(false);
          props.onNavigate(key as NavKey);
        }}
        items={[
          ...mainNavFor(role).map((key) => ({ key, icon: ICONS[key], label: t(`nav.${key}`) })),
          ...(role ? [requestsMenuItem(t, role)] : []),
        ]}
      />
    </nav>
  );
  const logo = (full: boolean) => (
    <div className="lx-logo" aria-label={t('app.fullName')}>
      <span className="lx-logo-mark">落</span>
      {full ? <span className="lx-logo-text">{t('app.name')}</span> : null}
    </div>
  );

  return (
    <Layout className="lx-shell">
      <a className="lx-skip" href="#main">
        {t('app.skip')}
      </a>
      {narrow ? (
        // On a phone (钉钉, 浙政钉) the menu slides over the page: nothing beside it to push sideways.
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={240}
          closable={false}
          className="lx-nav-drawer"
          styles={{ body: { padding: 0, background: '#001529' } }}
          title={null}
        >
          {logo(true)}
          {menu}
        </Drawer>
      ) : (
        <Layout.Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          width={208}
          theme="dark"
          className="lx-sider"
        >
          {logo(!collapsed)}
          {menu}
        </Layout.Sider>
      )}
      <Layout className="lx-main">
        <Layout.Header className="lx-header">
          <Space size={narrow ? 'small' : 'middle'} className="lx-header-left">
            {narrow ? (
              <Button
                type="text"
                icon={<MenuOutlined />}
                aria-label={t('header.menu')}
                aria-expanded={drawerOpen}
                onClick={() => setDrawerOpen(true)}
              />
            ) : null}
            <Typography.Text type="secondary" className="lx-header-label">
              {t('header.plan')}
            </Typography.Text>
            <Select
              aria-label={t('header.plan')}
              className="lx-plan-switch"
              value={props.planId}
              placeholder={t('header.noPlan')}
              onChange={props.onPlanChange}
              popupMatchSelectWidth={false}
              options={props.plans.map((plan) => ({
                value: plan.id,
                label: (
                  <span>
                    {plan.title}{' '}
                    {plan.state === 'draft' ? <ToneTag tone="orange">{t('planState.draft')}</ToneTag> : null}
                  </span>
                ),
              }))}
            />
          </Space>
          <Space size={narrow ? 0 : 'middle'} className="lx-header-right">
            <Dropdown
              menu={{
                selectedKeys: [props.lang],
                items: [
                  { key: 'zh-CN', label: '简体中文' },
                  { key: 'en', label: 'English' },
                ],
                onClick: ({ key }) => props.onLangChange(key as Lang),
              }}
            >
              <Button type="text" icon={<TranslationOutlined />} aria-label={t('header.language')}>
                {narrow ? null : props.lang === 'en' ? 'EN' : '中文'}
              </Button>
            </Dropdown>
            {props.user ? (
              <Dropdown
                menu={{
                  items: [
                    { key: 'name', label: props.user.displayName, disabled: true },
                    { key: 'role', label: t(`header.role.${props.user.role}`), disabled: true },
                    { type: 'divider' },
                    { key: 'tokens', icon: <KeyOutlined />, label: t('header.tokens') },
                    { key: 'sign-out', icon: <LogoutOutlined />, label: t('header.signOut') },
                  ],
                  onClick: ({ key }) => {
                    if (key === 'sign-out') props.onSignOut();
                    if (key === 'tokens') props.onTokens?.();
                  },
                }}
              >
                <Button type="text" className="lx-user" aria-label={props.user.displayName}>
                  <Avatar size="small" icon={<UserOutlined />} />
                  {narrow ? null : <span>{props.user.displayName}</span>}
                </Button>
              </Dropdown>
            ) : (
              <Button onClick={props.onSignIn}>{t('header.signIn')}</Button>
            )}
          </Space>
        </Layout.Header>
        <Layout.Content id="main" className="lx-content" tabIndex={-1}>
          {props.children}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
