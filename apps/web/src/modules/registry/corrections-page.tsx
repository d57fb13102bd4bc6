import { correctionReviewBody } from '@linli/contract';
import { Button, Card, Form, Input, Radio, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../app/api';
import { useCan } from '../../app/auth';
import { formatDateTime } from '../../app/format';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { compact } from '../../components/form-errors';
import { PageHeader } from '../../components/page-header';
import { StatusTag } from '../../components/status-tag';
import { ActionModal } from './action-modal';
import { type Correction, residentPath, useCorrections, useRegistryUpdated } from './registry-api';
import { CORRECTION_TONE, regLabel } from './registry-labels';
import './registry.css';

const STATUSES = ['open', 'accepted', 'rejected'] as const;
type Review = { correction: Correction; decision: 'accepted' | 'rejected' };

function ReviewModal({ review, onClose }: { review: Review; onClose: () => void }) {
  const { t } = useTranslation();
  const updated = useRegistryUpdated();
  const { correction: c, decision } = review;
  const name = c.residentName;
  const accept = decision === 'accepted';
  return (
    <ActionModal
      title={
        accept
          ? t('registry.corrections.acceptTitle', { name })
          : t('registry.corrections.rejectTitle', { name })
      }
      okText={accept ? t('registry.corrections.accept') : t('registry.corrections.reject')}
      warning={
        accept
          ? t('registry.corrections.acceptWhat', { name, field: regLabel(t, 'correctionField', c.field) })
          : t('registry.corrections.rejectWhat')
      }
      danger={!accept}
      schema={correctionReviewBody}
      toBody={(v: { note?: string }) => ({ decision, ...compact(v) })}
      submit={(body) => api.post<Correction>(`/registry/corrections/${c.id}/review`, body)}
      done={t('registry.corrections.reviewed')}
      onDone={() => updated()}
      onClose={onClose}
    >
      <Form.Item
        name="note"
        label={t('registry.corrections.reviewNote')}
        rules={accept ? [] : [{ required: true, message: t('validation.required') }]}
      >
        <Input.TextArea rows={3} maxLength={200} />
      </Form.Item>
    </ActionModal>
  );
}

/** Correction requests residents sent from their phones; staff accept (the record is corrected) or decline. */
export function CorrectionsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('open');
  const [review, setReview] = useState<Review | null>(null);
  const list = useCorrections(status);
  const writable = can('registry.write');
  return (
    <>
      <PageHeader
        crumbs={[{ title: t('nav.registryGroup') }, { title: t('nav.corrections') }]}
        title={t('nav.corrections')}
      />
      <Card size="small" className="filter-bar">
        <Space>
          <span id="corrections-status">{t('registry.corrections.status')}</span>
          <Radio.Group
            aria-labelledby="corrections-status"
            optionType="button"
            value={status}
            onChange={(e) => setStatus(e.target.value)}
            options={STATUSES.map((s) => ({ value: s, label: regLabel(t, 'correctionStatus', s) }))}
          />
        </Space>
      </Card>
      <ApiErrorAlert error={list.error} className="filter-bar" />
      <Table<Correction>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={list.data && list.data.length > 20 ? { pageSize: 20 } : false}
        locale={{
          emptyText: status === 'open' ? t('registry.corrections.empty') : t('registry.corrections.emptyAll'),
        }}
        columns={[
          {
            title: t('registry.corrections.resident'),
            key: 'resident',
            render: (_, c) => <Link to={residentPath(c.residentId)}>{c.residentName}</Link>,
          },
          {
            title: t('registry.corrections.field'),
            dataIndex: 'field',
            render: (v: string) => regLabel(t, 'correctionField', v),
          },
          { title: t('registry.corrections.proposed'), dataIndex: 'proposed' },
          { title: t('registry.corrections.note'), dataIndex: 'note', render: (v) => v ?? '—' },
          {
            title: t('registry.corrections.createdAt'),
            dataIndex: 'createdAt',
            render: (v) => formatDateTime(v),
          },
          {
            title: t('registry.corrections.status'),
            dataIndex: 'status',
            render: (v: string) => (
              <StatusTag tone={CORRECTION_TONE[v] ?? 'open'}>{regLabel(t, 'correctionStatus', v)}</StatusTag>
            ),
          },
          ...(status === 'open'
            ? []
            : [
                {
                  title: t('registry.corrections.reviewNote'),
                  dataIndex: 'reviewNote',
                  render: (v: string | null) => v ?? '—',
                },
              ]),
          ...(writable && status === 'open'
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, c: Correction) => (
                    <Space>
                      <Button
                        size="small"
                        type="primary"
                        aria-label={t('registry.corrections.acceptNamed', { name: c.residentName })}
                        onClick={() => setReview({ correction: c, decision: 'accepted' })}
                      >
                        {t('registry.corrections.accept')}
                      </Button>
                      <Button
                        size="small"
                        aria-label={t('registry.corrections.rejectNamed', { name: c.residentName })}
                        onClick={() => setReview({ correction: c, decision: 'rejected' })}
                      >
                        {t('registry.corrections.reject')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {review ? <ReviewModal review={review} onClose={() => setReview(null)} /> : null}
    </>
  );
}
