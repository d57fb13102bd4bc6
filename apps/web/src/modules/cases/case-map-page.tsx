import { UnorderedListOutlined } from '@ant-design/icons';
import { Alert, Card, Empty, Space } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { PageHeader } from '../../components/page-header';
import { casePath, useCaseMap } from './case-api';
import { caseLabel } from './case-labels';
import { CaseMap, MARKER_COLOURS, markerTone, worstFirst } from './case-map';
import './cases-desk.css';

function Legend() {
  const { t } = useTranslation();
  return (
    <Space size="large" className="case-map-legend" aria-label={t('casesDesk.map.legend')}>
      {(Object.keys(MARKER_COLOURS) as (keyof typeof MARKER_COLOURS)[]).map((k) => (
        <span key={k}>
          <span className="case-map-dot" style={{ background: MARKER_COLOURS[k] }} aria-hidden />
          {t(`casesDesk.map.tone.${k}`)}
        </span>
      ))}
    </Space>
  );
}

/** 事件地图: the open cases in scope over the grid polygons, with the same cases as a list beside it. */
export function CaseMapPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const nodeId = Number(params.get('nodeId')) || undefined;
  const map = useCaseMap(nodeId);
  const [selected, setSelected] = useState<{ id: number }>();
  const onOpen = useCallback((id: number) => navigate(casePath(id)), [navigate]);
  const items = map.data?.items ?? [];
  const areas = map.data?.areas ?? [];
  const listed = useMemo(() => [...items].sort(worstFirst), [items]);

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('casesDesk.menu.group') }, { title: t('casesDesk.menu.map') }]}
        title={t('casesDesk.menu.map')}
        extra={
          <>
            <OrgTreeSelect
              allowClear
              style={{ width: 240 }}
              aria-label={t('casesDesk.list.node')}
              placeholder={t('casesDesk.list.nodePlaceholder')}
              value={nodeId}
              valueLabel={params.get('nodeName') ?? undefined}
              onChange={(id, name) => setParams(id ? { nodeId: String(id), nodeName: name ?? '' } : {})}
            />
            <Link to="/desk/cases" className="link-button">
              <UnorderedListOutlined aria-hidden /> {t('casesDesk.menu.queue')}
            </Link>
          </>
        }
      />
      <ApiErrorAlert error={map.error} className="filter-bar" />
      {map.data && areas.length === 0 ? (
        <Alert className="filter-bar" type="info" showIcon title={t('casesDesk.map.noAreas')} />
      ) : null}
      <div className="case-map-layout">
        <Card size="small" title={<Legend />} loading={map.isLoading}>
          <CaseMap items={items} areas={areas} selected={selected} onOpen={onOpen} />
        </Card>
        <Card
          size="small"
          title={t('casesDesk.map.listTitle', { count: items.length })}
          className="case-map-list"
        >
          {listed.length === 0 ? (
            <Empty description={t('casesDesk.map.empty')} />
          ) : (
            <ul>
              {listed.map((c) => (
                <li key={c.id}>
                  <button type="button" onClick={() => setSelected({ id: c.id })}>
                    <span
                      className="case-map-dot"
                      style={{ background: MARKER_COLOURS[markerTone(c)] }}
                      aria-hidden
                    />
                    <span className="case-map-list-title">
                      #{c.id} {c.title}
                    </span>
                    <span className="muted">
                      {caseLabel(t, 'state', c.state)}
                      {markerTone(c) !== 'normal' ? ` · ${t(`casesDesk.map.tone.${markerTone(c)}`)}` : ''}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
