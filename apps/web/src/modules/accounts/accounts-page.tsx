import { PlusOutlined } from '@ant-design/icons';
import type { AccountView } from '@linli/contract';
import { Button, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../app/format';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { roleLabel } from '../../components/labels';
import { PageHeader } from '../../components/page-header';
import { AccountCreateDrawer } from './account-create-drawer';
import { useAccountList } from './account-queries';
import { AccountStatus } from './account-status';

export function AccountsPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const list = useAccountList(q);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('nav.groupAdmin') }, { title: t('nav.accounts') }]}
        title={t('nav.accounts')}
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            {t('accounts.create')}
          </Button>
        }
      />
      <div className="filter-bar">
        <Input.Search
          aria-label={t('accounts.search')}
          placeholder={t('accounts.searchPlaceholder')}
          allowClear
          enterButton={t('common.search')}
          onSearch={(v) => setQ(v.trim())}
          style={{ maxWidth: 420 }}
        />
      </div>
      <ApiErrorAlert error={list.error} />
      <Table<AccountView>
        rowKey="id"
        loading={list.isLoading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: q ? t('accounts.noMatch') : t('accounts.empty') }}
        columns={[
          {
            title: t('accounts.displayName'),
            dataIndex: 'displayName',
            render: (_, a) => <Link to={`/desk/admin/accounts/${a.id}`}>{a.displayName}</Link>,
          },
          {
            title: t('accounts.login'),
            key: 'login',
            render: (_, a) => <span className="mono">{a.username ?? a.mobile ?? '—'}</span>,
          },
          {
            title: t('accounts.kind'),
            dataIndex: 'kind',
            render: (_, a) => (a.kind === 'staff' ? t('accounts.kindStaff') : t('accounts.kindResident')),
          },
          {
            title: t('accounts.roles'),
            key: 'roles',
            render: (_, a) => (
              <Space size={[4, 4]} wrap>
                {a.roles.map((r) => (
                  <Tag key={r.id}>
                    {roleLabel(t, r.role)} · {r.orgNodeName}
                  </Tag>
                ))}
              </Space>
            ),
          },
          { title: t('accounts.status'), key: 'status', render: (_, a) => <AccountStatus account={a} /> },
          {
            title: t('accounts.createdAt'),
            dataIndex: 'createdAt',
            render: (v: string) => formatDateTime(v),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, a) => (
              <Link
                to={`/desk/admin/accounts/${a.id}`}
                aria-label={t('accounts.viewNamed', { name: a.displayName })}
              >
                {t('common.view')}
              </Link>
            ),
          },
        ]}
      />
      {list.hasNextPage ? (
        <div className="load-more">
          <Button onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </div>
      ) : null}
      <AccountCreateDrawer open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
