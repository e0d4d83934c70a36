// One workflow step's dialog: its fields, the server's refusal under the fields it names, and for a
// stale record (409 VERSION_CONFLICT / INVALID_STATE: someone else acted first) a reload button.
import { Button, Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyFieldErrors } from '../../components/form-errors';

interface Props<V> {
  open: boolean;
  title: string;
  okText?: string;
  danger?: boolean;
  form: FormInstance<V>;
  /** Form name: prefixes the ids of the fields (unique per dialog). */
  name: string;
  initialValues?: Partial<V>;
  onCancel: () => void;
  /** Sends the step; resolves when done (the caller closes), rejects with the API error. */
  onSubmit: (values: V) => Promise<unknown>;
  /** Reloads the record (after a conflict). */
  onReload: () => void;
  description?: ReactNode;
  children: ReactNode;
}

export const isStale = (e: unknown) => isApiError(e, 'VERSION_CONFLICT') || isApiError(e, 'INVALID_STATE');

export function StepDialog<V extends object>({ open, title, okText, danger, form, name, initialValues, onCancel, onSubmit, onReload, description, children }: Props<V>) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const close = () => {
    setError(null);
    onCancel();
  };
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await onSubmit(values);
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
      okButtonProps={{ danger, loading: busy, disabled: isStale(error) }}
      onOk={() => void submit()}
      onCancel={close}
      destroyOnHidden
      width={640}
    >
      {description}
      <ErrorAlert
        error={error}
        form={form}
        action={
          isStale(error) ? (
            <Button
              size="small"
              onClick={() => {
                setError(null);
                onReload();
              }}
            >
              {t('hazards.reload')}
            </Button>
          ) : undefined
        }
      />
      {isStale(error) && <p>{t('hazards.staleHint')}</p>}
      <Form form={form} name={name} layout="vertical" requiredMark initialValues={initialValues} preserve={false}>
        {children}
      </Form>
    </Modal>
  );
}
