import { PlusOutlined } from '@ant-design/icons';
import {
  type AccountView,
  apiTokenCreateBody,
  type apiTokenView,
  permissionsOf,
  type Role,
} from '@linli/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Infer } from '../../app/api';
import { formatDateTime, isFuture } from '../../app/format';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { CopyOnce } from '../../components/copy-once';
import { applyApiError, compact, validateWith } from '../../components/form-errors';
import { permissionLabel } from '../../components/labels';
import { StatusTag } from '../../components/status-tag';
import { accountKeys } from './account-queries';

type TokenView = Infer<typeof apiTokenView>;
type TokenValues = { name?: string; scopes?: string[]; expiresInDays?: number | null };

function CreateTokenModal({ account, onClose }: { account: AccountView; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form] = Form.useForm<TokenValues>();
  const [secret, setSecret] = useState<string | null>(null);
  const owned = [...permissionsOf(account.roles.map((r) => r.role as Role))];
  const create = useMutation({
    mutationFn: (body: Infer<typeof apiTokenCreateBody>) =>
      api.post<{ token: TokenView; secret: string }>(`/admin/accounts/${account.id}/tokens`, body),
    onSuccess: (res) => {
      void client.invalidateQueries({ queryKey: accountKeys.tokens(account.id) });
      setSecret(res.secret);
    },
    onError: (e) => applyApiError(form, e),
  });
  return (
    <Modal
      open
      title={t('tokens.create')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        secret ? (
          <Button onClick={onClose}>{t('common.close')}</Button>
        ) : (
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>
              {t('common.create')}
            </Button>
          </Space>
        )
      }
    >
      {secret ? (
        <CopyOnce label={t('tokens.secret')} value={secret} />
      ) : (
        <>
          <ApiErrorAlert error={create.error} className="form-summary" />
          <Form<TokenValues>
            form={form}
            layout="vertical"
            initialValues={{ expiresInDays: 90, scopes: [] }}
            onFinish={(v) => {
              const body = validateWith(apiTokenCreateBody, compact(v), form, t);
              if (body) create.mutate(body);
            }}
          >
            <Form.Item
              name="name"
              label={t('tokens.name')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <Input maxLength={64} />
            </Form.Item>
            <Form.Item name="scopes" label={t('tokens.scopes')} extra={t('tokens.scopesHint')}>
              <Select
                mode="multiple"
                options={owned.map((p) => ({ value: p, label: permissionLabel(t, p) }))}
              />
            </Form.Item>
            <Form.Item name="expiresInDays" label={t('tokens.expiresInDays')}>
              <InputNumber min={1} max={730} precision={0} />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}

export function AccountTokensCard({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [creating, setCreating] = useState(false);
  const tokens = useQuery({
    queryKey: accountKeys.tokens(account.id),
    queryFn: () => api.get<TokenView[]>(`/admin/accounts/${account.id}/tokens`),
  });
  const revoke = useMutation({
    mutationFn: (tokenId: number) => api.delete(`/admin/tokens/${tokenId}`),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: accountKeys.tokens(account.id) });
      message.success(t('tokens.revoked'));
    },
  });
  return (
    <Card
      title={t('tokens.title')}
      size="small"
      extra={
        <Button icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
          {t('tokens.create')}
        </Button>
      }
    >
      <ApiErrorAlert error={tokens.error ?? revoke.error} />
      <Table<TokenView>
        rowKey="id"
        size="small"
        pagination={false}
        loading={tokens.isLoading}
        dataSource={tokens.data ?? []}
        locale={{ emptyText: t('tokens.empty') }}
        columns={[
          { title: t('tokens.name'), dataIndex: 'name' },
          {
            title: t('tokens.scopes'),
            dataIndex: 'scopes',
            render: (scopes: string[]) =>
              scopes.length === 0 ? (
                t('tokens.allScopes')
              ) : (
                <Space size={[4, 4]} wrap>
                  {scopes.map((s) => (
                    <Tag key={s}>{permissionLabel(t, s)}</Tag>
                  ))}
                </Space>
              ),
          },
          { title: t('tokens.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
          { title: t('tokens.expiresAt'), dataIndex: 'expiresAt', render: (v: string) => formatDateTime(v) },
          {
            title: t('tokens.lastUsedAt'),
            dataIndex: 'lastUsedAt',
            render: (v: string | null) => formatDateTime(v),
          },
          {
            title: t('tokens.status'),
            key: 'status',
            render: (_, tk) =>
              tk.revokedAt ? (
                <StatusTag tone="refused">{t('tokens.statusRevoked')}</StatusTag>
              ) : isFuture(tk.expiresAt) ? (
                <StatusTag tone="open">{t('tokens.statusActive')}</StatusTag>
              ) : (
                <StatusTag tone="refused">{t('tokens.statusExpired')}</StatusTag>
              ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, tk) =>
              tk.revokedAt ? null : (
                <Popconfirm
                  title={t('tokens.revokeWhat', { name: tk.name })}
                  okText={t('tokens.revoke')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => revoke.mutateAsync(tk.id)}
                >
                  <Button type="link" danger aria-label={t('tokens.revokeNamed', { name: tk.name })}>
                    {t('tokens.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      {creating ? <CreateTokenModal account={account} onClose={() => setCreating(false)} /> : null}
    </Card>
  );
}
