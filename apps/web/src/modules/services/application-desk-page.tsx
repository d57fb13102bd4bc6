import {
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { isApiError } from '../../app/api';
import { formatDate, formatDateTime } from '../../app/format';
import { LazyNotFound as NotFound } from '../../components/lazy-not-found';
import { PageHeader } from '../../components/page-header';
import { PageLoading } from '../../components/page-loading';
import {
  type ApplicationView,
  fireApplicationAction,
  matterName,
  STATE_COLOR,
  useApplication,
  useApplicationChanged,
  useMatter,
} from './services-api';

type Material = ApplicationView['materials'][number];
/** Actions that need a written text, and which field of the action body it fills. */
const TEXT_ACTIONS: Record<string, 'reason' | 'result'> = {
  not_accept: 'reason',
  refuse: 'reason',
  refuse_on_spot: 'reason',
  suspend: 'reason',
  issue: 'result',
};
const HANDOVER_WAYS = ['in_person', 'electronic', 'courier'] as const;

/** The dialog an action needs: a reason or result, the one-time supplement list, or the hand-over way. */
function ActionDialog({
  a,
  action,
  onFire,
  onClose,
}: {
  a: ApplicationView;
  action: string;
  onFire: (extra: Record<string, unknown>) => Promise<void>;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [way, setWay] = useState<string>('electronic');
  const missing = a.materials.filter((m) => !m.present).map((m) => m.code);
  const [picked, setPicked] = useState<string[]>(missing);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const textField = TEXT_ACTIONS[action];
  const body = (): Record<string, unknown> => {
    if (textField) return { [textField]: text };
    if (action === 'forward') return { handoverWay: way };
    return { supplements: picked.map((code) => ({ code, note: notes[code] ?? '' })) };
  };
  return (
    <Modal
      open
      title={t(`services.action.${action}` as 'services.action.accept')}
      onCancel={onClose}
      onOk={() => onFire(body())}
      okText={t(`services.action.${action}` as 'services.action.accept')}
    >
      {textField ? (
        <Input.TextArea
          aria-label={
            textField === 'reason' ? t('services.desk.reasonTitle') : t('services.desk.resultTitle')
          }
          placeholder={
            textField === 'reason' ? t('services.desk.reasonTitle') : t('services.desk.resultTitle')
          }
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={3}
        />
      ) : action === 'forward' ? (
        <Select
          aria-label={t('services.desk.handoverWay')}
          value={way}
          onChange={setWay}
          style={{ width: '100%' }}
          options={HANDOVER_WAYS.map((w) => ({ value: w, label: t(`services.handoverWay.${w}`) }))}
        />
      ) : (
        <>
          <p>{t('services.desk.supplementsTitle')}</p>
          {a.materials
            .filter((m) => !m.registrySupplies)
            .map((m) => (
              <div key={m.code} style={{ marginBottom: 8 }}>
                <Checkbox
                  checked={picked.includes(m.code)}
                  onChange={(e) =>
                    setPicked(e.target.checked ? [...picked, m.code] : picked.filter((c) => c !== m.code))
                  }
                >
                  {i18n.language === 'en-US' ? m.nameEn : m.nameZh}
                </Checkbox>
                {picked.includes(m.code) ? (
                  <Input
                    size="small"
                    aria-label={`${t('services.desk.note')} ${i18n.language === 'en-US' ? m.nameEn : m.nameZh}`}
                    placeholder={t('services.desk.note')}
                    value={notes[m.code] ?? ''}
                    onChange={(e) => setNotes({ ...notes, [m.code]: e.target.value })}
                  />
                ) : null}
              </div>
            ))}
        </>
      )}
    </Modal>
  );
}

/** One application at the window or the department: materials checklist with ticks, the actions open now, the timeline. */
export function ApplicationDeskPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const { data: a, error } = useApplication(id);
  // The matter's field labels, for the answers of its form.
  const { data: matter } = useMatter(a?.matterId ?? 0);
  const changed = useApplicationChanged();
  const [ticks, setTicks] = useState<string[]>([]);
  const [dialog, setDialog] = useState<string | null>(null);
  // The action under way (its button spins; the others stay as they are).
  const [busy, setBusy] = useState<string | null>(null);
  if (error && isApiError(error, 404)) return <NotFound />;
  if (!a) return <PageLoading />;
  const en = i18n.language === 'en-US';
  const fieldLabel = (key: string) => {
    const f = matter?.fields.find((x) => x.key === key);
    return f ? (en ? f.labelEn : f.labelZh) : key;
  };
  const mayTick = a.actions.includes('accept') || a.actions.includes('supply');

  async function fire(action: string, extra: Record<string, unknown> = {}) {
    setBusy(action);
    try {
      const materials = ticks.map((code) => ({ code, checked: true }));
      const withTicks = action === 'accept' || action === 'supply' ? { materials } : {};
      changed(await fireApplicationAction(a!.id, { action, version: a!.version, ...withTicks, ...extra }));
      setDialog(null);
      setTicks([]);
    } catch (e) {
      message.error(isApiError(e) ? [e.message, ...e.details.map((d) => d.message)].join('；') : String(e));
    } finally {
      setBusy(null);
    }
  }
  const needsDialog = (action: string) =>
    action in TEXT_ACTIONS || action === 'forward' || action === 'request_supplement';

  return (
    <>
      <PageHeader
        crumbs={[
          { title: t('services.menu.group') },
          { title: t('services.menu.window'), to: '/desk/services' },
        ]}
        title={`${matterName({ nameZh: a.matterNameZh, nameEn: a.matterNameEn })} · ${a.applicantName}`}
        tags={<Tag color={STATE_COLOR[a.state]}>{t(`services.state.${a.state}`)}</Tag>}
        extra={
          <Space wrap>
            {a.actions
              .filter((x) => x !== 'evaluate')
              .map((action) => (
                <Button
                  key={action}
                  type={
                    ['accept', 'approve', 'approve_on_spot', 'issue', 'forward'].includes(action)
                      ? 'primary'
                      : 'default'
                  }
                  danger={['not_accept', 'refuse', 'refuse_on_spot', 'withdraw'].includes(action)}
                  loading={busy === action && dialog === null}
                  onClick={() => (needsDialog(action) ? setDialog(action) : fire(action))}
                >
                  {t(`services.action.${action}` as 'services.action.accept')}
                </Button>
              ))}
            {a.receiptNumber ? (
              <Button href={`/api/services/applications/${a.id}/receipt`} target="_blank">
                {t('services.detail.printReceipt')}
              </Button>
            ) : null}
            {a.result || a.reason ? (
              <Button href={`/api/services/applications/${a.id}/result`} target="_blank">
                {t('services.detail.printResult')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('services.detail.applicant')}>
            {a.applicantName} {a.idNumberMasked}
          </Descriptions.Item>
          <Descriptions.Item label={t('services.apply.address')}>{a.address ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('services.desk.columns.channel')}>
            {t(`services.channel.${a.channel}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('services.detail.receiptNumber')}>
            {a.receiptNumber ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('services.detail.promisedAt')}>
            {a.promisedAt ? formatDate(a.promisedAt) : '—'}
            {a.pausedAt ? ` (${t('services.detail.paused')})` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('services.detail.window')}>{a.windowName}</Descriptions.Item>
          {a.departmentName ? (
            <Descriptions.Item label={t('services.detail.department')}>{a.departmentName}</Descriptions.Item>
          ) : null}
          {a.agent ? (
            <Descriptions.Item label={t('services.detail.agent')}>
              {a.agent.name}（{t(`services.relation.${a.agent.relation}` as 'services.relation.child')}）
              {a.agent.phone}{' '}
              <a href={`/api/services/files/${a.agent.authorisationFileId}`} target="_blank" rel="noreferrer">
                {t('services.desk.authorisation')}
              </a>
            </Descriptions.Item>
          ) : null}
          {a.suspended ? (
            <Descriptions.Item label={t('services.detail.suspended')}>✓</Descriptions.Item>
          ) : null}
          {a.result ? (
            <Descriptions.Item label={t('services.detail.result')}>{a.result}</Descriptions.Item>
          ) : null}
          {a.reason ? (
            <Descriptions.Item label={t('services.detail.reason')}>{a.reason}</Descriptions.Item>
          ) : null}
          {a.rating ? (
            <Descriptions.Item label={t('services.action.evaluate')}>
              {t(`services.rating.${a.rating}`)} {a.ratingComment ?? ''}
            </Descriptions.Item>
          ) : null}
          {Object.entries(a.form).map(([k, v]) => (
            <Descriptions.Item key={k} label={fieldLabel(k)}>
              {String(v)}
            </Descriptions.Item>
          ))}
        </Descriptions>
        {a.handover ? (
          <p>
            {t('services.detail.handover')}：
            {t('services.detail.handoverText', {
              by: a.handover.by,
              to: a.handover.to,
              at: formatDateTime(a.handover.at),
              way: t(`services.handoverWay.${a.handover.way}` as 'services.handoverWay.in_person'),
            })}
          </p>
        ) : null}
      </Card>
      {a.supplements.length > 0 ? (
        <Card size="small" title={t('services.detail.supplementsTitle')} style={{ marginTop: 12 }}>
          <ul>
            {a.supplements.map((s) => (
              <li key={s.code}>
                {en ? s.nameEn : s.nameZh}
                {s.note ? ` — ${s.note}` : ''}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card size="small" title={t('services.detail.materials')} style={{ marginTop: 12 }}>
        <Table<Material>
          rowKey="code"
          size="small"
          pagination={false}
          dataSource={a.materials}
          columns={[
            { title: t('services.detail.materials'), render: (_, m) => (en ? m.nameEn : m.nameZh) },
            {
              title: '',
              render: (_, m) =>
                m.registrySupplies ? (
                  <Tag color="green">{t('services.catalogue.fromRegistry')}</Tag>
                ) : m.present || ticks.includes(m.code) ? (
                  <Tag color="blue">{t('services.detail.present')}</Tag>
                ) : (
                  <Tag color="red">{t('services.detail.missing')}</Tag>
                ),
            },
            {
              title: '',
              render: (_, m) =>
                m.fileIds.map((f, i) => (
                  <a
                    key={f}
                    href={`/api/services/files/${f}`}
                    target="_blank"
                    rel="noreferrer"
                    style={{ marginRight: 8 }}
                  >
                    {i + 1}
                  </a>
                )),
            },
            {
              title: t('services.desk.tick'),
              render: (_, m) =>
                m.registrySupplies ? null : (
                  <Checkbox
                    aria-label={`${t('services.desk.tick')} ${en ? m.nameEn : m.nameZh}`}
                    disabled={!mayTick || m.checked}
                    checked={m.checked || ticks.includes(m.code)}
                    onChange={(e) =>
                      setTicks(e.target.checked ? [...ticks, m.code] : ticks.filter((c) => c !== m.code))
                    }
                  />
                ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('services.detail.steps')} style={{ marginTop: 12 }}>
        <Timeline
          items={a.events.map((e) => ({
            children: (
              <>
                <b>{t(`services.action.${e.action}` as 'services.action.accept')}</b> · {e.actorName} ·{' '}
                {formatDateTime(e.at)}
                {e.note ? <div>{e.note}</div> : null}
              </>
            ),
          }))}
        />
      </Card>
      {dialog ? (
        <ActionDialog
          a={a}
          action={dialog}
          onFire={(extra) => fire(dialog, extra)}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </>
  );
}
