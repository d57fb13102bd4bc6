import { AccountBookOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCan } from '../../app/auth';
import { useMyBills } from '../../modules/bills/bills-api';
import './bills-phone.css';

/** 我的账单 as a resident home tile, with how many bills wait to be paid. */
export function BillsTile() {
  const { t } = useTranslation();
  const can = useCan();
  const mine = useMyBills(can('self.service'));
  const unpaid = mine.data?.items.filter((b) => b.status === 'unpaid').length ?? 0;
  return (
    <Link to="/m/bills" className="tile">
      <span aria-hidden="true">
        <AccountBookOutlined aria-hidden />
      </span>
      <span>
        {t('bills.phone.tile')}
        {unpaid > 0 ? (
          <>
            {' '}
            <span className="bp-count" title={t('bills.phone.unpaidCount', { count: unpaid })}>
              {unpaid > 99 ? '99+' : unpaid}
            </span>
          </>
        ) : null}
      </span>
    </Link>
  );
}
