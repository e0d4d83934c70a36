import { useQueryClient } from '@tanstack/react-query';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { acceptSession, forcedStepPath } from '../../app/session';
import { ForcedStepFrame } from './ForcedStepFrame';
import { PasswordChangeForm } from './PasswordChangeForm';

/** First sign-in, a reset by the security administrator, or an expired password: change it first. */
export default function ForcedPasswordPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  return (
    <ForcedStepFrame title={t('auth.password.forcedTitle')}>
      <Alert type="warning" showIcon title={t('auth.password.forcedText')} />
      <PasswordChangeForm
        onChanged={(me) => {
          acceptSession(qc, me);
          navigate(forcedStepPath(me) ?? '/', { replace: true });
        }}
      />
    </ForcedStepFrame>
  );
}
