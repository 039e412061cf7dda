import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { zhCN } from './zh-CN';
import { en } from './en';
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

/** Initialises i18next once; returns the instance. `lng` overrides the saved choice (tests). */
export function setupI18n(lng: Lang = initialLang()) {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
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
