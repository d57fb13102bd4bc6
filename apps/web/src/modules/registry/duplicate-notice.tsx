import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { duplicateOf } from './id-checks';

/**
 * The error summary of a registration form. An ID number that is already registered gets its own
 * notice: a link to the existing record when it lies in the user's scope, otherwise the API's message
 * (registered elsewhere).
 */
export function RegistrationError({
  error,
  recordPath,
}: {
  error: unknown;
  /** Where the existing record opens, e.g. `/desk/registry/residents/12`. */
  recordPath: (id: number) => string;
}) {
  const { t } = useTranslation();
  const dup = duplicateOf(error);
  if (!dup.duplicate) return <ApiErrorAlert error={error} className="form-summary" />;
  return (
    <Alert
      className="form-summary"
      type="warning"
      showIcon
      role="alert"
      title={t('registry.form.duplicateTitle')}
      description={
        dup.ref ? (
          <Link to={recordPath(dup.ref.id)}>{t('registry.form.duplicateLink')}</Link>
        ) : (
          <>
            {error instanceof Error ? error.message : null}
            <br />
            {t('registry.form.duplicateElsewhere')}
          </>
        )
      }
    />
  );
}
