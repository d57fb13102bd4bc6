import { type AccountView, accountUpdateBody } from '@linli/contract';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, type Infer, isApiError } from '../../app/api';
import { formatDateTime, isFuture } from '../../app/format';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { CopyOnce } from '../../components/copy-once';
import { applyApiError, validateWith } from '../../components/form-errors';
import { NotFound } from '../../components/not-found';
import { PageHeader } from '../../components/page-header';
import { PageLoading } from '../../components/page-loading';
import { useAccount, useAccountUpdated } from './account-queries';
import { AccountRolesCard } from './account-roles-card';
import { AccountStatus } from './account-status';
import { AccountTokensCard } from './account-tokens-card';

function RenameModal({ account, onClose }: { account: AccountView; onClose: () => void }) {
  const { t } = useTranslation();
  const updated = useAccountUpdated();
  const [form] = Form.useForm<{ displayName?: string }>();
  const save = useMutation({
    mutationFn: (body: Infer<typeof accountUpdateBody>) =>
      api.patch<AccountView>(`/admin/accounts/${account.id}`, body),
    onSuccess: (a) => {
      updated(a);
      onClose();
    },
    onError: (e) => applyApiError(form, e),
  });
  return (
    <Modal
      open
      title={t('accounts.rename')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <ApiErrorAlert error={save.error} className="form-summary" />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ displayName: account.displayName }}
        onFinish={(v) => {
          const body = validateWith(accountUpdateBody, { displayName: v.displayName ?? '' }, form, t);
          if (body) save.mutate(body);
        }}
      >
        <Form.Item name="displayName" label={t('accounts.displayName')} rules={[{ required: true }]}>
          <Input maxLength={64} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AccountActions({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const updated = useAccountUpdated();
  const [renaming, setRenaming] = useState(false);
  const [newPassword, setNewPassword] = useState<string | null>(null);
  const base = `/admin/accounts/${account.id}`;
  const name = account.displayName;

  const run = (fn: () => Promise<unknown>, done: string) => async () => {
    try {
      const res = await fn();
      updated(res && typeof res === 'object' && 'roles' in res ? (res as AccountView) : undefined);
      message.success(done);
    } catch (e) {
      message.error(e instanceof Error ? e.message : t('errors.unknown'));
    }
  };

  const confirm = (
    title: string,
    content: string,
    okText: string,
    onOk: () => Promise<void>,
    danger = true,
  ) =>
    modal.confirm({
      title,
      content,
      okText,
      cancelText: t('common.cancel'),
      okButtonProps: { danger },
      onOk,
    });

  const disabled = account.status === 'disabled';
  return (
    <>
      <Button onClick={() => setRenaming(true)}>{t('accounts.rename')}</Button>
      {isFuture(account.lockedUntil) ? (
        <Button onClick={run(() => api.post(`${base}/unlock`), t('accounts.unlocked', { name }))}>
          {t('accounts.unlock')}
        </Button>
      ) : null}
      <Button
        onClick={() =>
          confirm(
            t('accounts.resetPassword'),
            t('accounts.resetPasswordWhat', { name }),
            t('accounts.resetPassword'),
            async () => {
              try {
                const res = await api.post<{ initialPassword: string }>(`${base}/reset-password`);
                updated();
                setNewPassword(res.initialPassword);
              } catch (e) {
                message.error(e instanceof Error ? e.message : t('errors.unknown'));
              }
            },
          )
        }
      >
        {t('accounts.resetPassword')}
      </Button>
      <Button
        onClick={() =>
          confirm(
            t('accounts.logoutAll'),
            t('accounts.logoutAllWhat', { name }),
            t('accounts.logoutAll'),
            run(() => api.post(`${base}/logout-all`), t('accounts.loggedOut', { name })),
          )
        }
      >
        {t('accounts.logoutAll')}
      </Button>
      {disabled ? (
        <Button
          onClick={run(
            () => api.patch<AccountView>(base, { status: 'active' }),
            t('accounts.enabledDone', { name }),
          )}
        >
          {t('accounts.enable')}
        </Button>
      ) : (
        <Button
          danger
          onClick={() =>
            confirm(
              t('accounts.disable'),
              t('accounts.disableWhat', { name }),
              t('accounts.disable'),
              run(
                () => api.patch<AccountView>(base, { status: 'disabled' }),
                t('accounts.disabledDone', { name }),
              ),
            )
          }
        >
          {t('accounts.disable')}
        </Button>
      )}
      {renaming ? <RenameModal account={account} onClose={() => setRenaming(false)} /> : null}
      <Modal
        open={newPassword !== null}
        title={t('accounts.passwordReset', { name })}
        onCancel={() => setNewPassword(null)}
        footer={<Button onClick={() => setNewPassword(null)}>{t('common.close')}</Button>}
      >
        {newPassword ? <CopyOnce label={t('accounts.initialPassword')} value={newPassword} /> : null}
      </Modal>
    </>
  );
}

export function AccountDetailPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const account = useAccount(id);
  if (!Number.isInteger(id) || id <= 0 || isApiError(account.error, 404)) return <NotFound />;
  if (account.isLoading) return <PageLoading />;
  if (!account.data) return <ApiErrorAlert error={account.error} />;
  const a = account.data;
  return (
    <div className="stack">
      <PageHeader
        crumbs={[
          { title: t('nav.groupAdmin') },
          { title: t('nav.accounts'), to: '/desk/admin/accounts' },
          { title: a.displayName },
        ]}
        title={a.displayName}
        tags={<AccountStatus account={a} />}
        extra={<AccountActions account={a} />}
      />
      <Card size="small">
        <Descriptions
          bordered
          size="small"
          column={3}
          items={[
            { key: 'id', label: t('accounts.id'), children: a.id },
            {
              key: 'kind',
              label: t('accounts.kind'),
              children: a.kind === 'staff' ? t('accounts.kindStaff') : t('accounts.kindResident'),
            },
            { key: 'username', label: t('accounts.username'), children: a.username ?? '—' },
            { key: 'mobile', label: t('accounts.mobile'), children: a.mobile ?? '—' },
            {
              key: 'totp',
              label: t('accounts.totp'),
              children: a.totpEnabled ? t('accounts.totpOn') : t('accounts.totpOff'),
            },
            { key: 'createdAt', label: t('accounts.createdAt'), children: formatDateTime(a.createdAt) },
            ...(isFuture(a.lockedUntil)
              ? [{ key: 'locked', label: t('accounts.lockedUntil'), children: formatDateTime(a.lockedUntil) }]
              : []),
          ]}
        />
      </Card>
      <AccountRolesCard account={a} />
      <AccountTokensCard account={a} />
    </div>
  );
}
