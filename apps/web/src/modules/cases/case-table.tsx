import { Button, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../app/format';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { type CaseFilters, type CaseView, casePath, useCaseList } from './case-api';
import { CaseFlags, StateTag, useCaseCategory } from './case-labels';

/**
 * A work list of cases: urgent first (the API's order), overdue rows tinted red, every row opening
 * the case. Pages by cursor with "load more", as the API pages.
 */
export function CaseTable({
  filters,
  emptyText,
  showAssignee = true,
}: {
  filters: CaseFilters;
  emptyText: string;
  showAssignee?: boolean;
}) {
  const { t } = useTranslation();
  const list = useCaseList(filters);
  const category = useCaseCategory();
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <ApiErrorAlert error={list.error} className="filter-bar" />
      <Table<CaseView>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1130 }}
        rowClassName={(r) =>
          r.overdue ? 'case-row-overdue' : r.urgency === 'urgent' ? 'case-row-urgent' : ''
        }
        locale={{ emptyText }}
        columns={[
          { title: t('casesDesk.field.id'), dataIndex: 'id', width: 70, render: (id: number) => `#${id}` },
          {
            title: t('casesDesk.field.title'),
            key: 'title',
            render: (_, r) => (
              <div className="case-title-cell">
                <Link to={casePath(r.id)}>{r.title}</Link>
                <span className="muted">
                  {t(`cases.kind.${r.kind}`)}
                  {r.categoryId ? ` · ${category(r)}` : ''}
                </span>
              </div>
            ),
          },
          {
            title: t('casesDesk.field.state'),
            key: 'state',
            width: 96,
            render: (_, r) => <StateTag c={r} />,
          },
          {
            title: t('casesDesk.field.flags'),
            key: 'flags',
            width: 150,
            render: (_, r) => <CaseFlags c={r} />,
          },
          { title: t('casesDesk.field.grid'), dataIndex: 'orgNodeName', width: 110 },
          ...(showAssignee
            ? [
                {
                  title: t('casesDesk.field.assignee'),
                  dataIndex: 'assigneeNodeName',
                  width: 130,
                  render: (v: string | null) => v ?? '—',
                },
              ]
            : []),
          {
            title: t('casesDesk.field.reportedAt'),
            dataIndex: 'reportedAt',
            width: 140,
            render: (v: string) => formatDateTime(v),
          },
          {
            title: t('casesDesk.field.dueAt'),
            key: 'dueAt',
            width: 140,
            render: (_, r) => (
              <span className={r.overdue ? 'case-overdue-text' : undefined}>{formatDateTime(r.dueAt)}</span>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 70,
            fixed: 'right',
            render: (_, r) => (
              <Link to={casePath(r.id)} aria-label={t('casesDesk.list.openNamed', { title: r.title })}>
                {t('casesDesk.list.open')}
              </Link>
            ),
          },
        ]}
      />
      <div className="case-list-foot">
        <span className="muted" role="status">
          {rows.length > 0 ? t('casesDesk.list.shown', { count: rows.length }) : null}
        </span>
        {list.hasNextPage ? (
          <Button onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        ) : null}
      </div>
    </>
  );
}
