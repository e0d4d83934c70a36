// A secret the server shows once (initial or reset password, API token): shown with a copy button
// and a warning; it is not kept anywhere after the dialog closes.
import { Alert, Button, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CopyButton } from './CopyButton';

interface Props {
  title: string;
  /** null = closed */
  secret: string | null;
  /** What the secret is for and what to do with it. */
  warning: string;
  label: string;
  onClose: () => void;
}

export function OneTimeSecretModal({ title, secret, warning, label, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      open={secret !== null}
      title={title}
      onCancel={onClose}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          {t('common.secretNoted')}
        </Button>
      }
    >
      <Space orientation="vertical" size="middle" className="full-width">
        <Alert type="warning" showIcon title={warning} />
        <div>
          <Typography.Text strong>{label}</Typography.Text>
          <div className="secret-row">
            <Typography.Text code className="secret-value" data-testid="one-time-secret">
              {secret}
            </Typography.Text>
            {secret && <CopyButton text={secret} />}
          </div>
        </div>
      </Space>
    </Modal>
  );
}
