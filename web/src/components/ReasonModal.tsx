// Every withdrawal, revocation and sensitive action asks for a reason (recorded in the audit trail).
import { Form, Input, Modal } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';
import { applyFieldErrors } from './form-errors';

interface Props {
  open: boolean;
  title: string;
  /** Explanation or warning above the reason field. */
  description?: ReactNode;
  okText?: string;
  danger?: boolean;
  onCancel: () => void;
  /**
   * Resolves when done (the caller closes the dialog); rejects with the API error, shown in the
   * dialog. `values` holds any extra fields given as children (e.g. the new status).
   */
  onSubmit: (reason: string, values: Record<string, unknown>) => Promise<unknown>;
  /** Extra form fields shown before the reason. */
  children?: ReactNode;
}

export function ReasonModal({ open, title, description, okText, danger, onCancel, onSubmit, children }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string } & Record<string, unknown>>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const close = () => {
    setError(null);
    form.resetFields();
    onCancel();
  };

  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await onSubmit(values.reason.trim(), values);
      form.resetFields();
    } catch (e) {
      applyFieldErrors(form, e);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={okText ?? t('common.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger, loading: busy }}
      onOk={submit}
      onCancel={close}
      destroyOnHidden
    >
      {description}
      <ErrorAlert error={error} form={form} />
      <Form form={form} layout="vertical" name="reasonForm" requiredMark>
        {children}
        <Form.Item
          name="reason"
          label={t('common.reason')}
          rules={[
            { required: true, whitespace: true, message: t('common.reasonRequired') },
            { max: 500, message: t('validation.maxLength', { max: 500 }) },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('common.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
