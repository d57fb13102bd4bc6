import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { applyApiError } from '../../components/form-errors';
import { revealField } from './registry-api';
import { regLabel } from './registry-labels';

type Field = 'idNumber' | 'phone';

/**
 * A masked personal number with a "查看" action (UX.md): asks for a reason, which the API writes to
 * the audit log, then shows the full value until the page is left.
 */
export function MaskedValue({
  residentId,
  field,
  masked,
}: {
  residentId: number;
  field: Field;
  masked: string | null;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason?: string }>();
  const fieldName = regLabel(t, 'field', field);
  const reveal = useMutation({
    mutationFn: (reason: string) => revealField(residentId, field, reason),
    onSuccess: (res) => setValue(res.value),
    onError: (e) => applyApiError(form, e),
  });
  if (!masked) return <>—</>;
  const close = () => {
    setOpen(false);
    reveal.reset();
    form.resetFields();
  };
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
      <span className="mono">{value ?? masked}</span>
      {can('pii.reveal') && value === null ? (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          aria-label={t('registry.reveal.actionNamed', { field: fieldName })}
          onClick={() => setOpen(true)}
        >
          {t('registry.reveal.action')}
        </Button>
      ) : null}
      <Modal
        open={open}
        title={t('registry.reveal.title', { field: fieldName })}
        onCancel={close}
        destroyOnHidden
        footer={
          value === null ? (
            <>
              <Button onClick={close}>{t('common.cancel')}</Button>
              <Button type="primary" loading={reveal.isPending} onClick={() => form.submit()}>
                {t('registry.reveal.confirm')}
              </Button>
            </>
          ) : (
            <Button onClick={close}>{t('common.close')}</Button>
          )
        }
      >
        {value === null ? (
          <>
            <ApiErrorAlert error={reveal.error} className="form-summary" />
            <Form<{ reason?: string }>
              form={form}
              layout="vertical"
              onFinish={(v) => reveal.mutate((v.reason ?? '').trim())}
            >
              <Form.Item
                name="reason"
                label={t('registry.reveal.reason')}
                extra={t('registry.reveal.reasonHint')}
                rules={[
                  { required: true, message: t('validation.required') },
                  {
                    validator: (_, v?: string) =>
                      !v || v.trim().length >= 4
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('registry.reveal.reasonTooShort'))),
                  },
                ]}
              >
                <Input.TextArea rows={2} maxLength={200} autoFocus />
              </Form.Item>
            </Form>
          </>
        ) : (
          <div className="stack">
            <Typography.Paragraph className="secret-value" code copyable={{ text: value }}>
              {value}
            </Typography.Paragraph>
            <Alert type="warning" showIcon title={t('registry.reveal.audited')} />
          </div>
        )}
      </Modal>
    </span>
  );
}
