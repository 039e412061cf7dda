import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';

/** The user-facing message for any error: translated by code, never raw JSON. */
export function useErrorMessage() {
  const { t } = useTranslation();
  return (error: unknown): string => {
    if (isApiError(error)) {
      const first = error.details[0];
      const base = t(`errors.${error.code}`);
      return first && error.code === 'BAD_INPUT' ? `${base} (${first.path}: ${first.message})` : base;
    }
    return t('errors.INTERNAL');
  };
}
