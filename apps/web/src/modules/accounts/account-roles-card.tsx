import { type AccountView, ROLE_NAMES, ROLES, roleGrantBody } from '@linli/contract';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Form, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, type Infer } from '../../app/api';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { applyApiError, validateWith } from '../../components/form-errors';
import { levelLabel, roleLabel } from '../../components/labels';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { useAccountUpdated } from './account-queries';

type Assignment = AccountView['roles'][number];
type GrantValues = { role?: string; orgNodeId?: number };

export function AccountRolesCard({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const updated = useAccountUpdated();
  const [form] = Form.useForm<GrantValues>();
  const role = Form.useWatch('role', form);
  const allowedLevels = role && role in ROLES ? ROLES[role as keyof typeof ROLES].levels : null;

  const grant = useMutation({
    mutationFn: (body: Infer<typeof roleGrantBody>) =>
      api.post<AccountView>(`/admin/accounts/${account.id}/roles`, body),
    onSuccess: (a) => {
      updated(a);
      form.resetFields();
      message.success(t('accounts.granted'));
    },
    onError: (e) => applyApiError(form, e),
  });
  const revoke = useMutation({
    mutationFn: (assignmentId: number) =>
      api.delete<AccountView>(`/admin/accounts/${account.id}/roles/${assignmentId}`),
    onSuccess: (a) => {
      updated(a);
      message.success(t('accounts.revoked'));
    },
  });

  return (
    <Card title={t('accounts.roles')} size="small">
      <ApiErrorAlert error={revoke.error} />
      <Table<Assignment>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={account.roles}
        locale={{ emptyText: t('accounts.noRoles') }}
        columns={[
          { title: t('accounts.role'), dataIndex: 'role', render: (_, r) => roleLabel(t, r.role) },
          {
            title: t('accounts.orgNode'),
            dataIndex: 'orgNodeName',
            render: (_, r) => (
              <Space size={4}>
                {r.orgNodeName}
                <Tag>{levelLabel(t, r.orgNodeLevel)}</Tag>
              </Space>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, r) => (
              <Popconfirm
                title={t('accounts.revokeWhat', {
                  name: account.displayName,
                  role: roleLabel(t, r.role),
                  node: r.orgNodeName,
                })}
                okText={t('accounts.revoke')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => revoke.mutateAsync(r.id)}
              >
                <Button
                  type="link"
                  danger
                  aria-label={t('accounts.revokeNamed', { role: roleLabel(t, r.role), node: r.orgNodeName })}
                >
                  {t('accounts.revoke')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <ApiErrorAlert error={grant.error} className="form-summary" />
      <Form<GrantValues>
        form={form}
        layout="inline"
        style={{ marginTop: 16, rowGap: 8 }}
        onFinish={(v) => {
          const body = validateWith(roleGrantBody, v, form, t);
          if (body) grant.mutate(body);
        }}
      >
        <Form.Item
          name="role"
          label={t('accounts.role')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Select
            style={{ width: 180 }}
            options={ROLE_NAMES.map((r) => ({ value: r, label: roleLabel(t, r) }))}
            placeholder={t('accounts.pickRole')}
          />
        </Form.Item>
        <Form.Item
          name="orgNodeId"
          label={t('accounts.orgNode')}
          rules={[{ required: true, message: t('validation.required') }]}
          extra={
            allowedLevels
              ? t('accounts.roleLevels', { levels: allowedLevels.map((l) => levelLabel(t, l)).join('、') })
              : undefined
          }
        >
          <OrgTreeSelect style={{ width: 280 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={grant.isPending}>
            {t('accounts.grant')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
