import { useTranslation } from 'react-i18next';
import type { Lang } from '../lib/format';

/** The user's language, as the formatting helpers want it. */
export function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}
