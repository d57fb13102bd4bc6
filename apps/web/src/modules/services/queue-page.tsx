import { Button, Card, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate, formatDateTime } from '../../app/format';
import { PageHeader } from '../../components/page-header';
import { type ApplicationListItem, matterName, STATE_COLOR, useApplications } from './services-api';

function ApplicationTable({ view, today }: { view: 'window' | 'department'; today: boolean }) {
  const { t } = useTranslation();
  const { data, isLoading } = useApplications(view, today);
  return (
    <Table<ApplicationListItem>
      rowKey="id"
      size="small"
      loading={isLoading}
      dataSource={data ?? []}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      columns={[
        {
          title: t('services.desk.columns.receipt'),
          dataIndex: 'receiptNumber',
          render: (v: string | null, a) => (
            <Link to={`/desk/services/applications/${a.id}`}>{v ?? `#${a.id}`}</Link>
          ),
        },
        {
          title: t('services.desk.columns.matter'),
          render: (_, a) => matterName({ nameZh: a.matterNameZh, nameEn: a.matterNameEn }),
        },
        { title: t('services.desk.columns.applicant'), dataIndex: 'applicantName' },
        { title: t('services.desk.columns.channel'), render: (_, a) => t(`services.channel.${a.channel}`) },
        {
          title: t('services.desk.columns.state'),
          render: (_, a) => <Tag color={STATE_COLOR[a.state]}>{t(`services.state.${a.state}`)}</Tag>,
        },
        { title: t('services.desk.columns.submittedAt'), render: (_, a) => formatDateTime(a.submittedAt) },
        {
          title: t('services.desk.columns.promisedAt'),
          render: (_, a) => (a.receiptNumber && a.promisedAt ? formatDate(a.promisedAt) : '—'),
        },
        {
          title: '',
          render: (_, a) => <Link to={`/desk/services/applications/${a.id}`}>{t('services.desk.open')}</Link>,
        },
      ]}
    />
  );
}

/** 窗口办件: the window's queue (today's by default), and a new application for someone at the counter. */
export function QueuePage() {
  const { t } = useTranslation();
  const [today, setToday] = useState(true);
  return (
    <>
      <PageHeader
        crumbs={[{ title: t('services.menu.group') }, { title: t('services.menu.window') }]}
        title={t('services.desk.queue')}
        extra={
          <Link to="/desk/services/new">
            <Button type="primary">{t('services.menu.new')}</Button>
          </Link>
        }
      />
      <Card
        size="small"
        extra={
          <Switch
            checked={today}
            onChange={setToday}
            checkedChildren={t('services.desk.today')}
            unCheckedChildren={t('services.desk.today')}
          />
        }
      >
        <ApplicationTable view="window" today={today} />
      </Card>
    </>
  );
}

/** 部门审批: applications forwarded to the user's department. */
export function DepartmentPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader
        crumbs={[{ title: t('services.menu.group') }, { title: t('services.menu.department') }]}
        title={t('services.desk.deptQueue')}
      />
      <Card size="small">
        <ApplicationTable view="department" today={false} />
      </Card>
    </>
  );
}
