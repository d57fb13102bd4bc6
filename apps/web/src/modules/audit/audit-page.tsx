import { DownloadOutlined, SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import type { AuditEntryView, auditVerifyView } from '@linli/contract';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Infer, type Query, withQuery } from '../../app/api';
import { formatDateTime, shanghaiDayBound } from '../../app/format';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { auditActionLabel, roleLabel } from '../../components/labels';
import { PageHeader } from '../../components/page-header';

type Filters = {
  accountId?: string;
  action?: string;
  recordType?: string;
  recordId?: string;
  from?: string;
  to?: string;
};
type Verify = Infer<typeof auditVerifyView>;

function toQuery(f: Filters): Query {
  return {
    accountId: f.accountId?.trim(),
    action: f.action?.trim(),
    recordType: f.recordType?.trim(),
    recordId: f.recordId?.trim(),
    from: f.from ? shanghaiDayBound(f.from, false) : undefined,
    to: f.to ? shanghaiDayBound(f.to, true) : undefined,
  };
}

function Digest({ value }: { value: string | null }) {
  if (!value) return <>—</>;
  return (
    <Typography.Text className="mono" copyable={{ text: value }} title={value}>
      {value.slice(0, 10)}…
    </Typography.Text>
  );
}

export function AuditPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const query = toQuery(filters);
  const entries = useInfiniteQuery({
    queryKey: ['audit', query],
    queryFn: ({ pageParam }) =>
      api.get<{ items: AuditEntryView[]; nextCursor: string | null }>('/admin/audit', {
        ...query,
        cursor: pageParam,
        limit: 100,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const verify = useMutation({ mutationFn: () => api.get<Verify>('/admin/audit/verify') });
  const rows = entries.data?.pages.flatMap((p) => p.items) ?? [];
  const exportHref = `/api${withQuery('/admin/audit/export.csv', query)}`;

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('nav.groupAdmin') }, { title: t('nav.audit') }]}
        title={t('nav.audit')}
        extra={
          <>
            <Button href={exportHref} icon={<DownloadOutlined aria-hidden />} download>
              {t('audit.export')}
            </Button>
            <Button
              icon={<SafetyCertificateOutlined aria-hidden />}
              loading={verify.isPending}
              onClick={() => verify.mutate()}
            >
              {t('audit.verify')}
            </Button>
          </>
        }
      />
      {verify.data ? (
        verify.data.ok ? (
          <Alert
            type="success"
            showIcon
            role="status"
            className="filter-bar"
            title={t('audit.verifyOk', { count: verify.data.checked })}
          />
        ) : (
          <Alert
            type="error"
            showIcon
            role="alert"
            className="filter-bar"
            title={t('audit.verifyBroken', { id: verify.data.firstBrokenId ?? '—' })}
            description={verify.data.problem ? t(`audit.problem.${verify.data.problem}`) : undefined}
          />
        )
      ) : null}
      <ApiErrorAlert error={verify.error} className="filter-bar" />
      <Card size="small" className="filter-bar">
        <Form<Filters> form={form} layout="inline" onFinish={(v) => setFilters(v)} style={{ rowGap: 8 }}>
          <Form.Item name="accountId" label={t('audit.accountId')}>
            <Input inputMode="numeric" style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="action" label={t('audit.action')}>
            <Input style={{ width: 160 }} placeholder="account.create" />
          </Form.Item>
          <Form.Item name="recordType" label={t('audit.recordType')}>
            <Input style={{ width: 130 }} />
          </Form.Item>
          <Form.Item name="recordId" label={t('audit.recordId')}>
            <Input style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="from" label={t('audit.from')}>
            <Input type="date" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="to" label={t('audit.to')}>
            <Input type="date" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
              {t('common.search')}
            </Button>
          </Form.Item>
          <Form.Item>
            <Button
              onClick={() => {
                form.resetFields();
                setFilters({});
              }}
            >
              {t('common.reset')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <ApiErrorAlert error={entries.error} className="filter-bar" />
      <Table<AuditEntryView>
        rowKey="id"
        size="small"
        loading={entries.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1200 }}
        locale={{ emptyText: t('audit.empty') }}
        columns={[
          { title: t('audit.id'), dataIndex: 'id', width: 80 },
          { title: t('audit.at'), dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v) },
          {
            title: t('audit.who'),
            key: 'who',
            render: (_, e) => (e.accountId ? `${e.accountName ?? ''} (#${e.accountId})` : t('audit.system')),
          },
          {
            title: t('audit.role'),
            dataIndex: 'role',
            render: (v: string | null) => (v ? roleLabel(t, v) : '—'),
          },
          { title: t('audit.orgNode'), dataIndex: 'orgNodeId', render: (v: number | null) => v ?? '—' },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            render: (v: string) => (
              <span title={v}>
                {auditActionLabel(t, v)} <span className="mono muted">{v}</span>
              </span>
            ),
          },
          {
            title: t('audit.record'),
            key: 'record',
            render: (_, e) => (
              <span className="mono">{e.recordId ? `${e.recordType}#${e.recordId}` : e.recordType}</span>
            ),
          },
          { title: t('audit.clientIp'), dataIndex: 'clientIp', render: (v: string | null) => v ?? '—' },
          { title: t('audit.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
          {
            title: t('audit.before'),
            dataIndex: 'beforeDigest',
            render: (v: string | null) => <Digest value={v} />,
          },
          {
            title: t('audit.after'),
            dataIndex: 'afterDigest',
            render: (v: string | null) => <Digest value={v} />,
          },
        ]}
      />
      {entries.hasNextPage ? (
        <div className="load-more">
          <Button onClick={() => entries.fetchNextPage()} loading={entries.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </div>
      ) : null}
    </>
  );
}
