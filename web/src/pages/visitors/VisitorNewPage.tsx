// An appointment made in advance by the host (VIS-01).
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { VisitorForm } from './VisitorForm';

export default function VisitorNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={t('visitors.appointmentTitle')} back={{ to: '/visitors', label: t('visitors.title') }} />
      <Card>
        <VisitorForm kind="appointment" onDone={(v) => navigate(`/visitors/${v.id}`)} />
      </Card>
    </>
  );
}
