import { type AccountView, accountCreateBody, parseMobile } from '@linli/contract';
import { useMutation } from '@tanstack/react-query';
import { Button, Drawer, Form, Input, Radio, Result, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, type Infer } from '../../app/api';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { CopyOnce } from '../../components/copy-once';
import { applyApiError, compact, validateWith } from '../../components/form-errors';
import { useAccountUpdated } from './account-queries';

type Values = {
  kind: 'staff' | 'resident';
  username?: string;
  mobile?: string;
  displayName?: string;
  password?: string;
};
type Created = { account: AccountView; initialPassword: string | null };

export function AccountCreateDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const updated = useAccountUpdated();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'staff';
  const [created, setCreated] = useState<Created | null>(null);

  const create = useMutation({
    mutationFn: (body: Infer<typeof accountCreateBody>) => api.post<Created>('/admin/accounts', body),
    onSuccess: (res) => {
      updated(res.account);
      setCreated(res);
    },
    onError: (e) => applyApiError(form, e),
  });

  const close = () => {
    setCreated(null);
    create.reset();
    form.resetFields();
    onClose();
  };

  const submit = (values: Values) => {
    const body = validateWith(
      accountCreateBody,
      compact({
        kind: values.kind,
        username: values.kind === 'staff' ? values.username : undefined,
        mobile: values.kind === 'resident' ? values.mobile : undefined,
        displayName: values.displayName,
        password: values.password,
      }),
      form,
      t,
    );
    if (body) create.mutate(body);
  };

  return (
    <Drawer
      open={open}
      onClose={close}
      title={t('accounts.create')}
      size={480}
      destroyOnHidden
      footer={
        created ? null : (
          <Space>
            <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>
              {t('common.create')}
            </Button>
            <Button onClick={close}>{t('common.cancel')}</Button>
          </Space>
        )
      }
    >
      {created ? (
        <Result
          status="success"
          title={t('accounts.createdTitle', { name: created.account.displayName })}
          subTitle={created.initialPassword ? undefined : t('accounts.createdWithPassword')}
          extra={
            <Space orientation="vertical" style={{ width: '100%', textAlign: 'left' }}>
              {created.initialPassword ? (
                <CopyOnce label={t('accounts.initialPassword')} value={created.initialPassword} />
              ) : null}
              <Space>
                <Button
                  type="primary"
                  onClick={() => {
                    const id = created.account.id;
                    close();
                    navigate(`/desk/admin/accounts/${id}`);
                  }}
                >
                  {t('accounts.openCreated')}
                </Button>
                <Button onClick={close}>{t('common.close')}</Button>
              </Space>
            </Space>
          }
        />
      ) : (
        <>
          <ApiErrorAlert error={create.error} className="form-summary" />
          <Form<Values>
            form={form}
            layout="vertical"
            initialValues={{ kind: 'staff' }}
            onFinish={submit}
            disabled={create.isPending}
          >
            <Form.Item name="kind" label={t('accounts.kind')} rules={[{ required: true }]}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'staff', label: t('accounts.kindStaff') },
                  { value: 'resident', label: t('accounts.kindResident') },
                ]}
              />
            </Form.Item>
            {kind === 'staff' ? (
              <Form.Item
                name="username"
                label={t('accounts.username')}
                extra={t('accounts.usernameHint')}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <Input autoComplete="off" maxLength={32} />
              </Form.Item>
            ) : (
              <Form.Item
                name="mobile"
                label={t('accounts.mobile')}
                rules={[
                  { required: true, message: t('validation.required') },
                  {
                    validator: (_, v?: string) =>
                      !v || parseMobile(v).ok
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('validation.mobileFormat'))),
                  },
                ]}
              >
                <Input inputMode="tel" autoComplete="off" maxLength={32} />
              </Form.Item>
            )}
            <Form.Item
              name="displayName"
              label={t('accounts.displayName')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <Input maxLength={64} />
            </Form.Item>
            <Form.Item name="password" label={t('accounts.password')} extra={t('accounts.passwordHint')}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Form>
        </>
      )}
    </Drawer>
  );
}
