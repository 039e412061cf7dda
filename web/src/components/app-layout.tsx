import { useState, type ReactNode } from 'react';
import { Avatar, Button, Dropdown, Grid, Layout, Menu, Select, Space, Typography } from 'antd';
import {
  AlertOutlined,
  AppstoreOutlined,
  BankOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  FileTextOutlined,
  GlobalOutlined,
  LogoutOutlined,
  PartitionOutlined,
  SettingOutlined,
  TranslationOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Plan, User } from '../api/types';
import type { Lang } from '../lib/format';
import { ToneTag } from './tags';
import { requestsMenuItem, type RequestsNavKey } from './requests/nav';
import './app-layout.css';

export type NavKey =
  | 'dashboard'
  | 'report'
  | 'plan'
  | 'projects'
  | 'library'
  | 'services'
  | 'todo'
  | 'supervision'
  | 'public'
  | 'admin'
  | RequestsNavKey;

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
  children: ReactNode;
}

const ICONS: Record<Exclude<NavKey, RequestsNavKey>, ReactNode> = {
  dashboard: <DashboardOutlined />,
  report: <FileTextOutlined />,
  plan: <PartitionOutlined />,
  projects: <AppstoreOutlined />,
  library: <DatabaseOutlined />,
  services: <BankOutlined />,
  todo: <CheckSquareOutlined />,
  supervision: <AlertOutlined />,
  public: <GlobalOutlined />,
  admin: <SettingOutlined />,
};

const ORDER: Exclude<NavKey, RequestsNavKey>[] = [
  'dashboard',
  'report',
  'plan',
  'projects',
  'library',
  'services',
  'todo',
  'supervision',
  'public',
  'admin',
];

/**
 * The console frame (Ant Design Pro style): side menu, header with the plan switcher, language
 * switch and user menu. It fetches nothing: the shell page passes what it shows.
 */
export function AppLayout(props: AppLayoutProps) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const [collapsed, setCollapsed] = useState(false);
  const narrow = !screens.md;
  const role = props.user?.role;

  return (
    <Layout className="lx-shell">
      <a className="lx-skip" href="#main">
        {t('app.skip')}
      </a>
      <Layout.Sider
        collapsible
        collapsed={narrow || collapsed}
        onCollapse={setCollapsed}
        breakpoint="md"
        width={208}
        theme="dark"
        className="lx-sider"
      >
        <div className="lx-logo" aria-label={t('app.fullName')}>
          <span className="lx-logo-mark">落</span>
          {!(narrow || collapsed) ? <span className="lx-logo-text">{t('app.name')}</span> : null}
        </div>
        <nav aria-label={t('app.name')}>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={props.active ? [props.active] : []}
            defaultOpenKeys={props.active?.startsWith('requests.') ? ['requests'] : []}
            onClick={({ key }) => props.onNavigate(key as NavKey)}
            items={[
              ...ORDER.filter((key) => key !== 'admin' || role === 'admin').map((key) => ({
                key,
                icon: ICONS[key],
                label: t(`nav.${key}`),
              })),
              requestsMenuItem(t, role),
            ]}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="lx-header">
          <Space size="middle" wrap className="lx-header-left">
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
          <Space size="middle">
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
                {props.lang === 'en' ? 'EN' : '中文'}
              </Button>
            </Dropdown>
            {props.user ? (
              <Dropdown
                menu={{
                  items: [
                    { key: 'role', label: t(`header.role.${props.user.role}`), disabled: true },
                    { type: 'divider' },
                    { key: 'sign-out', icon: <LogoutOutlined />, label: t('header.signOut') },
                  ],
                  onClick: ({ key }) => key === 'sign-out' && props.onSignOut(),
                }}
              >
                <Button type="text" className="lx-user">
                  <Avatar size="small" icon={<UserOutlined />} />
                  <span>{props.user.displayName}</span>
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
