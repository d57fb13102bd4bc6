import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { dynamicLabel } from '../components/labels';

const SLUG_TO_KEY: Record<string, string> = {
  report: 'report',
  apply: 'apply',
  'my-cases': 'myCases',
  notices: 'notices',
  polls: 'polls',
  household: 'household',
  tasks: 'tasks',
  'report-event': 'reportEvent',
};

/** Modules that are not built yet say so plainly instead of pretending. */
export function ComingSoonPage() {
  const { t } = useTranslation();
  const feature = useParams().feature ?? '';
  const key = SLUG_TO_KEY[feature];
  return (
    <Result
      status="info"
      title={key ? dynamicLabel(t, 'phone.tiles', key) : t('phone.soonTitle')}
      subTitle={
        <>
          <strong>{t('phone.soonTitle')}</strong>
          <br />
          {t('phone.soonHint')}
        </>
      }
      extra={
        <Link to="/" className="link-button">
          {t('phone.backHome')}
        </Link>
      }
    />
  );
}
