import { RightOutlined } from '@ant-design/icons';
import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate } from '../../app/format';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { PageLoading } from '../../components/page-loading';
import { formatYuan, isOverdue, shanghaiToday } from '../../modules/bills/bill-format';
import { type BillView, useMyBills } from '../../modules/bills/bills-api';
import { BackLink } from '../registry/phone-parts';
import './bills-phone.css';

/** One bill as a card: what it is for and from whom, the period, the amount and when it is due. */
function BillCard({ bill, today }: { bill: BillView; today: string }) {
  const { t } = useTranslation();
  const paid = bill.status === 'paid';
  const cancelled = bill.status === 'cancelled';
  const late = isOverdue(bill, today);
  return (
    <li>
      <Link to={`/m/bills/${bill.id}`} className={`bp-bill${paid || cancelled ? ' bp-paid' : ''}`}>
        <span>
          <strong>{t(`bills.kind.${bill.kind}`)}</strong> · {bill.period}
          <small>{bill.biller}</small>
          <small className={late ? 'bp-late' : undefined}>
            {paid
              ? t('bills.phone.paidOn', { date: formatDate(bill.paidAt) })
              : cancelled
                ? t('bills.phone.cancelledOn', { date: formatDate(bill.cancelledAt) })
                : late
                  ? `${t('bills.status.overdue')} · ${t('bills.phone.due', { date: bill.dueDate })}`
                  : t('bills.phone.due', { date: bill.dueDate })}
          </small>
        </span>
        <span className="bp-amount">
          {formatYuan(bill.amountCents)} <RightOutlined aria-hidden />
        </span>
      </Link>
    </li>
  );
}

/** 我的账单: what the household still has to pay, with the total due, and below it what was paid. */
export function MyBillsPage() {
  const { t } = useTranslation();
  const { data, error } = useMyBills();
  if (error) return <ApiErrorAlert error={error} />;
  if (!data) return <PageLoading />;
  const today = shanghaiToday();
  const unpaid = data.items.filter((b) => b.status === 'unpaid');
  const paid = data.items.filter((b) => b.status === 'paid');
  // Shown last, so a bill that disappears from what is due is still explained.
  const cancelled = data.items.filter((b) => b.status === 'cancelled');
  const due = unpaid.reduce((sum, b) => sum + b.amountCents, 0);
  return (
    <>
      <BackLink to="/m" />
      <h2 className="phone-title">{t('bills.phone.title')}</h2>
      {data.items.length === 0 ? (
        <div className="phone-card">
          <Empty description={t('bills.phone.none')} />
        </div>
      ) : (
        <>
          <section className="phone-card" aria-label={t('bills.phone.totalDue')}>
            <div className="bp-due">
              <span>
                {t('bills.phone.totalDue')}
                <br />
                <small className="muted">{t('bills.phone.unpaidCount', { count: unpaid.length })}</small>
              </span>
              <strong>{formatYuan(due)}</strong>
            </div>
          </section>
          <h3 className="bp-section">{t('bills.phone.unpaidTitle')}</h3>
          {unpaid.length === 0 ? <p className="muted">{t('bills.phone.noneUnpaid')}</p> : null}
          <ul className="bp-list" aria-label={t('bills.phone.unpaidTitle')}>
            {unpaid.map((b) => (
              <BillCard key={b.id} bill={b} today={today} />
            ))}
          </ul>
          {paid.length > 0 ? (
            <>
              <h3 className="bp-section">{t('bills.phone.paidTitle')}</h3>
              <ul className="bp-list" aria-label={t('bills.phone.paidTitle')}>
                {paid.map((b) => (
                  <BillCard key={b.id} bill={b} today={today} />
                ))}
              </ul>
            </>
          ) : null}
          {cancelled.length > 0 ? (
            <>
              <h3 className="bp-section">{t('bills.phone.cancelledTitle')}</h3>
              <ul className="bp-list" aria-label={t('bills.phone.cancelledTitle')}>
                {cancelled.map((b) => (
                  <BillCard key={b.id} bill={b} today={today} />
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
    </>
  );
}
