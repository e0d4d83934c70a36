import { useQueryClient } from '@tanstack/react-query';
import { Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIdleTimeout } from '../idle';
import { ME_KEY, useSession, useSignOut } from '../session';

/** Warns a minute before the idle timeout of the person's unit, then signs out. */
export function IdleGuard() {
  const { t } = useTranslation();
  const me = useSession();
  const qc = useQueryClient();
  const signOut = useSignOut();
  const idle = useIdleTimeout(
    me.policy.idleTimeoutMinutes,
    () => void signOut('idle'),
    () => void qc.invalidateQueries({ queryKey: ME_KEY }),
  );
  return (
    <Modal
      open={idle.warning}
      title={t('idle.title')}
      okText={t('idle.stay')}
      cancelText={t('idle.signOut')}
      onOk={idle.stay}
      onCancel={() => void signOut()}
      mask={{ closable: false }}
    >
      <p role="timer" aria-live="polite">
        {t('idle.text', { seconds: idle.secondsLeft })}
      </p>
    </Modal>
  );
}
