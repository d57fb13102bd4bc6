import { Alert, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { formatYuan } from './bill-format';
import { type BillView, useWindowPayment, WINDOW_METHOD_CODES, type WindowMethod } from './bills-api';

type Values = { method: WindowMethod; reference?: string };

/**
 * 窗口收款: how the money was taken and an optional slip number. Recording it cannot be undone, so
 * the modal says so once; a bill someone else has just settled comes back as the API's 409.
 */
export function WindowPaymentModal({
  bill,
  open,
  onClose,
  onPaid,
}: {
  bill: BillView;
  open: boolean;
  onClose: () => void;
  onPaid: (bill: BillView) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const pay = useWindowPayment();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const reference = v.reference?.trim();
      onPaid(await pay(bill.id, { method: v.method, ...(reference ? { reference } : {}) }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('bills.window.title', {
        kind: t(`bills.kind.${bill.kind}`),
        amount: formatYuan(bill.amountCents),
      })}
      okText={t('bills.window.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('bills.window.irreversible')} style={{ marginBottom: 16 }} />
      <Form<Values> form={form} layout="vertical" initialValues={{ method: 'cash' }} onFinish={submit}>
        <Form.Item name="method" label={t('bills.window.method')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={WINDOW_METHOD_CODES.map((m) => ({ value: m, label: t(`bills.method.${m}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="reference"
          label={t('bills.window.reference')}
          extra={t('bills.window.referenceHint')}
        >
          <Input maxLength={100} />
        </Form.Item>
      </Form>
      <ApiErrorAlert error={error} />
    </Modal>
  );
}
