// Vitest setup for component tests under jsdom (STACK.md: antd needs matchMedia and ResizeObserver).
import { afterEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';
import { setupI18n } from './i18n';

if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }),
  });
}

if (!('ResizeObserver' in window)) {
  class ResizeObserver {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  Object.defineProperty(window, 'ResizeObserver', { writable: true, value: ResizeObserver });
  Object.defineProperty(globalThis, 'ResizeObserver', { writable: true, value: ResizeObserver });
}

// jsdom has no layout: antd's scrollbar measurement calls getComputedStyle on pseudo-elements.
const getComputedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (element: Element, pseudo?: string | null) =>
  getComputedStyle(element, pseudo ? undefined : pseudo);

setupI18n('zh-CN');

// The whole suite runs web and node projects side by side on two cores: a findBy* query that
// takes 50 ms alone can take seconds then. Wait up to 5 s by default rather than Testing
// Library's 1 s (a test that names its own timeout keeps it).
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
});
