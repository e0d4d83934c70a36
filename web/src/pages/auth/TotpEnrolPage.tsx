import { useQueryClient } from '@tanstack/react-query';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { acceptSession, forcedStepPath } from '../../app/session';
import { ForcedStepFrame } from './ForcedStepFrame';
import { TotpSetup } from './TotpSetup';

/** The person's role or unit requires a second factor (SEC-01): set one up before going on. */
export default function TotpEnrolPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  return (
    <ForcedStepFrame title={t('auth.totp.forcedTitle')}>
      <Alert type="warning" showIcon title={t('auth.totp.forcedText')} />
      <TotpSetup
        onConfirmed={(me) => {
          acceptSession(qc, me);
          navigate(forcedStepPath(me) ?? '/', { replace: true });
        }}
      />
    </ForcedStepFrame>
  );
}
