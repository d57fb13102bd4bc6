import { ReloadOutlined } from '@ant-design/icons';
import type { jobView } from '@linli/contract';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Infer } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { PageHeader } from '../../components/page-header';
import { StatusTag, type StatusTone } from '../../components/status-tag';

type Job = Infer<typeof jobView>;
type Status = Job['status'];
const STATUSES: Status[] = ['queued', 'running', 'done', 'failed'];
const TONE: Record<Status, StatusTone> = {
  queued: 'waiting',
  running: 'open',
  done: 'closed',
  failed: 'overdue',
};

export function JobsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [status, setStatus] = useState<Status | undefined>(undefined);
  const statusLabel = (s: Status) => t(`jobs.status.${s}`);
  const jobs = useInfiniteQuery({
    queryKey: ['jobs', status ?? 'all'],
    queryFn: ({ pageParam }) =>
      api.get<{ items: Job[]; nextCursor: string | null }>('/admin/jobs', {
        status,
        cursor: pageParam,
        limit: 50,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const retry = useMutation({
    mutationFn: (id: number) => api.post(`/admin/jobs/${id}/retry`),
    onSuccess: (_, id) => {
      void client.invalidateQueries({ queryKey: ['jobs'] });
      message.success(t('jobs.retried', { id }));
    },
  });
  const rows = jobs.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader
        crumbs={[{ title: t('nav.groupAdmin') }, { title: t('nav.jobs') }]}
        title={t('nav.jobs')}
        extra={
          <Button
            icon={<ReloadOutlined aria-hidden />}
            onClick={() => jobs.refetch()}
            loading={jobs.isRefetching}
          >
            {t('common.refresh')}
          </Button>
        }
      />
      <Space className="filter-bar">
        <label htmlFor="job-status">{t('jobs.filterStatus')}</label>
        <Select<Status>
          id="job-status"
          allowClear
          style={{ width: 160 }}
          placeholder={t('jobs.allStatuses')}
          value={status}
          onChange={(v) => setStatus(v)}
          options={STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
        />
      </Space>
      <ApiErrorAlert error={jobs.error ?? retry.error} />
      <Table<Job>
        rowKey="id"
        loading={jobs.isLoading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('jobs.empty') }}
        columns={[
          { title: t('jobs.id'), dataIndex: 'id', width: 80 },
          {
            title: t('jobs.kind'),
            dataIndex: 'kind',
            render: (v: string) => <span className="mono">{v}</span>,
          },
          {
            title: t('jobs.statusLabel'),
            dataIndex: 'status',
            render: (s: Status) => <StatusTag tone={TONE[s]}>{statusLabel(s)}</StatusTag>,
          },
          { title: t('jobs.runAt'), dataIndex: 'runAt', render: (v: string) => formatDateTime(v) },
          {
            title: t('jobs.attempts'),
            key: 'attempts',
            render: (_, j) => `${j.attempts} / ${j.maxAttempts}`,
          },
          {
            title: t('jobs.lastError'),
            dataIndex: 'lastError',
            render: (v: string | null) =>
              v ? (
                <Typography.Text type="danger" ellipsis={{ tooltip: v }} style={{ maxWidth: 320 }}>
                  {v}
                </Typography.Text>
              ) : (
                '—'
              ),
          },
          { title: t('jobs.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
          {
            title: t('jobs.finishedAt'),
            dataIndex: 'finishedAt',
            render: (v: string | null) => formatDateTime(v),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, j) =>
              j.status === 'failed' ? (
                <Button
                  type="link"
                  loading={retry.isPending && retry.variables === j.id}
                  onClick={() => retry.mutate(j.id)}
                  aria-label={t('jobs.retryNamed', { id: j.id })}
                >
                  {t('jobs.retry')}
                </Button>
              ) : null,
          },
        ]}
      />
      {jobs.hasNextPage ? (
        <div className="load-more">
          <Button onClick={() => jobs.fetchNextPage()} loading={jobs.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </div>
      ) : null}
    </>
  );
}
