import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Rate,
  Select,
  Space,
  Table,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { useAction } from '../../app/use-action';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { applyApiError } from '../../components/form-errors';
import { PageHeader } from '../../components/page-header';
import { categoryName, DemandStateTag, walkMinutes } from './demand-parts';
import {
  type DemandView,
  hotlineKeys,
  SERVICE_CATEGORY_CODES,
  useDemandAction,
  useDemands,
  useMatch,
  useProviders,
  WALK_RADIUS_M,
} from './hotline-api';
import { ServiceCircleMap } from './service-circle-map';
import './hotline.css';

type DemandForm = {
  category: string;
  callerName: string;
  callerPhone: string;
  address: string;
  lat: number;
  lng: number;
  description?: string;
  urgent?: boolean;
};

/**
 * 热线受理: record a caller's demand (service, caller, place), see the approved providers within the
 * 15-minute circle with distance and rating, send it to one (派单), and call back (回访) once served.
 */
export function DemandDeskPage() {
  const { t } = useTranslation();
  const demands = useDemands();
  const [currentId, setCurrentId] = useState<number | null>(null);
  const [callBack, setCallBack] = useState<DemandView | null>(null);
  const current = demands.data?.find((d) => d.id === currentId) ?? null;

  return (
    <>
      <PageHeader crumbs={[{ title: t('hotline.menu.desk') }]} title={t('hotline.menu.desk')} />
      <div className="hotline-desk">
        <NewDemandCard onRecorded={setCurrentId} />
        <MatchCard demand={current?.state === 'filed' ? current : null} onSent={() => setCurrentId(null)} />
      </div>
      <Card title={t('hotline.demand.listTitle')} style={{ marginTop: 16 }}>
        <ApiErrorAlert error={demands.error} />
        <Table<DemandView>
          rowKey="id"
          size="middle"
          loading={demands.isLoading}
          dataSource={demands.data ?? []}
          locale={{ emptyText: <Empty description={t('hotline.demand.empty')} /> }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          rowClassName={(d) => (d.id === currentId ? 'ant-table-row-selected' : '')}
          columns={[
            { title: '#', dataIndex: 'id', width: 70 },
            {
              title: t('hotline.demand.state'),
              dataIndex: 'state',
              render: (s: string) => <DemandStateTag state={s} t={t} />,
            },
            {
              title: t('hotline.demand.category'),
              dataIndex: 'category',
              render: (c: string | null) => categoryName(t, c),
            },
            { title: t('hotline.demand.address'), dataIndex: 'address' },
            {
              title: t('hotline.demand.caller'),
              render: (_, d) => [d.callerNameMasked, d.callerPhoneMasked].filter(Boolean).join(' '),
            },
            { title: t('hotline.demand.provider'), dataIndex: 'providerName', render: (n) => n ?? '—' },
            {
              title: t('hotline.demand.rating'),
              dataIndex: 'rating',
              render: (r: number | null) => (r ? <Rate disabled value={r} style={{ fontSize: 14 }} /> : '—'),
            },
            {
              title: t('hotline.demand.reportedAt'),
              dataIndex: 'reportedAt',
              render: (at: string) => formatDateTime(at),
            },
            {
              title: t('common.actions'),
              render: (_, d) => (
                <Space>
                  {d.state === 'filed' ? (
                    <Button size="small" type="primary" onClick={() => setCurrentId(d.id)}>
                      {t('hotline.demand.dispatch')}
                    </Button>
                  ) : null}
                  {d.state === 'handled' ? (
                    <Button size="small" type="primary" onClick={() => setCallBack(d)}>
                      {t('hotline.demand.callBack')}
                    </Button>
                  ) : null}
                  <Link to={`/desk/cases/${d.id}`}>{t('hotline.demand.openCase')}</Link>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {callBack ? <CallBackModal demand={callBack} onClose={() => setCallBack(null)} /> : null}
    </>
  );
}

function NewDemandCard({ onRecorded }: { onRecorded: (id: number) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<DemandForm>();
  const { busy, error, run } = useAction();
  const lat = Form.useWatch('lat', form);
  const lng = Form.useWatch('lng', form);
  const point = typeof lat === 'number' && typeof lng === 'number' ? { lat, lng } : null;
  const providers = useProviders();
  // Without map tiles the first view needs a centre: the middle of the area's providers.
  const centre = useMemo(() => {
    const list = providers.data ?? [];
    if (list.length === 0) return null;
    return {
      lat: list.reduce((s, p) => s + p.lat, 0) / list.length,
      lng: list.reduce((s, p) => s + p.lng, 0) / list.length,
    };
  }, [providers.data]);

  const submit = ({ urgent, ...body }: DemandForm) =>
    run(
      () => api.post<DemandView>('/hotline/demands', { ...body, urgency: urgent ? 'urgent' : 'normal' }),
      async (created) => {
        message.success(t('hotline.demand.recorded', { id: created.id }));
        form.resetFields();
        await client.invalidateQueries({ queryKey: hotlineKeys.demands });
        onRecorded(created.id);
      },
      (e) => applyApiError(form, e),
    );

  return (
    <Card title={t('hotline.demand.newTitle')}>
      <ApiErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={submit} requiredMark>
        <Form.Item name="category" label={t('hotline.demand.category')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={SERVICE_CATEGORY_CODES.map((c) => ({ value: c, label: categoryName(t, c) }))}
          />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="callerName" label={t('hotline.demand.callerName')} rules={[{ required: true }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="callerPhone" label={t('hotline.demand.callerPhone')} rules={[{ required: true }]}>
            <Input inputMode="tel" maxLength={20} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="address" label={t('hotline.demand.address')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <ServiceCircleMap
          point={point}
          radius={WALK_RADIUS_M}
          providers={(providers.data ?? []).map((p) => ({ ...p, matched: p.status === 'approved' }))}
          fallbackCentre={centre}
          onPick={(p) => form.setFieldsValue(p)}
          label={t('hotline.match.here')}
        />
        <p style={{ color: '#8c8c8c', margin: '4px 0 8px' }}>{t('hotline.demand.pickHint')}</p>
        <Space.Compact block>
          <Form.Item name="lat" label={t('hotline.demand.lat')} rules={[{ required: true }]}>
            <InputNumber min={-90} max={90} step={0.0001} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="lng" label={t('hotline.demand.lng')} rules={[{ required: true }]}>
            <InputNumber min={-180} max={180} step={0.0001} style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="description" label={t('hotline.demand.description')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="urgent" valuePropName="checked">
          <Checkbox>{t('hotline.demand.urgent')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block>
          {t('hotline.demand.record')}
        </Button>
      </Form>
    </Card>
  );
}

/** The matched providers for the demand being sent: nearest first, with distance, rating and hours. */
function MatchCard({ demand, onSent }: { demand: DemandView | null; onSent: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const act = useDemandAction();
  const point = demand?.lat != null && demand.lng != null ? { lat: demand.lat, lng: demand.lng } : null;
  const match = useMatch(demand?.category ?? undefined, point);
  const [error, setError] = useState<unknown>(null);
  if (!demand) {
    return (
      <Card title={t('hotline.match.title')}>
        <Empty description={t('hotline.match.pickDemand')} />
      </Card>
    );
  }
  const send = async (accountId: number, name: string) => {
    setError(null);
    try {
      await act(demand.id, 'send_provider', demand.version, { providerAccountId: accountId });
      message.success(t('hotline.match.sent', { name }));
      onSent();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Card
      title={t('hotline.match.forDemand', { id: demand.id })}
      extra={`${categoryName(t, demand.category)} · ${demand.address ?? ''}`}
    >
      <ApiErrorAlert error={error ?? match.error} />
      <ServiceCircleMap
        point={point}
        radius={WALK_RADIUS_M}
        providers={(match.data ?? []).map((p) => ({ ...p, matched: true }))}
        fallbackCentre={null}
        label={t('hotline.match.here')}
      />
      <Table
        rowKey="id"
        size="small"
        style={{ marginTop: 12 }}
        loading={match.isLoading}
        pagination={false}
        dataSource={match.data ?? []}
        locale={{ emptyText: <Empty description={t('hotline.match.none', { radius: WALK_RADIUS_M })} /> }}
        columns={[
          {
            title: t('hotline.providers.name'),
            dataIndex: 'name',
            // Prices ride under the name: the card is narrow next to the form.
            render: (name: string, p) => (
              <>
                <div className="hotline-provider-name">{name}</div>
                {p.prices ? <div className="hotline-muted">{p.prices}</div> : null}
              </>
            ),
          },
          {
            title: t('hotline.match.distance'),
            dataIndex: 'distanceM',
            render: (m: number) => (
              <>
                {t('hotline.match.metres', { n: m })}
                <div className="hotline-muted">{t('hotline.match.walk', { min: walkMinutes(m) })}</div>
              </>
            ),
          },
          {
            title: t('hotline.match.rating'),
            dataIndex: 'ratingAverage',
            render: (r: number | null, p) =>
              r === null ? t('hotline.match.unrated') : `${r} (${p.ratingCount})`,
          },
          { title: t('hotline.match.hours'), dataIndex: 'hours' },
          {
            title: t('common.actions'),
            render: (_, p) =>
              p.accountId ? (
                <Button type="primary" size="small" onClick={() => send(p.accountId as number, p.name)}>
                  {t('hotline.match.send')}
                </Button>
              ) : (
                <span style={{ color: '#8c8c8c' }}>{t('hotline.match.noAccount')}</span>
              ),
          },
        ]}
      />
    </Card>
  );
}

function CallBackModal({ demand, onClose }: { demand: DemandView; onClose: () => void }) {
  const { t } = useTranslation();
  const act = useDemandAction();
  const [rating, setRating] = useState(0);
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await act(demand.id, 'call_back', demand.version, { rating, note: note.trim() || undefined });
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('hotline.demand.callBackTitle', { title: demand.title })}
      onCancel={onClose}
      onOk={submit}
      okText={t('hotline.demand.callBack')}
      okButtonProps={{ disabled: rating === 0, loading: busy }}
      cancelText={t('common.cancel')}
    >
      <ApiErrorAlert error={error} />
      <p>{t('hotline.demand.satisfaction')}</p>
      <Rate value={rating} onChange={setRating} aria-label={t('hotline.demand.satisfaction')} />
      <p style={{ marginTop: 12 }}>{t('hotline.demand.callBackNote')}</p>
      <Input.TextArea rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
    </Modal>
  );
}
