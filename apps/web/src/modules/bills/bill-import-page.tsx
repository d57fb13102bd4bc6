import { DownloadOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Result, Space, Table, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { type ChangeEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useSession } from '../../app/auth';
import { formatNumber } from '../../app/format';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { dynamicLabel } from '../../components/labels';
import { PageHeader } from '../../components/page-header';
import { type BillImportResult, billKeys, errorReportHref, templateHref, uploadBills } from './bills-api';
import './bills.css';

type Checked = { file: File; result: BillImportResult };

/** The API names a column by its code; an unknown header comes back as typed, a file problem as ''. */
const columnName = (t: TFunction, field: string) =>
  field ? dynamicLabel(t, 'bills.import.columnName', field) : '—';

/**
 * 导入账单: the utility's file is checked first (nothing written) and the errors shown row by row;
 * only a clean file can be imported, and the same file is then sent again to be written in one go.
 */
export function BillImportPage() {
  const { t } = useTranslation();
  const [checked, setChecked] = useState<Checked | null>(null);
  return (
    <>
      <PageHeader
        crumbs={[{ title: t('bills.menu.group'), to: '/desk/bills' }, { title: t('bills.import.title') }]}
        title={t('bills.import.title')}
      />
      <Typography.Paragraph className="muted">{t('bills.import.intro')}</Typography.Paragraph>
      {checked?.result.committed ? (
        <DoneCard result={checked.result} onAnother={() => setChecked(null)} />
      ) : checked ? (
        <CheckCard checked={checked} onResult={setChecked} onStartOver={() => setChecked(null)} />
      ) : (
        <UploadCard onChecked={setChecked} />
      )}
    </>
  );
}

function UploadCard({ onChecked }: { onChecked: (c: Checked) => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setError(null);
    setBusy(file.name);
    try {
      onChecked({ file, result: await uploadBills(file, false, me.csrfToken) });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card className="bills-card">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text>{t('bills.import.columns')}</Typography.Text>
        <div>
          <label htmlFor="bills-file" className="visually-hidden">
            {t('bills.import.chooseFile')}
          </label>
          <input
            id="bills-file"
            ref={input}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="visually-hidden"
            onChange={onFile}
            disabled={!!busy}
          />
          <Button
            type="primary"
            icon={<InboxOutlined aria-hidden />}
            loading={!!busy}
            onClick={() => input.current?.click()}
          >
            {t('bills.import.chooseFile')}
          </Button>
          <Button type="link" href={templateHref} download icon={<DownloadOutlined aria-hidden />}>
            {t('bills.import.template')}
          </Button>
        </div>
        {busy ? (
          <Typography.Text role="status">{t('bills.import.checking', { name: busy })}</Typography.Text>
        ) : null}
        <ApiErrorAlert error={error} />
      </Space>
    </Card>
  );
}

function CheckCard({
  checked,
  onResult,
  onStartOver,
}: {
  checked: Checked;
  onResult: (c: Checked) => void;
  onStartOver: () => void;
}) {
  const { t } = useTranslation();
  const me = useSession();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { file, result } = checked;
  const clean = result.errors.length === 0 && result.rows > 0;

  const commit = async () => {
    setBusy(true);
    setError(null);
    try {
      // The server checks the file again inside the writing transaction; new errors come back here.
      const next = await uploadBills(file, true, me.csrfToken);
      if (next.committed) await client.invalidateQueries({ queryKey: billKeys.all });
      onResult({ file, result: next });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className="bills-card">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text>
          {t('bills.import.file')}: <strong>{result.fileName}</strong>
          {' · '}
          {t('bills.import.rows', { rows: formatNumber(result.rows), valid: formatNumber(result.valid) })}
        </Typography.Text>
        {clean ? (
          <Alert
            type="success"
            showIcon
            role="status"
            title={t('bills.import.noProblems', { rows: formatNumber(result.rows) })}
          />
        ) : (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={t('bills.import.problems', { count: formatNumber(result.errors.length) })}
            description={t('bills.import.nothingWritten')}
          />
        )}
        {result.errors.length > 0 ? (
          <Table
            rowKey={(r) => `${r.row}:${r.field}:${r.code}`}
            size="small"
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            dataSource={result.errors}
            columns={[
              {
                title: t('bills.import.row'),
                dataIndex: 'row',
                width: 80,
                render: (row: number) => (row > 0 ? row : t('bills.import.fileLevel')),
              },
              {
                title: t('bills.import.column'),
                dataIndex: 'field',
                width: 160,
                render: (field: string) => columnName(t, field),
              },
              { title: t('bills.import.message'), dataIndex: 'message' },
            ]}
          />
        ) : null}
        <ApiErrorAlert error={error} />
        <Space wrap className="bills-import-actions">
          <Button type="primary" disabled={!clean} loading={busy} onClick={commit}>
            {t('bills.import.commit')}
          </Button>
          {result.errors.length > 0 ? (
            <Button href={errorReportHref(result.importId)} download icon={<DownloadOutlined aria-hidden />}>
              {t('bills.import.download')}
            </Button>
          ) : null}
          <Button onClick={onStartOver} icon={<ReloadOutlined aria-hidden />}>
            {t('bills.import.reupload')}
          </Button>
        </Space>
      </Space>
    </Card>
  );
}

function DoneCard({ result, onAnother }: { result: BillImportResult; onAnother: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Card className="bills-card">
      <Result
        status="success"
        title={t('bills.import.done', { count: formatNumber(result.valid) })}
        subTitle={t('bills.import.doneHint')}
        extra={[
          <Button key="list" type="primary" onClick={() => navigate('/desk/bills')}>
            {t('bills.import.toList')}
          </Button>,
          <Button key="again" onClick={onAnother}>
            {t('bills.import.another')}
          </Button>,
        ]}
      />
    </Card>
  );
}
