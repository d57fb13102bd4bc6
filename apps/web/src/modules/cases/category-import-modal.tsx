import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { caseKeys, importCategories } from './case-api';

const EXAMPLE = `[
  { "code": "E09", "type": "event", "nameZh": "噪声扰民", "nameEn": "Noise",
    "handlerDepartmentType": "urban_management" },
  { "code": "E0901", "parentCode": "E09", "type": "event", "nameZh": "施工噪声", "nameEn": "Building-site noise",
    "limitsNormal": { "file": 1, "dispatch": 1, "handle": 16, "check": 2 } }
]`;

/** A JSON list (or `{ "categories": [...] }`) from a file or pasted; the API checks every row, all or nothing. */
function parseList(text: string): unknown[] | null {
  try {
    const value = JSON.parse(text) as unknown;
    if (Array.isArray(value)) return value;
    const list = (value as { categories?: unknown } | null)?.categories;
    return Array.isArray(list) ? list : null;
  } catch {
    return null;
  }
}

/** The API's field errors with the row they belong to (`categories.3.parentCode` → row 4, its code). */
function ImportErrors({ error, rows }: { error: unknown; rows: unknown[] }) {
  const { t } = useTranslation();
  if (!isApiError(error)) return <ApiErrorAlert error={error} className="form-summary" />;
  const lines = error.details.map((d) => {
    const index = Number(/^categories\.(\d+)\./.exec(d.path)?.[1] ?? Number.NaN);
    if (Number.isNaN(index)) return d.message;
    const code = (rows[index] as { code?: unknown } | undefined)?.code;
    return t('casesDesk.categories.rowError', {
      n: index + 1,
      code: String(code ?? '—'),
      message: d.message,
    });
  });
  return (
    <Alert
      className="form-summary"
      type="error"
      showIcon
      role="alert"
      title={error.message}
      description={
        lines.length ? (
          <ul className="error-list">
            {lines.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}

/** 导入分类: creates or updates categories by code (parents first); a bad row changes nothing. */
export function CategoryImportModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [text, setText] = useState('');
  const [parseError, setParseError] = useState(false);
  const [sent, setSent] = useState<unknown[]>([]);
  const run = useMutation({
    mutationFn: importCategories,
    onSuccess: (res) => {
      message.success(t('casesDesk.categories.imported', { count: res.count }));
      void client.invalidateQueries({ queryKey: caseKeys.categories });
      onClose();
    },
  });
  const submit = () => {
    const list = parseList(text);
    setParseError(list === null || list.length === 0);
    if (list && list.length > 0) {
      setSent(list);
      run.mutate(list);
    }
  };
  return (
    <Modal
      open
      title={t('casesDesk.categories.import')}
      okText={t('casesDesk.categories.importOk')}
      okButtonProps={{ autoInsertSpace: false }}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={run.isPending}
      width={720}
    >
      <Typography.Paragraph>{t('casesDesk.categories.importHint')}</Typography.Paragraph>
      {parseError ? (
        <Alert className="form-summary" type="error" showIcon title={t('casesDesk.categories.notJson')} />
      ) : null}
      {run.error ? <ImportErrors error={run.error} rows={sent} /> : null}
      <label className="case-import-file">
        {t('casesDesk.categories.file')}{' '}
        <input
          type="file"
          accept="application/json,.json"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (file) setText(await file.text());
          }}
        />
      </label>
      <Input.TextArea
        aria-label={t('casesDesk.categories.json')}
        rows={12}
        className="mono"
        placeholder={EXAMPLE}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </Modal>
  );
}
