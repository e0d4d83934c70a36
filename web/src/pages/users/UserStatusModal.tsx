// Employment status (ORG-02): leaving or transfer ends the person's sessions and API tokens at once
// and revokes their grants, which the dialog says before it is confirmed.
import { Alert, Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import type { User, UserStatus } from '../../app/api-types';
import { userStatusLabel, userStatuses } from '../../components/enum-labels';
import { ReasonModal } from '../../components/ReasonModal';
import { useFormMutation } from '../../components/useFormMutation';

export function UserStatusModal({ user, open, onClose }: { user: User; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const change = useFormMutation((v: { status: UserStatus; reason: string }) => api.post<User>(`/users/${user.id}/status`, { ...v, version: user.version }), {
    invalidate: [['users'], ['history'], ['home']],
    onSuccess: onClose,
  });
  return (
    <ReasonModal
      open={open}
      title={t('users.statusTitle', { name: user.name })}
      description={<Alert type="warning" showIcon className="block-gap" title={t('users.statusWarning')} />}
      okText={t('users.changeStatus')}
      danger
      onCancel={onClose}
      onSubmit={(reason, values) => change.mutateAsync({ status: values.status as UserStatus, reason })}
    >
      <Form.Item name="status" label={t('users.newStatus')} rules={[{ required: true, message: t('validation.required') }]}>
        <Select options={userStatuses.filter((s) => s !== user.status).map((s) => ({ value: s, label: userStatusLabel(s) }))} />
      </Form.Item>
    </ReasonModal>
  );
}
