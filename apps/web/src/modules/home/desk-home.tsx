import type { OrgNodeView } from '@linli/contract';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../app/api';
import { useCan, useSession } from '../../app/auth';
import { formatNumber } from '../../app/format';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { levelLabel, roleLabel } from '../../components/labels';
import { fetchOrgRoots, orgKeys } from '../../components/org-api';
import { CaseHomeCard } from '../cases/case-home-card';

function sum(nodes: OrgNodeView[], pick: (n: OrgNodeView) => number): number {
  return nodes.reduce((acc, n) => acc + pick(n), 0);
}

function ScopeCard() {
  const { t } = useTranslation();
  const roots = useQuery({ queryKey: orgKeys.roots, queryFn: fetchOrgRoots });
  const nodes = roots.data ?? [];
  return (
    <Card title={t('home.scope')} loading={roots.isLoading}>
      <ApiErrorAlert error={roots.error} />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}>
          <Statistic
            title={t('home.units')}
            value={sum(nodes, (n) => n.childCount)}
            formatter={(v) => formatNumber(Number(v))}
          />
        </Col>
        <Col span={6}>
          <Statistic
            title={t('org.households')}
            value={sum(nodes, (n) => n.households)}
            formatter={(v) => formatNumber(Number(v))}
          />
        </Col>
        <Col span={6}>
          <Statistic
            title={t('org.permanentPopulation')}
            value={sum(nodes, (n) => n.permanentPopulation)}
            formatter={(v) => formatNumber(Number(v))}
          />
        </Col>
        <Col span={6}>
          <Statistic
            title={t('org.floatingPopulation')}
            value={sum(nodes, (n) => n.floatingPopulation)}
            formatter={(v) => formatNumber(Number(v))}
          />
        </Col>
      </Row>
      <Space wrap>
        {nodes.map((n) => (
          <Link key={n.id} to={`/desk/org/${n.id}`}>
            {t('org.nodeWithLevel', { name: n.name, level: levelLabel(t, n.level) })}
          </Link>
        ))}
      </Space>
    </Card>
  );
}

function FailedJobsCard() {
  const { t } = useTranslation();
  const failed = useQuery({
    queryKey: ['jobs', 'failed', 'count'],
    queryFn: () =>
      api.get<{ items: unknown[]; nextCursor: string | null }>('/admin/jobs', {
        status: 'failed',
        limit: 50,
      }),
  });
  const count = failed.data?.items.length ?? 0;
  return (
    <Card title={t('nav.jobs')} loading={failed.isLoading}>
      <ApiErrorAlert error={failed.error} />
      <Link to="/desk/admin/jobs">
        <Statistic
          title={t('home.failedJobs')}
          value={failed.data?.nextCursor ? `${count}+` : count}
          styles={{ content: { color: count > 0 ? '#cf1322' : undefined } }}
        />
      </Link>
    </Card>
  );
}

const SHORTCUTS = [
  { path: '/desk/org', key: 'nav.org', permission: 'org.read' },
  { path: '/desk/admin/accounts', key: 'nav.accounts', permission: 'accounts.manage' },
  { path: '/desk/admin/roles', key: 'nav.roles', permission: 'accounts.manage' },
  { path: '/desk/admin/org', key: 'nav.orgMaintenance', permission: 'org.manage' },
  { path: '/desk/admin/calendar', key: 'nav.calendar', permission: 'calendar.manage' },
  { path: '/desk/admin/jobs', key: 'nav.jobs', permission: 'jobs.manage' },
  { path: '/desk/admin/audit', key: 'nav.audit', permission: 'audit.read' },
] as const;

/** 工作台: who you are, where you act, and the way into what you may do. */
export function DeskHome() {
  const { t } = useTranslation();
  const me = useSession();
  const can = useCan();
  const shortcuts = SHORTCUTS.filter((s) => can(s.permission));
  return (
    <div className="stack">
      <div>
        <Typography.Title level={3} style={{ marginTop: 8 }}>
          {t('home.welcome', { name: me.account.displayName })}
        </Typography.Title>
        {me.roles.length > 0 ? (
          <Space size={[4, 4]} wrap aria-label={t('home.yourRoles')}>
            {me.roles.map((r) => (
              <Tag key={r.id} color="blue">
                {roleLabel(t, r.role)} · {r.orgNodeName}
              </Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('home.noRoles')}</Typography.Text>
        )}
      </div>
      <CaseHomeCard />
      {can('org.read') ? <ScopeCard /> : null}
      <Row gutter={16}>
        <Col span={can('jobs.manage') ? 16 : 24}>
          <Card title={t('home.shortcuts')}>
            {shortcuts.length === 0 ? (
              <Empty description={t('home.noShortcuts')} />
            ) : (
              <Space wrap size="middle">
                {shortcuts.map((s) => (
                  <Link key={s.path} to={s.path} className="shortcut">
                    {t(s.key)}
                  </Link>
                ))}
              </Space>
            )}
          </Card>
        </Col>
        {can('jobs.manage') ? (
          <Col span={8}>
            <FailedJobsCard />
          </Col>
        ) : null}
      </Row>
    </div>
  );
}
