import { RollbackOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Modal, Segmented, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../app/format';
import { useAction } from '../../app/use-action';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { PageHeader } from '../../components/page-header';
import { formatYuan } from './bill-format';
import { type RefundState, type RefundView, useRecordRefund, useRefunds } from './bills-api';
import './bills.css';

type Values = { reference: string };

/** 登记退款: the refund's own number (the provider's refund number or the window's voucher). */
function RefundModal({ refund, onClose }: { refund: RefundView | null; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const record = useRecordRefund();
  const { busy, error, run } = useAction();
  const submit = (v: Values) =>
    refund
      ? run(
          () => record(refund.paymentId, { reference: v.reference.trim() }),
          () => onClose(true),
        )
      : undefined;

  return (
    <Modal
      open={refund !== null}
      title={
        refund
          ? t('bills.refunds.modalTitle', {
              kind: t(`bills.kind.${refund.bill.kind}`),
              amount: formatYuan(refund.amountCents),
            })
          : ''
      }
      okText={t('bills.refunds.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('bills.refunds.modalHint')} style={{ marginBottom: 16 }} />
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="reference"
          label={t('bills.refunds.reference')}
          rules={[{ required: true, whitespace: true, message: t('bills.refunds.referenceRequired') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
      </Form>
      <ApiErrorAlert error={error} />
    </Modal>
  );
}

/**
 * 退款登记: payments that arrived for a bill already paid or cancelled are money the household is owed.
 * The list shows what is still to give back; recording the refund moves it to the refunded list.
 */
export function RefundsPage() {
  const { t } = useTranslation();
  const [state, setState] = useState<RefundState>('due');
  const refunds = useRefunds(state);
  const [open, setOpen] = useState<RefundView | null>(null);
  const [justDone, setJustDone] = useState<string | null>(null);
  const due = state === 'due';
  return (
    <>
      <PageHeader
        crumbs={[{ title: t('bills.menu.group') }, { title: t('bills.menu.refunds') }]}
        title={t('bills.menu.refunds')}
      />
      <p className="muted">{t('bills.refunds.intro')}</p>
      <Card size="small" className="filter-bar">
        <Segmented<RefundState>
          value={state}
          onChange={(v) => {
            setState(v);
            setJustDone(null);
          }}
          options={[
            { value: 'due', label: t('bills.refunds.due') },
            { value: 'done', label: t('bills.refunds.done') },
          ]}
        />
      </Card>
      {justDone ? (
        <Alert type="success" showIcon role="status" className="filter-bar" title={justDone} />
      ) : null}
      <ApiErrorAlert error={refunds.error} className="filter-bar" />
      <Table<RefundView>
        rowKey="paymentId"
        size="small"
        loading={refunds.isLoading}
        dataSource={refunds.data?.items ?? []}
        pagination={false}
        scroll={{ x: 1080 }}
        locale={{ emptyText: due ? t('bills.refunds.noneDue') : t('bills.refunds.noneDone') }}
        columns={[
          {
            title: t('bills.field.household'),
            width: 210,
            render: (_, r) => <Link to={`/desk/bills/${r.bill.id}`}>{r.bill.householdAddress}</Link>,
          },
          {
            title: t('bills.refunds.bill'),
            width: 150,
            render: (_, r) => (
              <>
                {t(`bills.kind.${r.bill.kind}`)} · {r.bill.period}
                <br />
                <span className="muted">{t(`bills.status.${r.bill.status}`)}</span>
              </>
            ),
          },
          {
            title: t('bills.field.amount'),
            width: 100,
            align: 'right',
            render: (_, r) => <span className="bills-money">{formatYuan(r.amountCents)}</span>,
          },
          {
            title: t('bills.refunds.order'),
            width: 270,
            render: (_, r) => (
              <>
                {t(`bills.channel.${r.channel}`)}
                <br />
                <span className="mono">{r.orderId}</span>
                {r.providerTradeNo ? (
                  <>
                    <br />
                    <span className="mono">{r.providerTradeNo}</span>
                  </>
                ) : null}
              </>
            ),
          },
          {
            title: t('bills.refunds.paidAt'),
            width: 140,
            render: (_, r) => formatDateTime(r.paidAt),
          },
          due
            ? {
                title: t('common.actions'),
                width: 130,
                fixed: 'right' as const,
                render: (_, r) => (
                  <Button size="small" icon={<RollbackOutlined aria-hidden />} onClick={() => setOpen(r)}>
                    {t('bills.refunds.record')}
                  </Button>
                ),
              }
            : {
                title: t('bills.refunds.refunded'),
                width: 200,
                render: (_, r) => (
                  <>
                    {formatDateTime(r.refundedAt)}
                    <br />
                    <span className="mono">{r.refundReference}</span>
                  </>
                ),
              },
        ]}
      />
      <RefundModal
        refund={open}
        onClose={(done) => {
          if (done && open)
            setJustDone(t('bills.refunds.recorded', { amount: formatYuan(open.amountCents) }));
          setOpen(null);
        }}
      />
    </>
  );
}
