import type { ReactNode } from 'react';
import { PhoneOutlined } from '@ant-design/icons';
import type { Role } from '../../api/types';

/** The 接诉即办 menu group: each entry's key (under `requests.nav`), address and who sees it. */
export const REQUESTS_NAV = [
  { key: 'intake', path: '/requests/intake', roles: ['admin', 'supervisor'] },
  { key: 'dispatch', path: '/requests/dispatch', roles: ['admin', 'supervisor'] },
  { key: 'unit', path: '/requests/unit', roles: ['reporter'] },
  { key: 'followUp', path: '/requests/follow-up', roles: ['admin', 'supervisor'] },
  { key: 'checks', path: '/requests/checks', roles: ['admin', 'supervisor'] },
  { key: 'work', path: '/requests/my-work', roles: ['reporter'] },
  { key: 'upkeep', path: '/requests/knowledge/upkeep', roles: ['admin', 'supervisor', 'reporter'] },
  { key: 'knowledge', path: '/requests/knowledge', roles: ['admin', 'supervisor', 'reporter'] },
  { key: 'rankings', path: '/requests/rankings', roles: ['admin', 'supervisor', 'leader', 'reporter'] },
  { key: 'hotspots', path: '/requests/hotspots', roles: ['admin', 'supervisor', 'leader'] },
  { key: 'admin', path: '/requests/admin', roles: ['admin', 'supervisor'] },
  { key: 'public', path: '/public/requests', roles: ['admin', 'supervisor', 'leader', 'reporter'] },
] as const satisfies readonly { key: string; path: string; roles: readonly Role[] }[];

export type RequestsNavKey = `requests.${(typeof REQUESTS_NAV)[number]['key']}`;

/** The menu entry an address under /requests belongs to. */
export function requestsNavKey(pathname: string): RequestsNavKey | undefined {
  if (pathname.startsWith('/requests/orders/')) return 'requests.dispatch';
  const entry = REQUESTS_NAV.find((e) => pathname.startsWith(e.path));
  return entry ? `requests.${entry.key}` : undefined;
}

/** The address of a menu key of the group; undefined for the other keys. */
export function requestsNavPath(key: string): string | undefined {
  return REQUESTS_NAV.find((e) => `requests.${e.key}` === key)?.path;
}

/** The i18n key of a menu key's label (the group's live under `requests.nav`). */
export function navLabelKey(key: string): string {
  return key.startsWith('requests.') ? `requests.nav.${key.slice(9)}` : `nav.${key}`;
}

/** The group as an antd Menu item, with the entries the role may use. */
export function requestsMenuItem(t: (key: string) => string, role: Role | undefined) {
  const children = REQUESTS_NAV.filter(
    (e) => role !== undefined && (e.roles as readonly Role[]).includes(role),
  ).map((e) => ({ key: `requests.${e.key}`, label: t(`requests.nav.${e.key}`) }));
  const icon: ReactNode = <PhoneOutlined />;
  return { key: 'requests', icon, label: t('requests.nav.group'), children };
}
