import type { rolePolicyView } from '@linli/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Space, Switch, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, type Infer } from '../../app/api';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { levelLabel, permissionLabel, roleLabel } from '../../components/labels';
import { PageHeader } from '../../components/page-header';
import { accountKeys } from './account-queries';

type RolePolicy = Infer<typeof rolePolicyView>;

export function RolesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const roles = useQuery({
    queryKey: accountKeys.roles,
    queryFn: () => api.get<RolePolicy[]>('/admin/roles'),
  });
  const setPolicy = useMutation({
    mutationFn: ({ role, totpRequired }: { role: string; totpRequired: boolean }) =>
      api.put(`/admin/roles/${role}/policy`, { totpRequired }),
    onSuccess: (_, v) => {
      void client.invalidateQueries({ queryKey: accountKeys.roles });
      message.success(
        v.totpRequired
          ? t('roles.totpOn', { role: roleLabel(t, v.role) })
          : t('roles.totpOff', { role: roleLabel(t, v.role) }),
      );
    },
  });
  return (
    <>
      <PageHeader
        crumbs={[{ title: t('nav.groupAdmin') }, { title: t('nav.roles') }]}
        title={t('nav.roles')}
      />
      <ApiErrorAlert error={roles.error ?? setPolicy.error} />
      <Table<RolePolicy>
        rowKey="role"
        loading={roles.isLoading}
        dataSource={roles.data ?? []}
        pagination={false}
        columns={[
          {
            title: t('roles.role'),
            dataIndex: 'role',
            width: 160,
            render: (_, r) => <strong>{roleLabel(t, r.role)}</strong>,
          },
          {
            title: t('roles.levels'),
            dataIndex: 'levels',
            width: 200,
            render: (_, r) => (
              <Space size={[4, 4]} wrap>
                {r.levels.map((l) => (
                  <Tag key={l}>{levelLabel(t, l)}</Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('roles.permissions'),
            dataIndex: 'permissions',
            render: (_, r) => (
              <Space size={[4, 4]} wrap>
                {r.permissions.map((p) => (
                  <Tag color="blue" key={p}>
                    {permissionLabel(t, p)}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('roles.totpRequired'),
            dataIndex: 'totpRequired',
            width: 140,
            render: (_, r) => (
              <Switch
                checked={r.totpRequired}
                loading={setPolicy.isPending && setPolicy.variables?.role === r.role}
                aria-label={t('roles.totpSwitch', { role: roleLabel(t, r.role) })}
                onChange={(on) => setPolicy.mutate({ role: r.role, totpRequired: on })}
              />
            ),
          },
        ]}
      />
    </>
  );
}
