import { useMutation } from '@tanstack/react-query';
import { Alert, App, Form, type FormInstance, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { applyApiError, validateWith } from '../../components/form-errors';

type Schema<B> = Parameters<typeof validateWith<B>>[0];

/**
 * A modal form for one action on a record: checks the values against the contract schema, shows
 * the API's field errors in place, and keeps what was typed when a submit fails. Irreversible
 * actions pass `warning` (what will happen) and `danger`, so they ask exactly once.
 */
export function ActionModal<V extends object, B, R>({
  title,
  okText,
  danger,
  warning,
  schema,
  toBody,
  submit,
  done,
  onDone,
  onClose,
  initialValues,
  children,
  width,
}: {
  title: string;
  okText: string;
  danger?: boolean;
  warning?: string;
  schema: Schema<B>;
  toBody: (values: V) => unknown;
  submit: (body: B) => Promise<R>;
  /** The success message, fixed or from what the API returned. */
  done: string | ((result: R) => string);
  onDone?: (result: R) => void;
  onClose: () => void;
  initialValues?: Partial<V>;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
  width?: number;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const run = useMutation({
    mutationFn: submit,
    onSuccess: (res) => {
      message.success(typeof done === 'function' ? done(res) : done);
      onDone?.(res);
      onClose();
    },
    onError: (e) => applyApiError(form, e),
  });
  return (
    <Modal
      open
      title={title}
      okText={okText}
      okButtonProps={{ danger }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={run.isPending}
      destroyOnHidden
      width={width}
    >
      {warning ? <Alert className="form-summary" type="warning" showIcon title={warning} /> : null}
      <ApiErrorAlert error={run.error} className="form-summary" />
      <Form<V>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => {
          const body = validateWith(schema, toBody(values), form, t);
          if (body !== null) run.mutate(body);
        }}
      >
        {typeof children === 'function' ? children(form) : children}
      </Form>
    </Modal>
  );
}

/** Today in Asia/Shanghai as `YYYY-MM-DD`, the default for event dates. */
export function today(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}
