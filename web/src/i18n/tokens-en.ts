import type { tokensZhCN } from './tokens-zh-CN';

/** The API tokens page, English. */
export const tokensEn: typeof tokensZhCN = {
  title: 'API tokens',
  intro:
    'Tokens let scripts and connected systems call the API (header Authorization: Bearer <token>), within the scopes chosen and this account’s role; they expire, and a new password or a disabled account revokes them all.',
  create: 'New token',
  name: 'Purpose',
  namePlaceholder: 'e.g. nightly data sync',
  nameRequired: 'Say what the token is for',
  scopes: 'Scopes',
  scopesRequired: 'Choose at least one scope',
  days: 'Valid for (days)',
  daysHelp: '{{default}} days by default, {{max}} at most',
  submit: 'Make token',
  created: 'Token made',
  secretOnce: 'The token is shown this once: copy it now and keep it safe; it cannot be shown again.',
  close: 'I have saved it',
  list: 'My tokens',
  none: 'No tokens yet',
  createdAt: 'Made',
  expiresAt: 'Expires',
  expired: 'Expired',
  noExpiry: 'No expiry set',
  revoke: 'Revoke',
  revokeConfirm: 'Scripts using this token will no longer reach the API. Revoke it?',
  revoked: 'Token revoked',
  scope: { read: 'Read', report: 'Report', requests: '12345 requests', manage: 'Manage' },
  scopeHelp: {
    read: 'Read plans, progress, orders…',
    report: 'A unit’s own progress, evidence, data-call forms, answers, extension and closing requests',
    requests: 'Take in, dispatch and handle 12345 requests (Open311 included)',
    manage: 'Every other write: importing plans, assignment, units and accounts…',
  },
};
