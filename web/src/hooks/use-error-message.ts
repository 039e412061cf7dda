import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';

/** The user-facing message for any error: translated by code, never raw JSON. */
export function useErrorMessage() {
  const { t } = useTranslation();
  return (error: unknown): string => {
    if (isApiError(error)) {
      // A reply the answer rules refused (issue 20): each reason in the reader's language.
      const rules = error.details.filter((d) => d.path.startsWith('rules.'));
      if (error.code === 'UNPROCESSABLE' && rules.length > 0)
        return t('requests.desk.rules.refused', {
          reasons: rules
            .map((d) =>
              t(`requests.desk.rules.${d.path.slice('rules.'.length)}`, { defaultValue: d.message }),
            )
            .join(t('requests.desk.rules.separator')),
        });
      // The first problem in the server's words (what is wrong and where), never its field path.
      const first = error.details[0];
      return first && error.code === 'BAD_INPUT'
        ? t('errors.badInputSaid', { said: first.message })
        : t(`errors.${error.code}`);
    }
    return t('errors.INTERNAL');
  };
}
