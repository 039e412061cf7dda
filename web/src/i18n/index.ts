import i18next, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { zhCN } from './zh-CN';
import type { Lang } from '../lib/format';

export const LANGS: Lang[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'luoshi.lang';

/** The saved choice, else zh-CN (the default whatever the browser says: the users are Chinese offices). */
export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    // storage may be unavailable (private mode); fall through
  }
  return 'zh-CN';
}

export function saveLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not saved: the choice lasts for this page only
  }
  document.documentElement.lang = lang;
}

/**
 * English comes in a chunk of its own, loaded when the language is first chosen (or saved): most
 * users never read it, and its ~100 KB were in every first load. `changeLanguage('en')`
 * resolves once it is in.
 */
const englishOnDemand: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(language, _namespace, callback) {
    if (language !== 'en') return callback(null, {});
    import('./en').then(
      ({ en }) => callback(null, en),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

/** Initialises i18next once; returns the instance. `lng` overrides the saved choice (tests). */
export function setupI18n(lng: Lang = initialLang()) {
  if (!i18next.isInitialized) {
    void i18next
      .use(englishOnDemand)
      .use(initReactI18next)
      .init({
        resources: { 'zh-CN': { translation: zhCN } },
        partialBundledLanguages: true,
        lng,
        fallbackLng: 'zh-CN',
        interpolation: { escapeValue: false }, // React escapes
        returnNull: false,
        initAsync: false,
      });
  } else if (i18next.language !== lng) {
    void i18next.changeLanguage(lng);
  }
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
  return i18next;
}
