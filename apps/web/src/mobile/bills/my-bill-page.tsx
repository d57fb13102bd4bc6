import { FileTextOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { LazyNotFound as NotFound } from '../../components/lazy-not-found';
import { PageLoading } from '../../components/page-loading';
import { formatYuan, shanghaiToday } from '../../modules/bills/bill-format';
import { BillStatusTag } from '../../modules/bills/bill-status-tag';
import {
  type BillView,
  CONFIRM_MS,
  myReceiptHref,
  startOnlinePayment,
  useMyBill,
} from '../../modules/bills/bills-api';
import { BackLink } from '../registry/phone-parts';
import './bills-phone.css';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="phone-row">
      <span>{label}</span>
      <span>{children}</span>
    </div>
  );
}

/** 去支付: the API opens an order with the payment provider; the browser then goes to its page. */
function PayButton({ bill, onRefused }: { bill: BillView; onRefused: () => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pay = async () => {
    setBusy(true);
    setError(null);
    try {
      const { payUrl } = await startOnlinePayment(bill.id);
      window.location.assign(payUrl);
    } catch (e) {
      setBusy(false);
      setError(e instanceof Error ? e.message : t('errors.unknown'));
      // Paid meanwhile (409): show the bill as it now stands, without the button.
      if (isApiError(e, 409)) onRefused();
    }
  };
  return (
    <div className="bp-actions">
      {error ? (
        <div className="phone-note error" role="alert">
          {error}
        </div>
      ) : null}
      <Button type="primary" block loading={busy} onClick={pay}>
        {busy ? t('bills.phone.paying') : t('bills.phone.pay')}
      </Button>
    </div>
  );
}

/**
 * One bill on the phone. Back from the payment page (`?paid=1`) the provider's callback has usually
 * arrived already; until it has, the screen says it is confirming and asks again every second.
 */
export function MyBillPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const [params] = useSearchParams();
  const returned = params.get('paid') === '1';
  const [gaveUp, setGaveUp] = useState(false);
  useEffect(() => {
    if (!returned) return;
    const timer = setTimeout(() => setGaveUp(true), CONFIRM_MS);
    return () => clearTimeout(timer);
  }, [returned]);
  const { data: bill, error, refetch } = useMyBill(id, returned && !gaveUp);
  if (error && isApiError(error, 404)) return <NotFound />;
  if (error) {
    return (
      <div className="phone-note error" role="alert">
        {error.message}
      </div>
    );
  }
  if (!bill) return <PageLoading />;
  const paid = bill.status === 'paid';
  // A cancelled or failed payment leaves the bill unpaid: after a while the pay button comes back.
  const confirming = returned && !gaveUp && bill.status === 'unpaid';
  return (
    <>
      <BackLink to="/m/bills" />
      <h2 className="phone-title">
        {t(`bills.kind.${bill.kind}`)} · {bill.period}
      </h2>
      {returned && paid ? (
        <div className="bp-done" role="status">
          {t('bills.phone.paidDone')}
        </div>
      ) : null}
      {confirming ? (
        <div className="phone-note" role="status">
          {t('bills.phone.confirming')}
        </div>
      ) : null}
      <div className="phone-card">
        <div className="bp-big">{formatYuan(bill.amountCents)}</div>
        <Row label={t('bills.field.status')}>
          <BillStatusTag bill={bill} today={shanghaiToday()} />
        </Row>
        <Row label={t('bills.field.biller')}>{bill.biller}</Row>
        <Row label={t('bills.field.period')}>{bill.period}</Row>
        <Row label={t('bills.field.dueDate')}>{bill.dueDate}</Row>
        <Row label={t('bills.field.household')}>{bill.householdAddress}</Row>
        <Row label={t('bills.field.externalRef')}>{bill.externalRef}</Row>
        {paid ? (
          <>
            <Row label={t('bills.field.paidAt')}>{formatDateTime(bill.paidAt)}</Row>
            <Row label={t('bills.field.channel')}>
              {bill.paidChannel ? t(`bills.channel.${bill.paidChannel}`) : '—'}
            </Row>
            <Row label={t('bills.field.receiptNumber')}>{bill.receiptNumber ?? '—'}</Row>
          </>
        ) : null}
        {bill.status === 'cancelled' ? (
          <>
            <Row label={t('bills.field.cancelledAt')}>{formatDateTime(bill.cancelledAt)}</Row>
            <Row label={t('bills.field.cancelReason')}>{bill.cancelReason}</Row>
          </>
        ) : null}
      </div>
      {bill.status === 'unpaid' && !confirming ? <PayButton bill={bill} onRefused={() => refetch()} /> : null}
      {paid && bill.receiptNumber ? (
        <div className="bp-actions">
          <Button
            block
            href={myReceiptHref(bill.id)}
            target="_blank"
            rel="noopener"
            icon={<FileTextOutlined aria-hidden />}
          >
            {t('bills.phone.receipt')}
          </Button>
        </div>
      ) : null}
    </>
  );
}
