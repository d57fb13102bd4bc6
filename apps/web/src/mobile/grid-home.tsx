import { RightOutlined, SolutionOutlined, TeamOutlined, UserAddOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Empty, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCan, useSession } from '../app/auth';
import { formatNumber } from '../app/format';
import { ApiErrorAlert } from '../components/api-error-alert';
import { levelLabel } from '../components/labels';
import { fetchOrgRoots, orgKeys } from '../components/org-api';
import { PageLoading } from '../components/page-loading';
import { ReportEventButton, TasksTile } from './cases/home-entries';
import { SyncCard } from './cases/sync-card';
import { BORDER_BOX, ExpiringList } from './registry/expiring-list';

function MyGrids() {
  const { t } = useTranslation();
  const grids = useQuery({ queryKey: orgKeys.roots, queryFn: fetchOrgRoots });
  if (grids.isLoading) return <PageLoading />;
  if (grids.error) return <ApiErrorAlert error={grids.error} />;
  const list = grids.data ?? [];
  if (list.length === 0) return <Empty description={t('phone.noGrid')} />;
  return (
    <>
      {list.map((g) => (
        <article key={g.id} className="phone-card" aria-label={g.name}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
            <strong style={{ fontSize: 16 }}>{g.name}</strong>
            <Tag color="blue">{levelLabel(t, g.level)}</Tag>
          </div>
          <span className="muted mono">{g.code}</span>
          <div className="figure-row">
            <div className="figure">
              <span className="figure-value">{formatNumber(g.households)}</span>
              <span className="figure-label">{t('org.households')}</span>
            </div>
            <div className="figure">
              <span className="figure-value">{formatNumber(g.permanentPopulation)}</span>
              <span className="figure-label">{t('org.permanentPopulation')}</span>
            </div>
            <div className="figure">
              <span className="figure-value">{formatNumber(g.floatingPopulation)}</span>
              <span className="figure-label">{t('org.floatingPopulation')}</span>
            </div>
          </div>
        </article>
      ))}
    </>
  );
}

/** Grid-worker home: tasks and reporting first, then their grid(s) and whether the phone is online. */
export function GridHome() {
  const { t } = useTranslation();
  const me = useSession();
  const can = useCan();
  return (
    <>
      <h2 className="phone-title">{t('phone.hello', { name: me.account.displayName })}</h2>
      <ReportEventButton />
      <nav aria-label={t('phone.services')}>
        <div className="tiles">
          <TasksTile />
          {can('registry.read') ? (
            <Link to="/m/grid/people" className="tile">
              <span aria-hidden="true">
                <TeamOutlined aria-hidden />
              </span>
              <span>{t('phone.tiles.people')}</span>
            </Link>
          ) : null}
          {can('registry.write') ? (
            <>
              <Link to="/m/grid/add" className="tile">
                <span aria-hidden="true">
                  <UserAddOutlined aria-hidden />
                </span>
                <span>{t('phone.tiles.addResident')}</span>
              </Link>
              <Link to="/m/grid/floating" className="tile">
                <span aria-hidden="true">
                  <SolutionOutlined aria-hidden />
                </span>
                <span>{t('phone.tiles.floating')}</span>
              </Link>
            </>
          ) : null}
        </div>
      </nav>
      {can('registry.read') ? (
        <section className="phone-section" aria-labelledby="expiring">
          <h2 id="expiring">{t('registry.m.expiring')}</h2>
          <ExpiringList />
        </section>
      ) : null}
      <section className="phone-section" aria-labelledby="my-grid">
        <h2 id="my-grid">{t('phone.myGrid')}</h2>
        <MyGrids />
        {can('registry.read') ? (
          <ul className="menu-list" style={{ marginTop: 12 }}>
            <li>
              <Link to="/m/grid/people" style={BORDER_BOX}>
                {t('phone.tiles.people')}
                <RightOutlined aria-hidden />
              </Link>
            </li>
          </ul>
        ) : null}
      </section>
      <section className="phone-section" aria-labelledby="sync">
        <h2 id="sync">{t('phone.sync')}</h2>
        <SyncCard />
      </section>
    </>
  );
}
