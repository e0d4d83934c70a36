// Move a unit with its whole subtree under another parent (ORG-01). The unit itself and its own
// units cannot be chosen; the server also checks which kinds may sit under which.
import { Alert, Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import type { Org } from '../../app/api-types';
import { P } from '../../app/permissions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useFormMutation } from '../../components/useFormMutation';

export function OrgMoveModal({ org, open, onClose }: { org: Org; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ parentId: string }>();
  const move = useFormMutation((v: { parentId: string }) => api.post<Org>(`/orgs/${org.id}/move`, { parentId: v.parentId, version: org.version }), {
    form,
    invalidate: [['orgs'], ['history'], ['sites'], ['users']],
    onSuccess: onClose,
  });
  return (
    <Modal
      open={open}
      title={t('orgs.moveTitle', { name: org.name })}
      okText={t('orgs.move')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={move.isPending}
      destroyOnHidden
    >
      <Alert type="info" showIcon className="block-gap" title={t('orgs.moveHint')} />
      <ErrorAlert error={move.error} form={form} />
      <Form form={form} name="orgMove" layout="vertical" onFinish={(v) => move.mutate(v)}>
        <Form.Item name="parentId" label={t('orgs.newParent')} rules={[{ required: true, message: t('validation.required') }]}>
          <OrgTreeSelect permission={P.orgs.manage} excludeSubtree={org.id} allowClear={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
