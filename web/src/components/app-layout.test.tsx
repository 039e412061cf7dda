import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { AppLayout } from './app-layout';
import type { User } from '../api/types';

function user(role: User['role']): User {
  return {
    id: 1,
    username: role,
    displayName: `${role} 用户`,
    role,
    unitIds: [],
    disabled: false,
    jurisdictionId: 1,
    seesDescendants: false,
  };
}

function renderLayout(role: User['role']) {
  const onNavigate = vi.fn();
  render(
    <AppLayout
      active={undefined}
      plans={[]}
      planId={undefined}
      user={user(role)}
      lang="zh-CN"
      onNavigate={onNavigate}
      onPlanChange={() => undefined}
      onLangChange={() => undefined}
      onSignOut={() => undefined}
      onSignIn={() => undefined}
    >
      <p>正文</p>
    </AppLayout>,
  );
  return onNavigate;
}

/** The menu's entries, in order: on a phone (jsdom matches no breakpoint) they sit in the drawer. */
function menuEntries(): string[] {
  fireEvent.click(screen.getByRole('button', { name: '菜单' }));
  const nav = screen.getByRole('navigation', { name: '落实' });
  return within(nav)
    .getAllByRole('menuitem')
    .map((item) => item.textContent?.trim() ?? '');
}

describe('AppLayout', () => {
  it('offers a leader no 我的待办: a leader owes no report', () => {
    renderLayout('leader');
    const entries = menuEntries();
    expect(entries).toContain('总览');
    expect(entries).toContain('督办');
    expect(entries).not.toContain('我的待办');
    expect(entries).not.toContain('管理');
  });

  it("puts 我的待办 first for a unit's reporter, and no 督办 desk or 管理", () => {
    renderLayout('reporter');
    const entries = menuEntries();
    expect(entries[0]).toBe('我的待办');
    expect(entries).not.toContain('督办');
    expect(entries).not.toContain('管理');
  });

  it('opens the menu over the page on a phone and closes it on a choice', () => {
    const onNavigate = renderLayout('supervisor');
    menuEntries();
    fireEvent.click(screen.getByRole('menuitem', { name: /督办/ }));
    expect(onNavigate).toHaveBeenCalledWith('supervision');
    expect(screen.getByRole('button', { name: '菜单' }).getAttribute('aria-expanded')).toBe('false');
  });
});
