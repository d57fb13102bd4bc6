import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { PageHeader } from '../../components/page-header';
import { StatusTag, type StatusTone } from '../../components/status-tag';
import { categoryName } from './demand-parts';
import { hotlineKeys, type ProviderView, useProviders } from './hotline-api';
import { NewProviderModal } from './provider-form';

const STATUS_TONES: Record<ProviderView['status'], StatusTone> = {
  applied: 'waiting',
  approved: 'closed',
  suspended: 'overdue',
  removed: 'refused',
};

/** What an operator may turn a provider into from its current status (each with a reason). */
const NEXT: Record<ProviderView['status'], Array<'approved' | 'suspended' | 'removed'>> = {
  applied: ['approved', 'removed'],
  approved: ['suspended', 'removed'],
  suspended: ['approved', 'removed'],
  removed: ['approved'],
};
const ACTION_KEY = { approved: 'approve', suspended: 'suspend', removed: 'remove' } as const;

/** 服务商管理: the vetted list with each provider's quality record, and the vetting decisions. */
export function ProvidersPage() {
  const { t } = useTranslation();
  const providers = useProviders();
  const [adding, setAdding] = useState(false);
  const [change, setChange] = useState<{ p: ProviderView; to: 'approved' | 'suspended' | 'removed' } | null>(
    null,
  );
  return (
    <>
      <PageHeader
        crumbs={[
          { title: t('hotline.menu.desk'), to: '/desk/hotline' },
          { title: t('hotline.providers.title') },
        ]}
        title={t('hotline.providers.title')}
        extra={
          <Button type="primary" onClick={() => setAdding(true)}>
            {t('hotline.providers.new')}
          </Button>
        }
      />
      <Card>
        <ApiErrorAlert error={providers.error} />
        <Table<ProviderView>
          rowKey="id"
          loading={providers.isLoading}
          dataSource={providers.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('hotline.providers.name'), dataIndex: 'name' },
            {
              title: t('hotline.providers.type'),
              dataIndex: 'type',
              render: (v: string) => t(`hotline.providerType.${v}` as 'hotline.providerType.merchant'),
            },
            {
              title: t('hotline.providers.categories'),
              dataIndex: 'categories',
              render: (cs: string[]) => cs.map((c) => <Tag key={c}>{categoryName(t, c)}</Tag>),
            },
            { title: t('hotline.match.hours'), dataIndex: 'hours' },
            { title: t('hotline.match.phone'), dataIndex: 'phoneMasked' },
            {
              title: t('hotline.providers.quality'),
              render: (_, p) =>
                p.ratingAverage === null
                  ? t('hotline.providers.qualityNone', { served: p.servedCount })
                  : t('hotline.providers.qualityValue', {
                      avg: p.ratingAverage,
                      rated: p.ratingCount,
                      served: p.servedCount,
                    }),
            },
            {
              title: t('hotline.providers.status'),
              dataIndex: 'status',
              render: (s: ProviderView['status'], p) => (
                <span title={p.statusReason ?? undefined}>
                  <StatusTag tone={STATUS_TONES[s]}>{t(`hotline.providerStatus.${s}`)}</StatusTag>
                </span>
              ),
            },
            {
              title: t('common.actions'),
              render: (_, p) => (
                <Space>
                  {NEXT[p.status].map((to) => (
                    <Button key={to} size="small" onClick={() => setChange({ p, to })}>
                      {t(`hotline.providers.${ACTION_KEY[to]}`)}
                    </Button>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {adding ? <NewProviderModal onClose={() => setAdding(false)} /> : null}
      {change ? <StatusModal {...change} onClose={() => setChange(null)} /> : null}
    </>
  );
}

function StatusModal({
  p,
  to,
  onClose,
}: {
  p: ProviderView;
  to: 'approved' | 'suspended' | 'removed';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const action = t(`hotline.providers.${ACTION_KEY[to]}`);
  const submit = async () => {
    try {
      await api.post(`/hotline/providers/${p.id}/status`, { status: to, reason });
      message.success(t('hotline.providers.changed'));
      await client.invalidateQueries({ queryKey: hotlineKeys.all });
      onClose();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Modal
      open
      title={t('hotline.providers.statusTitle', { action, name: p.name })}
      onCancel={onClose}
      onOk={submit}
      okText={action}
      okButtonProps={{ disabled: reason.trim() === '' }}
      cancelText={t('common.cancel')}
    >
      <ApiErrorAlert error={error} />
      <p>{t('hotline.providers.reason')}</p>
      <Input.TextArea
        rows={3}
        maxLength={500}
        value={reason}
        placeholder={t('hotline.providers.reasonRequired')}
        onChange={(e) => setReason(e.target.value)}
      />
    </Modal>
  );
}
