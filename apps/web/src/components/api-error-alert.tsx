import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../app/api';

/** The summary at the top of a form or page: the API's message and, below it, each field's message. */
export function ApiErrorAlert({ error, className }: { error: unknown; className?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const message = error instanceof Error ? error.message : t('errors.unknown');
  const details = isApiError(error) ? error.details : [];
  return (
    <Alert
      className={className}
      type="error"
      showIcon
      role="alert"
      title={message}
      description={
        details.length > 0 ? (
          <ul className="error-list">
            {details.map((d) => (
              <li key={`${d.path}:${d.code}`}>{d.message}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
