import { Alert, Card, Col, Descriptions, type DescriptionsProps, Row, Statistic } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../app/api';
import { useCan } from '../../app/auth';
import { formatDateTime } from '../../app/format';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { NotFound } from '../../components/not-found';
import { type Crumb, PageHeader } from '../../components/page-header';
import { PageLoading } from '../../components/page-loading';
import { CaseActionBar } from './case-actions';
import { type CaseDetailView, casePath, useCase } from './case-api';
import { CaseFlags, caseLabel, StateTag, useCaseCategory } from './case-labels';
import { CaseNoteBox } from './case-note-box';
import { CasePhotos } from './case-photos';
import { CaseTimeline } from './case-timeline';
import './cases-desk.css';

type Fact = NonNullable<DescriptionsProps['items']>[number];

/** Short facts two to a row, then the long ones (parties, address, description) each on a full row. */
function CaseFacts({ c }: { c: CaseDetailView }) {
  const { t } = useTranslation();
  const category = useCaseCategory();
  const dash = (v: string | null | undefined) => v || '—';
  const fact = (key: string, label: string, children: ReactNode): Fact => ({ key, label, children });
  const short: Fact[] = [
    fact('kind', t('casesDesk.field.kind'), t(`cases.kind.${c.kind}`)),
    fact('stage', t('casesDesk.field.stage'), t(`cases.stage.${c.stage}`)),
    fact('category', t('casesDesk.field.category'), category(c)),
    fact('urgency', t('casesDesk.field.urgency'), t(`cases.urgency.${c.urgency}`)),
    fact(
      'grid',
      t('casesDesk.field.grid'),
      c.outsideGrids ? t('casesDesk.detail.outsideGrids', { name: c.orgNodeName }) : c.orgNodeName,
    ),
    fact('level', t('casesDesk.field.level'), t(`cases.level.${c.handlingLevel}`)),
    fact('assignee', t('casesDesk.field.assignee'), dash(c.assigneeNodeName)),
    fact('channel', t('casesDesk.field.channel'), t(`cases.channel.${c.channel}`)),
    fact('reporter', t('casesDesk.field.reporter'), dash(c.reporterName)),
    fact('reportedAt', t('casesDesk.field.reportedAt'), formatDateTime(c.reportedAt)),
    fact(
      'dueAt',
      t('casesDesk.field.dueAt'),
      <span className={c.overdue ? 'case-overdue-text' : undefined}>
        {formatDateTime(c.dueAt)}
        {c.overdue ? ` · ${t('casesDesk.flag.overdue')}` : ''}
      </span>,
    ),
    fact('closedAt', t('casesDesk.field.closedAt'), formatDateTime(c.closedAt)),
  ];
  if (c.pendingRequest === 'postpone')
    short.push(fact('pendingDueAt', t('casesDesk.field.requestedDueAt'), formatDateTime(c.pendingDueAt)));
  if (c.parentId)
    short.push(
      fact('parent', t('casesDesk.field.parent'), <Link to={casePath(c.parentId)}>#{c.parentId}</Link>),
    );
  if (c.externalSystem)
    short.push(
      fact(
        'external',
        t('casesDesk.field.externalSystem'),
        `${caseLabel(t, 'transferSystem', c.externalSystem)} ${c.externalId ?? ''}`,
      ),
    );
  if (c.reasonCode)
    short.push(fact('reason', t('casesDesk.field.reason'), caseLabel(t, 'reason', c.reasonCode)));
  if (c.rating)
    short.push(fact('rating', t('casesDesk.field.rating'), t('casesDesk.detail.stars', { n: c.rating })));
  const wide: Fact[] = [];
  if (c.parties?.length)
    wide.push(
      fact(
        'parties',
        t('casesDesk.field.parties'),
        c.parties.map((p) => (p.role ? `${p.name}（${p.role}）` : p.name)).join('、'),
      ),
    );
  if (c.involved.length)
    wide.push(fact('involved', t('casesDesk.field.involved'), c.involved.map((i) => i.label).join('、')));
  wide.push(
    fact('address', t('casesDesk.field.address'), dash(c.address)),
    fact(
      'description',
      t('casesDesk.field.description'),
      <p className="case-entry-note">{dash(c.description)}</p>,
    ),
  );
  const items = [
    ...short.map((f, i) =>
      i === short.length - 1 && short.length % 2 === 1 ? { ...f, span: 'filled' as const } : f,
    ),
    ...wide.map((f) => ({ ...f, span: 'filled' as const })),
  ];
  return <Descriptions size="small" column={2} bordered items={items} />;
}

function Counters({ c }: { c: CaseDetailView }) {
  const { t } = useTranslation();
  const figures = [
    ['rework', c.reworkCount],
    ['wrongDispatch', c.wrongDispatchCount],
    ['postpone', c.postponeCount],
    ['reopen', c.reopenCount],
  ] as const;
  return (
    <Row gutter={16}>
      {figures.map(([k, n]) => (
        <Col span={6} key={k}>
          <Statistic
            title={t(`casesDesk.detail.counter.${k}`)}
            value={n}
            styles={{ content: { color: n > 0 ? '#cf1322' : undefined } }}
          />
        </Col>
      ))}
    </Row>
  );
}

/** 事件详情: the facts, the photos, every step so far, and the actions the user may take now. */
export function CaseDetailPage() {
  const { t } = useTranslation();
  const can = useCan();
  const id = Number(useParams().id);
  const query = useCase(id);
  if (!Number.isInteger(id) || id <= 0 || isApiError(query.error, 404)) return <NotFound />;
  if (query.isLoading) return <PageLoading />;
  if (!query.data) return <ApiErrorAlert error={query.error} />;
  const c = query.data;
  const list: Crumb = can('cases.dispatch')
    ? { title: t('casesDesk.menu.queue'), to: '/desk/cases' }
    : { title: t('casesDesk.menu.assigned'), to: '/desk/cases/assigned' };
  return (
    <div className="stack">
      <PageHeader
        crumbs={[{ title: t('casesDesk.menu.group') }, list, { title: `#${c.id}` }]}
        title={`#${c.id} ${c.title}`}
        tags={
          <>
            <StateTag c={c} />
            <CaseFlags c={c} />
          </>
        }
        extra={<CaseActionBar c={c} />}
      />
      {c.pendingRequest ? (
        <Alert
          type="warning"
          showIcon
          title={t(`casesDesk.detail.pending.${c.pendingRequest}`, { due: formatDateTime(c.pendingDueAt) })}
        />
      ) : null}
      <Row gutter={16} align="top">
        <Col span={14} className="stack">
          <Card size="small" title={t('casesDesk.detail.facts')}>
            <CaseFacts c={c} />
          </Card>
          <Card size="small" title={t('casesDesk.detail.counters')}>
            <Counters c={c} />
          </Card>
          <Card size="small" title={t('casesDesk.detail.photos', { count: c.photos.length })}>
            {c.photos.length ? (
              <CasePhotos photos={c.photos} />
            ) : (
              <span className="muted">{t('casesDesk.detail.noPhotos')}</span>
            )}
          </Card>
        </Col>
        <Col span={10} className="stack">
          <Card size="small" title={t('casesDesk.detail.timeline')}>
            <CaseTimeline caseId={c.id} entries={c.timeline} />
            <CaseNoteBox c={c} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
