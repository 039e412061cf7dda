import { describe, expect, it } from 'vitest';
import { setupI18n } from './index';

describe('English on demand', () => {
  it('is not loaded with the app, and comes in when chosen', async () => {
    const i18n = setupI18n('zh-CN');
    expect(i18n.hasResourceBundle('en', 'translation')).toBe(false);
    expect(i18n.t('nav.cockpit')).toBe('驾驶舱');
    await i18n.loadLanguages('en');
    expect(i18n.hasResourceBundle('en', 'translation')).toBe(true);
    await i18n.changeLanguage('en');
    expect(i18n.t('nav.cockpit')).toBe('Cockpit');
    await i18n.changeLanguage('zh-CN');
    expect(i18n.t('nav.cockpit')).toBe('驾驶舱');
  });
});
