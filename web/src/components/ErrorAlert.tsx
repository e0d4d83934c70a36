// The server's refusal in the user's language (message from the API), with any details that are not
// already shown under a form field.
import { Alert, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api';
import { unmatchedDetails } from './form-errors';

interface Props {
  error: unknown;
  /** The form whose fields already show their own details. */
  form?: FormInstance;
  /** Extra actions beside the message (e.g. a reload button). */
  action?: React.ReactNode;
  className?: string;
}

export function ErrorAlert({ error, form, action, className }: Props) {
  const { t } = useTranslation();
  if (!error) return null;
  const api = error instanceof ApiError ? error : null;
  const rest = api ? unmatchedDetails(form, api) : [];
  return (
    <Alert
      className={className ?? 'block-gap'}
      type="error"
      showIcon
      title={api ? api.message : t('error.unexpected')}
      description={
        rest.length ? (
          <ul className="plain-list">
            {rest.map((d) => (
              <li key={d.path}>
                {d.path}: {d.message}
              </li>
            ))}
          </ul>
        ) : undefined
      }
      action={action}
    />
  );
}
