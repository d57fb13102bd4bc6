import { Alert, Form, Input, Modal, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../app/use-action';
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
  const { busy, error, run } = useAction();
  const submit = (v: Values) => {
    const reference = v.reference?.trim();
    return run(() => pay(bill.id, { method: v.method, ...(reference ? { reference } : {}) }), onPaid);
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
