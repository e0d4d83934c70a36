// The account actions the server allows on this person: edit, status, password reset (one-time
// password shown once), second-factor reset, unlock.
import { EditOutlined, KeyOutlined, SafetyOutlined, SwapOutlined, UnlockOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import type { TemporaryPassword, User } from '../../app/api-types';
import { allows } from '../../app/permissions';
import { OneTimeSecretModal } from '../../components/OneTimeSecretModal';
import { ReasonModal } from '../../components/ReasonModal';
import { useFormMutation } from '../../components/useFormMutation';
import { UserFormModal } from './UserFormModal';
import { UserStatusModal } from './UserStatusModal';

type Dialog = 'edit' | 'status' | 'resetPassword' | 'resetTotp' | 'unlock' | null;

export function UserActions({ user }: { user: User }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [temporary, setTemporary] = useState<string | null>(null);
  const close = () => setDialog(null);
  const refresh = [['users'], ['history']];
  const resetPassword = useFormMutation((reason: string) => api.post<TemporaryPassword>(`/users/${user.id}/reset-password`, { reason }), {
    invalidate: refresh,
    onSuccess: (r) => {
      close();
      setTemporary(r.temporaryPassword);
    },
  });
  const resetTotp = useFormMutation((reason: string) => api.post<User>(`/users/${user.id}/reset-totp`, { reason }), {
    invalidate: refresh,
    onSuccess: () => {
      close();
      void message.success(t('users.totpResetDone'));
    },
  });
  const unlock = useFormMutation((reason: string) => api.post<User>(`/users/${user.id}/unlock`, { reason }), {
    invalidate: refresh,
    onSuccess: () => {
      close();
      void message.success(t('users.unlockDone'));
    },
  });
  return (
    <>
      {allows(user, 'update') && (
        <Button icon={<EditOutlined aria-hidden />} onClick={() => setDialog('edit')}>
          {t('common.edit')}
        </Button>
      )}
      {allows(user, 'changeStatus') && (
        <Button icon={<SwapOutlined aria-hidden />} onClick={() => setDialog('status')}>
          {t('users.changeStatus')}
        </Button>
      )}
      {allows(user, 'resetPassword') && (
        <Button icon={<KeyOutlined aria-hidden />} onClick={() => setDialog('resetPassword')}>
          {t('users.resetPassword')}
        </Button>
      )}
      {allows(user, 'resetTotp') && (
        <Button icon={<SafetyOutlined aria-hidden />} onClick={() => setDialog('resetTotp')}>
          {t('users.resetTotp')}
        </Button>
      )}
      {allows(user, 'unlock') && (
        <Button icon={<UnlockOutlined aria-hidden />} onClick={() => setDialog('unlock')}>
          {t('users.unlock')}
        </Button>
      )}
      <UserFormModal open={dialog === 'edit'} user={user} onClose={close} onSaved={close} />
      {dialog === 'status' && <UserStatusModal open user={user} onClose={close} />}
      <ReasonModal open={dialog === 'resetPassword'} title={t('users.resetPasswordTitle', { name: user.name })} description={<p>{t('users.resetPasswordHint')}</p>} okText={t('users.resetPassword')} onCancel={close} onSubmit={(r) => resetPassword.mutateAsync(r)} />
      <ReasonModal open={dialog === 'resetTotp'} title={t('users.resetTotpTitle', { name: user.name })} description={<p>{t('users.resetTotpHint')}</p>} okText={t('users.resetTotp')} onCancel={close} onSubmit={(r) => resetTotp.mutateAsync(r)} />
      <ReasonModal open={dialog === 'unlock'} title={t('users.unlockTitle', { name: user.name })} okText={t('users.unlock')} onCancel={close} onSubmit={(r) => unlock.mutateAsync(r)} />
      <OneTimeSecretModal title={t('users.temporaryPasswordTitle', { name: user.name })} secret={temporary} label={t('users.temporaryPassword')} warning={t('users.temporaryPasswordWarning')} onClose={() => setTemporary(null)} />
    </>
  );
}
