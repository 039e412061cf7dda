import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the tab's title to "page · 落实" (WCAG 2.4.2: pages have titles), in the user's language. */
export function useDocumentTitle(page: string | undefined): void {
  const { t } = useTranslation();
  const app = t('app.name');
  useEffect(() => {
    document.title = page ? `${page} · ${app}` : app;
  }, [page, app]);
}
