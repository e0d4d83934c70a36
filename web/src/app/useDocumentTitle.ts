import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** "<page> - 安保" in the tab title, following the UI language. */
export function useDocumentTitle(title: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} - ${t('app.name')}`;
  }, [title, t]);
}
