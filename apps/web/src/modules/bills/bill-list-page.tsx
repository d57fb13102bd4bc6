import { ImportOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { formatNumber } from '../../app/format';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { PageHeader } from '../../components/page-header';
import { formatYuan, shanghaiToday } from './bill-format';
import { BillStatusTag } from './bill-status-tag';
import {
  BILL_KIND_CODES,
  BILL_STATUS_CODES,
  type BillFilters,
  type BillKind,
  type BillStatus,
  type BillView,
  useBills,
} from './bills-api';
import './bills.css';

type FormValues = { status?: BillStatus; kind?: BillKind; period?: string; q?: string };

function toFilters(v: FormValues): BillFilters {
  const q = v.q?.trim();
  return {
    status: v.status || undefined,
    kind: v.kind || undefined,
    period: v.period || undefined,
    q: q || undefined,
  };
}

/** 账单管理: every bill in the user's area, filtered the way the window works (status, kind, period, text). */
export function BillListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const [filters, setFilters] = useState<BillFilters>({});
  const bills = useBills(filters);
  const rows = bills.data?.pages.flatMap((p) => p.items) ?? [];
  const totals = bills.data?.pages[0]?.totals;
  const today = shanghaiToday();

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('bills.menu.group') }, { title: t('bills.menu.list') }]}
        title={t('bills.menu.list')}
        extra={
          <Link to="/desk/bills/import">
            <Button type="primary" icon={<ImportOutlined aria-hidden />}>
              {t('bills.menu.import')}
            </Button>
          </Link>
        }
      />
      <Card size="small" className="filter-bar">
        <Form<FormValues>
          form={form}
          layout="inline"
          onFinish={(v) => setFilters(toFilters(v))}
          style={{ rowGap: 8 }}
        >
          <Form.Item name="q" label={t('bills.list.searchLabel')}>
            <Input allowClear placeholder={t('bills.list.search')} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="status" label={t('bills.field.status')}>
            <Select
              allowClear
              placeholder={t('bills.list.allStatuses')}
              style={{ width: 130 }}
              options={BILL_STATUS_CODES.map((s) => ({ value: s, label: t(`bills.status.${s}`) }))}
            />
          </Form.Item>
          <Form.Item name="kind" label={t('bills.field.kind')}>
            <Select
              allowClear
              placeholder={t('bills.list.allKinds')}
              style={{ width: 150 }}
              options={BILL_KIND_CODES.map((k) => ({ value: k, label: t(`bills.kind.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="period" label={t('bills.list.periodLabel')}>
            <Input type="month" style={{ width: 160 }} />
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
      <ApiErrorAlert error={bills.error} className="filter-bar" />
      {totals ? (
        <Typography.Paragraph className="bills-totals" role="status">
          {t('bills.list.totals', {
            count: formatNumber(totals.count),
            unpaid: formatYuan(totals.unpaidCents),
            paid: formatYuan(totals.paidCents),
          })}
        </Typography.Paragraph>
      ) : null}
      <Table<BillView>
        rowKey="id"
        size="small"
        loading={bills.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t('bills.list.empty') }}
        onRow={(b) => ({ onClick: () => navigate(`/desk/bills/${b.id}`), className: 'bills-row' })}
        columns={[
          {
            title: t('bills.field.household'),
            render: (_, b) => (
              <Link to={`/desk/bills/${b.id}`} onClick={(e) => e.stopPropagation()}>
                {b.householdAddress}
              </Link>
            ),
          },
          { title: t('bills.field.community'), dataIndex: 'orgPathName', width: 200 },
          { title: t('bills.field.kind'), width: 110, render: (_, b) => t(`bills.kind.${b.kind}`) },
          { title: t('bills.field.biller'), dataIndex: 'biller', width: 160 },
          { title: t('bills.field.period'), dataIndex: 'period', width: 90 },
          {
            title: t('bills.field.amount'),
            width: 120,
            align: 'right',
            render: (_, b) => <span className="bills-money">{formatYuan(b.amountCents)}</span>,
          },
          { title: t('bills.field.dueDate'), dataIndex: 'dueDate', width: 110 },
          {
            title: t('bills.field.status'),
            width: 100,
            render: (_, b) => <BillStatusTag bill={b} today={today} />,
          },
        ]}
      />
      {bills.hasNextPage ? (
        <div className="bills-more">
          <Button onClick={() => bills.fetchNextPage()} loading={bills.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </div>
      ) : null}
    </>
  );
}
