import { DownloadOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Form,
  Progress,
  Radio,
  Result,
  Select,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import { type ChangeEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../app/api';
import { useSession } from '../../app/auth';
import { formatNumber } from '../../app/format';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { PageHeader } from '../../components/page-header';
import { PageLoading } from '../../components/page-loading';
import {
  commitImport,
  discardImport,
  downloadTemplate,
  FIELDS_BY_KIND,
  IMPORT_KIND_LIST,
  type ImportColumn,
  type ImportKind,
  type ImportView,
  importKey,
  MAX_UPLOAD_TEXT,
  reportHref,
  saveMapping,
  uploadImport,
  useImport,
  validateImport,
} from './import-api';
import './import.css';

type StepKey = 'upload' | 'mapping' | 'check' | 'done';
/** Where the imported records are seen. */
const LIST_OF: Record<ImportKind, string> = {
  residents: '/desk/registry/residents',
  households: '/desk/registry/residents',
  houses: '/desk/registry/houses',
};
const STEP_ORDER: StepKey[] = ['upload', 'mapping', 'check', 'done'];

function stepOf(view: ImportView | undefined): StepKey {
  if (!view || view.status === 'discarded') return 'upload';
  if (view.status === 'uploaded') return 'mapping';
  if (view.status === 'committing' || view.status === 'committed') return 'done';
  return 'check';
}

/**
 * The import wizard (SPEC §3.2): upload → map columns → check the whole file → commit all of it.
 * The import's id is in the address, so a large file's background work can be left and come back to.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const id = Number(params.get('id')) || null;
  const query = useImport(id);
  const client = useQueryClient();
  const view = query.data;

  const show = (next: ImportView) => {
    client.setQueryData(importKey(next.id), next);
    if (next.id !== id) setParams({ id: String(next.id) });
  };
  const startOver = async () => {
    // The old file holds personal data: discard it rather than leave it lying around.
    if (view && ['uploaded', 'validated', 'failed'].includes(view.status))
      await discardImport(view.id).catch(() => {});
    setParams({});
  };

  const step = id && query.isLoading ? null : stepOf(id ? view : undefined);
  return (
    <>
      <PageHeader
        crumbs={[{ title: t('nav.registryGroup') }, { title: t('registryImport.title') }]}
        title={t('registryImport.title')}
      />
      <Typography.Paragraph className="muted">{t('registryImport.intro')}</Typography.Paragraph>
      <Steps
        className="import-steps"
        current={step ? STEP_ORDER.indexOf(step) : 0}
        status={
          view?.status === 'committed'
            ? 'finish'
            : view?.status === 'failed' || (view?.status === 'validated' && view.errorCount > 0)
              ? 'error'
              : 'process'
        }
        items={STEP_ORDER.map((s) => ({ title: t(`registryImport.steps.${s}`) }))}
      />
      {id && query.isError ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={isApiError(query.error, 404) ? t('registryImport.notFound') : (query.error as Error).message}
          action={<Button onClick={() => setParams({})}>{t('registryImport.reupload')}</Button>}
        />
      ) : step === null ? (
        <PageLoading />
      ) : step === 'upload' ? (
        <UploadStep onUploaded={show} />
      ) : step === 'mapping' && view ? (
        <MappingStep view={view} onChecked={show} onStartOver={startOver} />
      ) : step === 'check' && view ? (
        <CheckStep view={view} onCommitted={show} onChecked={show} onStartOver={startOver} />
      ) : view ? (
        <DoneStep view={view} onAnother={() => setParams({})} />
      ) : null}
    </>
  );
}

function UploadStep({ onUploaded }: { onUploaded: (v: ImportView) => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const input = useRef<HTMLInputElement>(null);
  const [nodeId, setNodeId] = useState<number | undefined>();
  const [kind, setKind] = useState<ImportKind>('residents');
  const [progress, setProgress] = useState<{ name: string; percent: number } | null>(null);
  const [error, setError] = useState<unknown>(null);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setError(null);
    setProgress({ name: file.name, percent: 0 });
    try {
      const view = await uploadImport(file, {
        kind,
        nodeId,
        csrfToken: me.csrfToken,
        onProgress: (percent) => setProgress({ name: file.name, percent }),
      });
      onUploaded(view);
    } catch (err) {
      setError(err);
    } finally {
      setProgress(null);
    }
  };

  return (
    <Card className="import-card">
      <Form layout="vertical" requiredMark={false}>
        <Form.Item label={t('registryImport.kind')} extra={t(`registryImport.kindHint.${kind}`)}>
          <Radio.Group
            aria-label={t('registryImport.kind')}
            optionType="button"
            value={kind}
            onChange={(e) => setKind(e.target.value as ImportKind)}
            options={IMPORT_KIND_LIST.map((k) => ({ value: k, label: t(`registryImport.kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          label={t('registryImport.target')}
          htmlFor="import-target"
          extra={t('registryImport.targetHint')}
        >
          <OrgTreeSelect
            id="import-target"
            value={nodeId}
            onChange={(v) => setNodeId(v)}
            placeholder={t('registryImport.targetPlaceholder')}
            allowClear
            style={{ maxWidth: 420 }}
          />
        </Form.Item>
        <Form.Item
          extra={`${t('registryImport.fileHint', { max: MAX_UPLOAD_TEXT })} ${t(`registryImport.headerExample.${kind}`)}`}
        >
          <label htmlFor="import-file" className="visually-hidden">
            {t('registryImport.chooseFile')}
          </label>
          <input
            id="import-file"
            ref={input}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="visually-hidden"
            onChange={onFile}
            disabled={!!progress}
          />
          <Button
            type="primary"
            icon={<InboxOutlined aria-hidden />}
            loading={!!progress}
            onClick={() => input.current?.click()}
          >
            {t('registryImport.chooseFile')}
          </Button>
          <Button
            type="link"
            icon={<DownloadOutlined aria-hidden />}
            onClick={() => downloadTemplate(kind, `${t(`registryImport.templateFile.${kind}`)}.csv`)}
          >
            {t('registryImport.template', { kind: t(`registryImport.kinds.${kind}`) })}
          </Button>
        </Form.Item>
      </Form>
      {progress ? (
        <div role="status" className="import-progress">
          <Typography.Text>{t('registryImport.uploading', { name: progress.name })}</Typography.Text>
          <Progress percent={progress.percent} />
        </div>
      ) : null}
      <ApiErrorAlert error={error} />
    </Card>
  );
}

function MappingStep({
  view,
  onChecked,
  onStartOver,
}: {
  view: ImportView;
  onChecked: (v: ImportView) => void;
  onStartOver: () => void;
}) {
  const { t } = useTranslation();
  const [columns, setColumns] = useState<ImportColumn[]>(view.mapping);
  const [target, setTarget] = useState<{ id: number; name: string }>({
    id: view.node.id,
    name: view.node.name,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => setColumns(view.mapping), [view.mapping]);

  const options = useMemo(
    () => [
      { value: 'ignore', label: t('registryImport.ignore') },
      ...FIELDS_BY_KIND[view.kind].map((f) => ({ value: f, label: t(`registryImport.fields.${f}`) })),
    ],
    [t, view.kind],
  );
  const rows = view.headers.map((header, index) => ({
    index,
    header,
    samples: view.preview
      .map((r) => r[index] ?? '')
      .filter(Boolean)
      .slice(0, 3),
  }));
  const isGrid = view.node.level === 'grid' && target.id === view.node.id;

  const check = async () => {
    setBusy(true);
    setError(null);
    try {
      const changed = target.id !== view.node.id || columns.some((c, i) => c !== view.mapping[i]);
      if (changed) await saveMapping(view.id, columns, target.id !== view.node.id ? target.id : undefined);
      onChecked(await validateImport(view.id));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className="import-card">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text>
          {t('registryImport.file')}: <strong>{view.fileName}</strong>
          {` · ${t(`registryImport.kinds.${view.kind}`)}`}
          {view.rows !== null ? ` · ${t('registryImport.rowsAbout', { rows: formatNumber(view.rows) })}` : ''}
        </Typography.Text>
        <Form layout="vertical" requiredMark={false}>
          <Form.Item
            label={t('registryImport.target')}
            htmlFor="import-target"
            extra={t('registryImport.targetHint')}
            style={{ marginBottom: 0 }}
          >
            <OrgTreeSelect
              id="import-target"
              value={target.id}
              valueLabel={target.name}
              onChange={(id, name) => id && setTarget({ id, name: name ?? String(id) })}
              style={{ maxWidth: 420 }}
            />
          </Form.Item>
        </Form>
        <Alert
          type="info"
          showIcon
          title={t('registryImport.mappingHint')}
          description={`${t(`registryImport.requiredHint.${view.kind}`)}${isGrid ? '' : ` ${t('registryImport.gridHint')}`}`}
        />
        <Table
          rowKey="index"
          size="small"
          pagination={false}
          dataSource={rows}
          columns={[
            {
              title: t('registryImport.column'),
              dataIndex: 'header',
              width: 180,
              render: (h: string) => <strong>{h}</strong>,
            },
            {
              title: t('registryImport.sample'),
              dataIndex: 'samples',
              render: (s: string[]) => <span className="muted">{s.join('、') || '—'}</span>,
            },
            {
              title: t('registryImport.field'),
              key: 'field',
              width: 240,
              render: (_, r) => (
                <Select
                  aria-label={`${t('registryImport.field')}: ${r.header}`}
                  style={{ width: 220 }}
                  value={columns[r.index] ?? undefined}
                  placeholder={t('registryImport.unmapped')}
                  status={columns[r.index] ? undefined : 'warning'}
                  options={options}
                  onChange={(v: string) =>
                    setColumns((old) => old.map((c, i) => (i === r.index ? (v as ImportColumn) : c)))
                  }
                />
              ),
            },
          ]}
        />
        <ApiErrorAlert error={error} />
        <Space>
          <Button type="primary" onClick={check} loading={busy}>
            {t('registryImport.check')}
          </Button>
          <Button onClick={onStartOver} icon={<ReloadOutlined aria-hidden />}>
            {t('registryImport.reupload')}
          </Button>
        </Space>
      </Space>
    </Card>
  );
}

function Running({ view, title }: { view: ImportView; title: string }) {
  const { t } = useTranslation();
  const percent = view.rows ? Math.min(99, Math.floor((view.processed / view.rows) * 100)) : undefined;
  return (
    <div role="status" className="import-progress">
      <Typography.Text strong>{title}</Typography.Text>
      <Progress percent={percent ?? 0} status="active" showInfo={percent !== undefined} />
      <Typography.Text className="muted">
        {view.rows
          ? t('registryImport.progress', {
              processed: formatNumber(view.processed),
              rows: formatNumber(view.rows),
            })
          : t('registryImport.progressOpen', { processed: formatNumber(view.processed) })}
      </Typography.Text>
      <Typography.Paragraph className="muted">{t('registryImport.background')}</Typography.Paragraph>
    </div>
  );
}

function CheckStep({
  view,
  onChecked,
  onCommitted,
  onStartOver,
}: {
  view: ImportView;
  onChecked: (v: ImportView) => void;
  onCommitted: (v: ImportView) => void;
  onStartOver: () => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (view.status === 'validating') {
    return (
      <Card className="import-card">
        <Running view={view} title={t('registryImport.checking')} />
      </Card>
    );
  }
  const act = async (run: () => Promise<ImportView>, then: (v: ImportView) => void) => {
    setBusy(true);
    setError(null);
    try {
      then(await run());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const clean = view.errorCount === 0 && view.status === 'validated';
  return (
    <Card className="import-card">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {view.status === 'failed' ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={t('registryImport.failed')}
            description={view.problem ?? undefined}
          />
        ) : null}
        {clean ? (
          <Alert
            type="success"
            showIcon
            title={t('registryImport.noProblems', { rows: formatNumber(view.rows) })}
            description={t('registryImport.startHint', { rows: formatNumber(view.rows) })}
          />
        ) : view.errorCount > 0 ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={t('registryImport.problems', { count: formatNumber(view.errorCount) })}
            description={
              view.errorCount > view.issues.length
                ? t('registryImport.problemsShown', { shown: formatNumber(view.issues.length) })
                : undefined
            }
          />
        ) : null}
        {view.errorSummary.length > 1 ? (
          <section aria-label={t('registryImport.byKind')} className="import-kinds">
            {view.errorSummary.map((s) => (
              <Tag key={s.code} color="error">
                {s.message.replace(/[“"].*?[”"]/g, '…')} · {t('registryImport.kindCount', { count: s.count })}
              </Tag>
            ))}
          </section>
        ) : null}
        {view.issues.length > 0 ? (
          <Table
            rowKey={(r) => `${r.row}:${r.column}:${r.code}`}
            size="small"
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            dataSource={view.issues}
            columns={[
              { title: t('registryImport.row'), dataIndex: 'row', width: 80 },
              {
                title: t('registryImport.columnShort'),
                key: 'column',
                width: 160,
                render: (_, r) => r.column ?? r.field ?? '—',
              },
              {
                title: t('registryImport.value'),
                dataIndex: 'value',
                width: 220,
                render: (v: string | null) => <span className="mono">{v ?? '—'}</span>,
              },
              { title: t('registryImport.message'), dataIndex: 'message' },
            ]}
          />
        ) : null}
        <ApiErrorAlert error={error} />
        <Space wrap>
          <Button
            type="primary"
            disabled={!clean}
            loading={busy}
            onClick={() => act(() => commitImport(view.id), onCommitted)}
          >
            {t('registryImport.start')}
          </Button>
          {view.errorCount > 0 ? (
            <Button href={reportHref(view.id)} download icon={<DownloadOutlined aria-hidden />}>
              {t('registryImport.download')}
            </Button>
          ) : null}
          <Button onClick={onStartOver} icon={<ReloadOutlined aria-hidden />}>
            {t('registryImport.reupload')}
          </Button>
          {view.status === 'failed' ? (
            <Button onClick={() => act(() => validateImport(view.id), onChecked)} disabled={busy}>
              {t('registryImport.recheck')}
            </Button>
          ) : null}
        </Space>
      </Space>
    </Card>
  );
}

function DoneStep({ view, onAnother }: { view: ImportView; onAnother: () => void }) {
  const { t } = useTranslation();
  if (view.status === 'committing') {
    return (
      <Card className="import-card">
        <Running view={view} title={t('registryImport.committing')} />
        <Typography.Paragraph className="muted">{t('registryImport.committingHint')}</Typography.Paragraph>
      </Card>
    );
  }
  return (
    <Card className="import-card">
      <Result
        status="success"
        title={t(`registryImport.done.${view.kind}`, {
          residents: formatNumber(view.created?.residents ?? 0),
          households: formatNumber(view.created?.householdsCreated ?? 0),
          buildings: formatNumber(view.created?.buildingsCreated ?? 0),
          houses: formatNumber(view.created?.housesCreated ?? 0),
        })}
        subTitle={t(`registryImport.doneHint.${view.kind}`)}
        extra={[
          <Link key="list" to={LIST_OF[view.kind]} className="import-done-link">
            {t(`registryImport.toList.${view.kind}`)}
          </Link>,
          <Button key="again" onClick={onAnother}>
            {t('registryImport.another')}
          </Button>,
        ]}
      />
    </Card>
  );
}
