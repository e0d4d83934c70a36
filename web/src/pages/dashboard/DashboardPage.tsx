// /dashboard: the dashboard on its own page (RPT-02), for a link or a bookmark with ?orgId=…; the
// home page shows the same figures above the personal card.
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { DashboardView } from './DashboardView';

export default function DashboardPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('dashboard.nav')} />
      <DashboardView />
    </>
  );
}
