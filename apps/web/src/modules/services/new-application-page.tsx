import { App, Button, Card, Checkbox, Form, Input, List, Select, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, isApiError } from '../../app/api';
import { useSession } from '../../app/auth';
import { PageHeader } from '../../components/page-header';
import {
  matterName,
  submitApplication,
  uploadServiceFile,
  useApplicationChanged,
  useMatters,
} from './services-api';

type Found = { id: number; name: string; idNumberMasked: string | null; gridName?: string };
const RELATIONS = ['spouse', 'child', 'parent', 'relative', 'neighbour', 'grid_worker', 'other'] as const;

/** The counter: find the person (ID number or name), pick the matter, tick the papers seen, record an agent. */
export function NewApplicationPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const navigate = useNavigate();
  const changed = useApplicationChanged();
  const { data: matters } = useMatters();
  const [found, setFound] = useState<Found[]>([]);
  const [person, setPerson] = useState<Found | null>(null);
  const [matterId, setMatterId] = useState<number>();
  const [ticks, setTicks] = useState<string[]>([]);
  const [form, setForm] = useState<Record<string, string>>({});
  const [agentOn, setAgentOn] = useState(false);
  const [agent, setAgent] = useState({ name: '', relation: 'child', phone: '' });
  const [authorisation, setAuthorisation] = useState<number>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const matter = matters?.find((m) => m.id === matterId);
  const en = i18n.language === 'en-US';

  async function search(q: string) {
    if (!q.trim()) return;
    try {
      const page = await api.get<{ items: Found[] }>('/registry/residents', { q, limit: 10 });
      setFound(page.items);
    } catch (e) {
      message.error(isApiError(e) ? e.message : String(e));
    }
  }

  async function submit() {
    if (!person || !matter) return;
    setBusy(true);
    setErrors({});
    try {
      const a = await submitApplication({
        matterId: matter.id,
        residentId: person.id,
        form: Object.fromEntries(Object.entries(form).filter(([, v]) => v !== '')),
        materials: ticks.map((code) => ({ code, checked: true })),
        agent: agentOn ? { ...agent, authorisationFileId: authorisation } : undefined,
      });
      changed(a);
      navigate(`/desk/services/applications/${a.id}`);
    } catch (e) {
      if (isApiError(e)) {
        setErrors(Object.fromEntries(e.details.map((d) => [d.path, d.message])));
        message.error(e.message);
      } else message.error(String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader
        crumbs={[
          { title: t('services.menu.group') },
          { title: t('services.menu.window'), to: '/desk/services' },
        ]}
        title={t('services.menu.new')}
      />
      <Card size="small">
        <Form layout="vertical" style={{ maxWidth: 720 }}>
          <Form.Item label={t('services.desk.findResident')}>
            <Input.Search aria-label={t('services.desk.findResident')} onSearch={search} enterButton />
            {person ? (
              <p style={{ marginTop: 8 }}>
                <b>{person.name}</b> {person.idNumberMasked}
              </p>
            ) : (
              <List
                size="small"
                dataSource={found}
                renderItem={(r) => (
                  <List.Item
                    actions={[
                      <Button key="pick" size="small" onClick={() => setPerson(r)}>
                        {t('services.desk.pickResident')}
                      </Button>,
                    ]}
                  >
                    {r.name} {r.idNumberMasked} {r.gridName ?? ''}
                  </List.Item>
                )}
              />
            )}
          </Form.Item>
          <Form.Item label={t('services.desk.pickMatter')}>
            <Select
              aria-label={t('services.desk.pickMatter')}
              showSearch
              optionFilterProp="label"
              value={matterId}
              onChange={(v) => {
                setMatterId(v);
                setTicks([]);
                setForm({});
              }}
              options={(matters ?? []).map((m) => ({
                value: m.id,
                label: `${matterName(m)}（${t(`services.mode.${m.mode}`)}）`,
              }))}
            />
          </Form.Item>
          {matter?.fields.map((f) => (
            <Form.Item
              key={f.key}
              label={en ? f.labelEn : f.labelZh}
              required={f.required}
              validateStatus={errors[`form.${f.key}`] ? 'error' : undefined}
              help={errors[`form.${f.key}`]}
            >
              <Input
                aria-label={en ? f.labelEn : f.labelZh}
                type={f.type === 'number' ? 'number' : f.type === 'date' ? 'date' : 'text'}
                value={form[f.key] ?? ''}
                onChange={(e) => setForm({ ...form, [f.key]: e.target.value })}
              />
            </Form.Item>
          ))}
          {matter ? (
            <Form.Item label={t('services.catalogue.materials')}>
              {matter.materials.map((m) => (
                <div key={m.code}>
                  <Checkbox
                    disabled={m.registrySupplies}
                    checked={m.registrySupplies || ticks.includes(m.code)}
                    onChange={(e) =>
                      setTicks(e.target.checked ? [...ticks, m.code] : ticks.filter((c) => c !== m.code))
                    }
                  >
                    {en ? m.nameEn : m.nameZh}
                    {m.registrySupplies ? `（${t('services.catalogue.fromRegistry')}）` : ''}
                  </Checkbox>
                </div>
              ))}
            </Form.Item>
          ) : null}
          <Form.Item label={t('services.desk.agentToggle')}>
            <Switch checked={agentOn} onChange={setAgentOn} aria-label={t('services.desk.agentToggle')} />
          </Form.Item>
          {agentOn ? (
            <>
              <Form.Item
                label={t('services.desk.agentName')}
                validateStatus={errors['agent.name'] ? 'error' : undefined}
                help={errors['agent.name']}
              >
                <Input
                  aria-label={t('services.desk.agentName')}
                  value={agent.name}
                  onChange={(e) => setAgent({ ...agent, name: e.target.value })}
                />
              </Form.Item>
              <Form.Item label={t('services.desk.agentRelation')}>
                <Select
                  aria-label={t('services.desk.agentRelation')}
                  value={agent.relation}
                  onChange={(v) => setAgent({ ...agent, relation: v })}
                  options={RELATIONS.map((r) => ({ value: r, label: t(`services.relation.${r}`) }))}
                />
              </Form.Item>
              <Form.Item
                label={t('services.desk.agentPhone')}
                validateStatus={errors['agent.phone'] ? 'error' : undefined}
                help={errors['agent.phone']}
              >
                <Input
                  aria-label={t('services.desk.agentPhone')}
                  value={agent.phone}
                  onChange={(e) => setAgent({ ...agent, phone: e.target.value })}
                />
              </Form.Item>
              <Form.Item
                label={t('services.desk.authorisation')}
                required
                validateStatus={errors['agent.authorisationFileId'] ? 'error' : undefined}
                help={errors['agent.authorisationFileId'] ?? (authorisation ? '✓' : undefined)}
              >
                <input
                  type="file"
                  accept="image/jpeg,image/png,image/webp,application/pdf"
                  aria-label={t('services.desk.authorisation')}
                  onChange={async (e) => {
                    const file = e.target.files?.[0];
                    if (!file) return;
                    try {
                      setAuthorisation((await uploadServiceFile(file, me.csrfToken)).id);
                      // The upload answers the field's error: show the file instead.
                      setErrors(({ 'agent.authorisationFileId': _, ...rest }) => rest);
                    } catch (err) {
                      message.error(isApiError(err) ? err.message : String(err));
                    }
                  }}
                />
              </Form.Item>
            </>
          ) : null}
          <Button type="primary" disabled={!person || !matter} loading={busy} onClick={submit}>
            {t('services.desk.create')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
