import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** Said the same way for a missing page and an out-of-scope record, so nothing hints that a record exists. */
export function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      subTitle={t('notFound.hint')}
      extra={
        <Link to="/" className="link-button">
          {t('notFound.home')}
        </Link>
      }
    />
  );
}
