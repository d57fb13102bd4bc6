import { Alert, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../app/use-action';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { formatYuan } from './bill-format';
import { type BillView, useCancelBill } from './bills-api';

type Values = { reason: string };

/**
 * 作废: a bill issued in error is cancelled with a reason, which the audit log keeps. It cannot be
 * undone, so the modal says so; a bill paid meanwhile comes back as the API's 409.
 */
export function CancelBillModal({
  bill,
  open,
  onClose,
  onCancelled,
}: {
  bill: BillView;
  open: boolean;
  onClose: () => void;
  onCancelled: (bill: BillView) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const cancel = useCancelBill();
  const { busy, error, run } = useAction();
  const submit = (v: Values) => run(() => cancel(bill.id, { reason: v.reason.trim() }), onCancelled);

  return (
    <Modal
      open={open}
      title={t('bills.cancel.title', {
        kind: t(`bills.kind.${bill.kind}`),
        amount: formatYuan(bill.amountCents),
      })}
      okText={t('bills.cancel.confirm')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('bills.cancel.irreversible')} style={{ marginBottom: 16 }} />
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="reason"
          label={t('bills.cancel.reason')}
          extra={t('bills.cancel.reasonHint')}
          rules={[
            {
              required: true,
              validator: (_, value: string | undefined) =>
                (value ?? '').trim().length >= 2
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('bills.cancel.reasonRequired'))),
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount />
        </Form.Item>
      </Form>
      <ApiErrorAlert error={error} />
    </Modal>
  );
}
