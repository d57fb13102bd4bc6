import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { residentUnitBody } from '@linli/contract';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useCan } from '../../app/auth';
import { formatNumber } from '../../app/format';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { compact } from '../../components/form-errors';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { PageHeader } from '../../components/page-header';
import { ActionModal } from './action-modal';
import { GridSelect } from './grid-select';
import { parseCreditCode, reasonMessage } from './id-checks';
import { type ResidentUnit, useRegistryUpdated, useUnits } from './registry-api';
import { labelOptions, regLabel, UNIT_KIND_LIST } from './registry-labels';
import './registry.css';

type UnitValues = {
  gridId?: number;
  name?: string;
  creditCode?: string;
  kind?: string;
  contactName?: string;
  contactPhone?: string;
  staffCount?: number | null;
  address?: string;
};

/** The code is checked as it is typed; warnings (which the API also accepts) show as a yellow note. */
function CreditCodeField() {
  const { t } = useTranslation();
  const code = Form.useWatch<string | undefined>('creditCode');
  const parsed = code?.trim() ? parseCreditCode(code) : null;
  return (
    <>
      <Form.Item
        name="creditCode"
        label={t('registry.units.creditCode')}
        validateDebounce={300}
        rules={[
          {
            validator: (_, v?: string) => {
              const p = v?.trim() ? parseCreditCode(v) : null;
              return !p || p.ok ? Promise.resolve() : Promise.reject(new Error(reasonMessage(t, p.reason)));
            },
          },
        ]}
      >
        <Input className="mono" maxLength={32} autoComplete="off" />
      </Form.Item>
      {parsed?.ok && parsed.warnings.length > 0 ? <CreditWarnings warnings={parsed.warnings} /> : null}
    </>
  );
}

function CreditWarnings({ warnings }: { warnings: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <Alert
      className="form-summary"
      type="warning"
      showIcon
      title={t('registry.units.warningsTitle')}
      description={warnings.map((w) => reasonMessage(t, w)).join(' ')}
    />
  );
}

function UnitCreateModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const updated = useRegistryUpdated();
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <ActionModal
      title={t('registry.units.create')}
      okText={t('common.create')}
      width={640}
      schema={residentUnitBody}
      toBody={(v: UnitValues) => compact(v)}
      submit={(body) => api.post<ResidentUnit>('/registry/units', body)}
      done={(u) => t('registry.units.created', { name: u.name })}
      onDone={(u) => {
        updated();
        if (u.creditCodeWarnings.length > 0) {
          message.warning(u.creditCodeWarnings.map((w) => reasonMessage(t, w)).join(' '));
        }
      }}
      onClose={onClose}
      initialValues={{ kind: 'enterprise' }}
    >
      <Form.Item name="gridId" label={t('registry.field.gridId')} rules={required}>
        <GridSelect />
      </Form.Item>
      <Form.Item name="name" label={t('registry.units.name')} rules={required}>
        <Input maxLength={100} />
      </Form.Item>
      <CreditCodeField />
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="kind" label={t('registry.units.kind')} rules={required}>
            <Select options={labelOptions(t, 'unitKind', UNIT_KIND_LIST)} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="staffCount" label={t('registry.units.staffCount')}>
            <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="contactName" label={t('registry.units.contactName')}>
            <Input maxLength={32} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="contactPhone" label={t('registry.units.contactPhone')}>
            <Input inputMode="tel" maxLength={32} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="address" label={t('registry.units.address')}>
        <Input maxLength={200} />
      </Form.Item>
    </ActionModal>
  );
}

export function UnitsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [filters, setFilters] = useState<{ nodeId?: number; q: string }>({ q: '' });
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ nodeId?: number; q?: string }>();
  const units = useUnits(filters.nodeId, filters.q);
  const rows = units.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader
        crumbs={[{ title: t('nav.registryGroup') }, { title: t('nav.units') }]}
        title={t('nav.units')}
        extra={
          can('registry.write') ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              {t('registry.units.create')}
            </Button>
          ) : null
        }
      />
      <Card size="small" className="filter-bar">
        <Form
          form={form}
          layout="inline"
          onFinish={(v) => setFilters({ nodeId: v.nodeId, q: v.q?.trim() ?? '' })}
          style={{ rowGap: 8 }}
        >
          <Form.Item name="q" label={t('registry.units.search')}>
            <Input allowClear placeholder={t('registry.units.searchPlaceholder')} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="nodeId" label={t('registry.list.node')}>
            <OrgTreeSelect
              allowClear
              style={{ width: 240 }}
              placeholder={t('registry.list.nodePlaceholder')}
            />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
              {t('common.search')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <ApiErrorAlert error={units.error} className="filter-bar" />
      <Table<ResidentUnit>
        rowKey="id"
        loading={units.isLoading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('registry.units.empty') }}
        columns={[
          { title: t('registry.units.name'), dataIndex: 'name' },
          {
            title: t('registry.units.creditCode'),
            key: 'creditCode',
            render: (_, u) => (
              <>
                <span className="mono">{u.creditCode ?? '—'}</span>
                {u.creditCodeWarnings.length > 0 ? <CreditWarnings warnings={u.creditCodeWarnings} /> : null}
              </>
            ),
          },
          { title: t('registry.units.kind'), dataIndex: 'kind', render: (v) => regLabel(t, 'unitKind', v) },
          { title: t('registry.units.contactName'), dataIndex: 'contactName', render: (v) => v ?? '—' },
          {
            title: t('registry.units.contactPhone'),
            dataIndex: 'contactPhone',
            render: (v) => <span className="mono">{v ?? '—'}</span>,
          },
          {
            title: t('registry.units.staffCount'),
            dataIndex: 'staffCount',
            align: 'right',
            render: (v: number | null) => formatNumber(v),
          },
          { title: t('registry.units.address'), dataIndex: 'address', render: (v) => v ?? '—' },
        ]}
      />
      {units.hasNextPage ? (
        <div className="load-more">
          <Button onClick={() => units.fetchNextPage()} loading={units.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </div>
      ) : null}
      {creating ? <UnitCreateModal onClose={() => setCreating(false)} /> : null}
    </>
  );
}
