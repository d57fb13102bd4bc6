import { PrinterOutlined, StopOutlined, WalletOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { isApiError } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { PageHeader } from '../../components/page-header';
import { PageLoading } from '../../components/page-loading';
import { formatYuan, shanghaiToday } from './bill-format';
import { BillStatusTag } from './bill-status-tag';
import { type BillView, receiptHref, useBill } from './bills-api';
import { CancelBillModal } from './cancel-bill-modal';
import { WindowPaymentModal } from './window-payment-modal';
import './bills.css';

/**
 * The actions a bill allows now: take the money or cancel it (作废) while unpaid, print the receipt
 * once paid.
 */
function Actions({ bill, onPay, onCancel }: { bill: BillView; onPay: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  if (bill.status === 'unpaid') {
    return (
      <Space>
        <Button danger icon={<StopOutlined aria-hidden />} onClick={onCancel}>
          {t('bills.detail.cancel')}
        </Button>
        <Button type="primary" icon={<WalletOutlined aria-hidden />} onClick={onPay}>
          {t('bills.detail.windowPay')}
        </Button>
      </Space>
    );
  }
  if (bill.status === 'paid' && bill.receiptNumber) {
    return (
      <Button
        href={receiptHref(bill.id)}
        target="_blank"
        rel="noopener"
        icon={<PrinterOutlined aria-hidden />}
      >
        {t('bills.detail.print')}
      </Button>
    );
  }
  return null;
}

/** One bill: what it is for, whose it is, and how it was paid. */
export function BillDetailPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const { data: bill, error, refetch } = useBill(id);
  const [paying, setPaying] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [justPaid, setJustPaid] = useState<string | null>(null);
  const [justCancelled, setJustCancelled] = useState(false);
  const crumbs = [{ title: t('bills.menu.group') }, { title: t('bills.menu.list'), to: '/desk/bills' }];

  if (error) {
    return (
      <>
        <PageHeader crumbs={crumbs} title={t('bills.title')} />
        {isApiError(error, 404) ? (
          <Alert type="warning" showIcon title={t('bills.detail.notFound')} />
        ) : (
          <ApiErrorAlert error={error} />
        )}
      </>
    );
  }
  if (!bill) return <PageLoading />;
  const kind = t(`bills.kind.${bill.kind}`);
  return (
    <>
      <PageHeader
        crumbs={[...crumbs, { title: `${kind} ${bill.period}` }]}
        title={`${kind} · ${bill.period} · ${formatYuan(bill.amountCents)}`}
        tags={<BillStatusTag bill={bill} today={shanghaiToday()} />}
        extra={<Actions bill={bill} onPay={() => setPaying(true)} onCancel={() => setCancelling(true)} />}
      />
      {justPaid ? (
        <Alert
          type="success"
          showIcon
          role="status"
          className="filter-bar"
          title={t('bills.detail.paidNotice', { receipt: justPaid })}
        />
      ) : null}
      {justCancelled ? (
        <Alert
          type="info"
          showIcon
          role="status"
          className="filter-bar"
          title={t('bills.detail.cancelledNotice')}
        />
      ) : null}
      <Card className="bills-card">
        <Descriptions column={2} bordered size="small">
          <Descriptions.Item label={t('bills.field.household')} span={2}>
            {bill.householdAddress}
          </Descriptions.Item>
          <Descriptions.Item label={t('bills.field.community')} span={2}>
            {bill.orgPathName}
          </Descriptions.Item>
          <Descriptions.Item label={t('bills.field.kind')}>{kind}</Descriptions.Item>
          <Descriptions.Item label={t('bills.field.biller')}>{bill.biller}</Descriptions.Item>
          <Descriptions.Item label={t('bills.field.period')}>{bill.period}</Descriptions.Item>
          <Descriptions.Item label={t('bills.field.amount')}>
            <span className="bills-money">{formatYuan(bill.amountCents)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('bills.field.dueDate')}>{bill.dueDate}</Descriptions.Item>
          <Descriptions.Item label={t('bills.field.externalRef')}>
            <span className="mono">{bill.externalRef}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('bills.field.paidAt')}>{formatDateTime(bill.paidAt)}</Descriptions.Item>
          <Descriptions.Item label={t('bills.field.channel')}>
            {bill.paidChannel ? t(`bills.channel.${bill.paidChannel}`) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('bills.field.receiptNumber')}>
            <span className="mono">{bill.receiptNumber ?? '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('bills.field.createdAt')}>
            {formatDateTime(bill.createdAt)}
          </Descriptions.Item>
          {bill.status === 'cancelled' ? (
            <>
              <Descriptions.Item label={t('bills.field.cancelledAt')} span={2}>
                {formatDateTime(bill.cancelledAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('bills.field.cancelReason')} span={2}>
                {bill.cancelReason}
              </Descriptions.Item>
            </>
          ) : null}
        </Descriptions>
      </Card>
      <WindowPaymentModal
        bill={bill}
        open={paying}
        onClose={() => {
          setPaying(false);
          // A 409 means someone settled it meanwhile: show the bill as it now stands.
          void refetch();
        }}
        onPaid={(paid) => {
          setPaying(false);
          setJustPaid(paid.receiptNumber);
        }}
      />
      <CancelBillModal
        bill={bill}
        open={cancelling}
        onClose={() => {
          setCancelling(false);
          void refetch();
        }}
        onCancelled={() => {
          setCancelling(false);
          setJustCancelled(true);
        }}
      />
    </>
  );
}
