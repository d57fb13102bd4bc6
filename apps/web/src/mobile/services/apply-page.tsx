import type { MatterField } from '@linli/contract';
import { App, Button, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../../app/api';
import { useSession } from '../../app/auth';
import { PageLoading } from '../../components/page-loading';
import {
  matterName,
  submitApplication,
  uploadServiceFile,
  useApplicationChanged,
  useMatter,
  usePrefill,
} from '../../modules/services/services-api';
import { BackLink } from '../registry/phone-parts';
import { MaterialUpload } from './material-upload';
import './services-phone.css';

type FormValue = string | number;

function FieldInput({
  field,
  value,
  onChange,
}: {
  field: MatterField;
  value: FormValue | undefined;
  onChange: (v: FormValue) => void;
}) {
  const { i18n } = useTranslation();
  const label = i18n.language === 'en-US' ? field.labelEn : field.labelZh;
  let input: React.ReactNode;
  if (field.type === 'choice')
    input = (
      <Select
        aria-label={label}
        value={value as string | undefined}
        onChange={onChange}
        style={{ width: '100%' }}
        options={(field.options ?? []).map((o) => ({
          value: o.value,
          label: i18n.language === 'en-US' ? o.labelEn : o.labelZh,
        }))}
      />
    );
  else
    input = (
      <Input
        aria-label={label}
        type={field.type === 'number' ? 'number' : field.type === 'date' ? 'date' : 'text'}
        value={value ?? ''}
        onChange={(e) => onChange(field.type === 'number' ? Number(e.target.value) : e.target.value)}
      />
    );
  return (
    <div className="sv-field">
      <span>
        {label}
        {field.required ? ' *' : ''}
      </span>
      {input}
    </div>
  );
}

/** The apply form: who (from the registry, masked), the matter's fields, and the materials to upload. */
export function ApplyPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const me = useSession();
  const changed = useApplicationChanged();
  const { data: matter } = useMatter(id);
  const { data: prefill } = usePrefill();
  const [form, setForm] = useState<Record<string, FormValue>>({});
  const [files, setFiles] = useState<Record<string, number[]>>({});
  const [busy, setBusy] = useState(false);
  if (!matter || !prefill) return <PageLoading />;
  const en = i18n.language === 'en-US';
  // An address field starts from the registry's address; the resident may correct it.
  const fieldValue = (f: MatterField) =>
    form[f.key] ?? (f.type === 'address' ? (prefill.address ?? undefined) : undefined);

  async function submit() {
    setBusy(true);
    try {
      const values = Object.fromEntries(
        matter!.fields.map((f) => [f.key, fieldValue(f)]).filter(([, v]) => v !== undefined && v !== ''),
      );
      const a = await submitApplication({
        matterId: matter!.id,
        form: values,
        materials: Object.entries(files).map(([code, fileIds]) => ({ code, fileIds })),
      });
      changed(a);
      navigate(`/m/services/applications/${a.id}`, { replace: true });
    } catch (e) {
      message.error(isApiError(e) ? [e.message, ...e.details.map((d) => d.message)].join('；') : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <BackLink to={`/m/services/matters/${id}`} />
      <h2 className="phone-title">{matterName(matter)}</h2>
      <div className="phone-card">
        <h3>{t('services.apply.applicant')}</h3>
        <div className="phone-row">
          <span>{t('services.apply.name')}</span>
          <span>{prefill.name}</span>
        </div>
        <div className="phone-row">
          <span>{t('services.apply.idNumber')}</span>
          <span>{prefill.idNumberMasked}</span>
        </div>
      </div>
      {matter.fields.length > 0 ? (
        <div className="phone-card">
          {matter.fields.map((f) => (
            <FieldInput
              key={f.key}
              field={f}
              value={fieldValue(f)}
              onChange={(v) => setForm({ ...form, [f.key]: v })}
            />
          ))}
        </div>
      ) : null}
      <div className="phone-card">
        <h3>{t('services.catalogue.materials')}</h3>
        <p className="phone-note">{t('services.apply.missingHint')}</p>
        {matter.materials.map((m) => (
          <MaterialUpload
            key={m.code}
            name={en ? m.nameEn : m.nameZh}
            fromRegistry={m.registrySupplies}
            count={files[m.code]?.length ?? 0}
            upload={async (file) => {
              const { id: fileId } = await uploadServiceFile(file, me.csrfToken);
              setFiles((f) => ({ ...f, [m.code]: [...(f[m.code] ?? []), fileId] }));
            }}
          />
        ))}
      </div>
      <Button type="primary" size="large" block loading={busy} onClick={submit} style={{ marginTop: 12 }}>
        {t('services.apply.submit')}
      </Button>
    </>
  );
}
