import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { RESIDENT_TOTAL_CAP } from '@linli/contract';
import { Button, Table, type TableProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useCan, useSession } from '../../app/auth';
import { formatNumber } from '../../app/format';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { PageHeader } from '../../components/page-header';
import { StatusTag } from '../../components/status-tag';
import {
  exportHref,
  type ResidentFilters,
  type ResidentView,
  residentPath,
  useResidentList,
} from './registry-api';
import { RESIDENT_STATUS_TONE, regLabel } from './registry-labels';
import { ResidentCreateDrawer } from './resident-create-drawer';
import { type FilterValues, filtersFromParams, filtersToParams, ResidentFilterBar } from './resident-filters';
import { ResidentTags } from './resident-tags';
import './registry.css';

const rememberKey = (accountId: number) => `linli.registry.filters.${accountId}`;

/** The filters people used last time are kept per user (UX.md) and restored when the list opens bare. */
function useRememberedFilters(): [FilterValues, (f: FilterValues) => void] {
  const me = useSession();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  useEffect(() => {
    if (params.size > 0) return;
    try {
      const saved = JSON.parse(localStorage.getItem(rememberKey(me.account.id)) ?? 'null') as unknown;
      if (saved && typeof saved === 'object') {
        const restored = filtersToParams(
          filtersFromParams(new URLSearchParams(saved as Record<string, string>)),
        );
        if (Object.keys(restored).length > 0) setParams(restored, { replace: true });
      }
    } catch {
      // A broken entry is simply forgotten.
    }
  }, [params, setParams, me.account.id]);
  const set = (f: FilterValues) => {
    const next = filtersToParams(f);
    setParams(next);
    try {
      localStorage.setItem(rememberKey(me.account.id), JSON.stringify(next));
    } catch {
      // Not remembering is harmless.
    }
  };
  return [filters, set];
}

export function ResidentListPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [filters, setFilters] = useRememberedFilters();
  const [creating, setCreating] = useState(false);
  const { nodeName: _label, ...query } = filters;
  const apiFilters: ResidentFilters = query;
  const list = useResidentList(apiFilters);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total ?? null;
  const filtered = Object.keys(query).some((k) => k !== 'sort' && k !== 'status');

  const onTableChange: TableProps<ResidentView>['onChange'] = (_p, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const sort = s?.order ? (s.columnKey === 'age' ? 'birthDate' : 'name') : undefined;
    setFilters({ ...filters, sort: sort === 'name' ? undefined : sort });
  };
  const sortOrder = (key: 'name' | 'age') =>
    key === 'age'
      ? filters.sort === 'birthDate'
        ? ('descend' as const)
        : null
      : !filters.sort || filters.sort === 'name'
        ? ('ascend' as const)
        : null;

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('nav.registryGroup') }, { title: t('nav.residents') }]}
        title={t('nav.residents')}
        extra={
          <>
            <Button href={exportHref(apiFilters)} download icon={<DownloadOutlined aria-hidden />}>
              {t('registry.list.export')}
            </Button>
            {can('registry.write') ? (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
                {t('registry.list.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <ResidentFilterBar value={filters} onSearch={setFilters} />
      <ApiErrorAlert error={list.error} className="filter-bar" />
      <Table<ResidentView>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={rows}
        pagination={false}
        onChange={onTableChange}
        scroll={{ x: 1100 }}
        locale={{ emptyText: filtered ? t('registry.list.noMatch') : t('registry.list.empty') }}
        columns={[
          {
            title: t('registry.field.name'),
            key: 'name',
            sorter: true,
            sortDirections: ['ascend'],
            sortOrder: sortOrder('name'),
            render: (_, r) => <Link to={residentPath(r.id)}>{r.name}</Link>,
          },
          {
            title: t('registry.field.gender'),
            dataIndex: 'gender',
            width: 70,
            render: (v: string) => regLabel(t, 'gender', v),
          },
          {
            title: t('registry.field.age'),
            key: 'age',
            width: 90,
            sorter: true,
            sortDirections: ['descend'],
            sortOrder: sortOrder('age'),
            render: (_, r) => t('registry.list.ageValue', { age: r.age }),
          },
          {
            title: t('registry.field.idNumber'),
            dataIndex: 'idNumber',
            render: (v: string | null) => <span className="mono">{v ?? '—'}</span>,
          },
          {
            title: t('registry.field.phone'),
            dataIndex: 'phone',
            render: (v: string | null) => <span className="mono">{v ?? '—'}</span>,
          },
          { title: t('registry.list.grid'), dataIndex: 'gridName' },
          {
            title: t('registry.field.tags'),
            dataIndex: 'tags',
            render: (tags: string[]) => <ResidentTags tags={tags} />,
          },
          {
            title: t('registry.field.residenceType'),
            dataIndex: 'residenceType',
            render: (v: string) => regLabel(t, 'residenceType', v),
          },
          ...(filters.status && filters.status !== 'active'
            ? [
                {
                  title: t('registry.field.status'),
                  key: 'status',
                  render: (_: unknown, r: ResidentView) => (
                    <StatusTag tone={RESIDENT_STATUS_TONE[r.status] ?? 'refused'}>
                      {regLabel(t, 'status', r.status)}
                    </StatusTag>
                  ),
                },
              ]
            : []),
          {
            title: t('common.actions'),
            key: 'actions',
            width: 80,
            render: (_, r) => (
              <Link to={residentPath(r.id)} aria-label={t('registry.list.viewNamed', { name: r.name })}>
                {t('common.view')}
              </Link>
            ),
          },
        ]}
      />
      <div className="registry-list-foot">
        <span className="muted" role="status">
          {total !== null && total > RESIDENT_TOTAL_CAP
            ? t('registry.list.totalMore', { total: formatNumber(RESIDENT_TOTAL_CAP) })
            : total !== null
              ? t('registry.list.total', { total: formatNumber(total) })
              : rows.length > 0
                ? t('registry.list.shown', { count: rows.length })
                : null}
        </span>
        {list.hasNextPage ? (
          <Button onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        ) : null}
        <span />
      </div>
      <ResidentCreateDrawer open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
