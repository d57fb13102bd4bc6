import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../app/api';
import { useCan } from '../../app/auth';
import { formatDate, formatDateTime } from '../../app/format';
import { type ResidentDetail, useRegistryUpdated } from './registry-api';
import { regLabel, tagColour, tagKind } from './registry-labels';
import { TagModal } from './resident-actions';
import { ResidentTags } from './resident-tags';
import { MaskedValue } from './reveal';

type TagRecord = ResidentDetail['tagRecords'][number];

export function BasicTab({ resident: r }: { resident: ResidentDetail }) {
  const { t } = useTranslation();
  const f = (key: Parameters<typeof regLabel>[2]) => regLabel(t, 'field', key);
  const text = (v: string | null) => v || '—';
  return (
    <div className="stack">
      {r.under14 ? <Alert type="info" showIcon title={t('registry.detail.under14')} /> : null}
      <Descriptions
        bordered
        size="small"
        column={3}
        items={[
          { key: 'name', label: f('name'), children: r.name },
          {
            key: 'formerNames',
            label: f('formerNames'),
            children: r.formerNames.join(t('registry.listSeparator')) || '—',
          },
          { key: 'gender', label: f('gender'), children: regLabel(t, 'gender', r.gender) },
          { key: 'birthDate', label: f('birthDate'), children: r.birthDate },
          { key: 'age', label: f('age'), children: t('registry.list.ageValue', { age: r.age }) },
          { key: 'idDocType', label: f('idDocType'), children: regLabel(t, 'idDocType', r.idDocType) },
          {
            key: 'idNumber',
            label: r.idDocType === 'resident_id' ? f('idNumber') : t('registry.form.idNumberOther'),
            children: <MaskedValue residentId={r.id} field="idNumber" masked={r.idNumber} />,
          },
          {
            key: 'phone',
            label: f('phone'),
            children: <MaskedValue residentId={r.id} field="phone" masked={r.phone} />,
          },
          { key: 'ethnicity', label: f('ethnicity'), children: text(r.ethnicity) },
          { key: 'education', label: f('education'), children: regLabel(t, 'education', r.education) },
          {
            key: 'politicalStatus',
            label: f('politicalStatus'),
            children: regLabel(t, 'political', r.politicalStatus),
          },
          {
            key: 'maritalStatus',
            label: f('maritalStatus'),
            children: regLabel(t, 'marital', r.maritalStatus),
          },
          {
            key: 'employmentStatus',
            label: f('employmentStatus'),
            children: regLabel(t, 'employment', r.employmentStatus),
          },
          {
            key: 'residenceType',
            label: f('residenceType'),
            children: regLabel(t, 'residenceType', r.residenceType),
          },
          { key: 'movedInOn', label: f('movedInOn'), children: text(r.movedInOn) },
          { key: 'grid', label: f('gridId'), children: r.gridName },
          { key: 'community', label: t('registry.detail.community'), children: text(r.communityName) },
          {
            key: 'house',
            label: f('houseId'),
            children: r.houseId ? (
              <Link to={`/desk/registry/houses?house=${r.houseId}`}>{t('registry.detail.openHouse')}</Link>
            ) : (
              '—'
            ),
          },
          { key: 'hukouAddress', label: f('hukouAddress'), span: 3, children: text(r.hukouAddress) },
          { key: 'actualAddress', label: f('actualAddress'), span: 3, children: text(r.actualAddress) },
          { key: 'updatedAt', label: t('registry.detail.updatedAt'), children: formatDateTime(r.updatedAt) },
        ]}
      />
    </div>
  );
}

export function TagsTab({ resident }: { resident: ResidentDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const { modal, message } = App.useApp();
  const updated = useRegistryUpdated();
  const [adding, setAdding] = useState(false);
  const writable = can('registry.write') && resident.status === 'active';
  const computed = resident.tags.filter((tag) => tagKind(tag) === 'computed');
  const remove = useMutation({
    mutationFn: (id: number) => api.delete<ResidentDetail>(`/registry/residents/${resident.id}/tags/${id}`),
    onSuccess: (r) => {
      updated(r);
      message.success(t('registry.detail.tagRemoved'));
    },
    onError: (e) => message.error(e instanceof Error ? e.message : t('errors.unknown')),
  });
  const confirmRemove = (rec: TagRecord) => {
    const tag = regLabel(t, 'tags', rec.tag);
    modal.confirm({
      title: t('registry.detail.removeTagNamed', { tag }),
      content: t('registry.detail.removeTagWhat', { name: resident.name, tag }),
      okText: t('registry.detail.removeTag'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => remove.mutateAsync(rec.id).catch(() => undefined),
    });
  };
  return (
    <div className="stack">
      {computed.length > 0 ? (
        <Space wrap>
          <strong>{t('registry.detail.computedTags')}</strong>
          <ResidentTags tags={computed} />
          <span className="muted">{t('registry.detail.computedHint')}</span>
        </Space>
      ) : null}
      {writable ? (
        <div>
          <Button onClick={() => setAdding(true)}>{t('registry.actions.addTag')}</Button>
        </div>
      ) : null}
      <Table<TagRecord>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={resident.tagRecords}
        locale={{ emptyText: t('registry.detail.noTags') }}
        columns={[
          {
            title: t('registry.field.tag'),
            dataIndex: 'tag',
            render: (v: string) => <Tag color={tagColour(v)}>{regLabel(t, 'tags', v)}</Tag>,
          },
          {
            title: t('registry.detail.tagDetail'),
            dataIndex: 'detail',
            render: (v: string | null) => v || '—',
          },
          { title: t('registry.detail.tagSource'), dataIndex: 'source' },
          { title: t('registry.detail.tagStarts'), dataIndex: 'startsOn', render: (v) => formatDate(v) },
          { title: t('registry.detail.tagEnds'), dataIndex: 'endsOn', render: (v) => formatDate(v) },
          { title: t('registry.detail.tagSetBy'), dataIndex: 'setByName', render: (v) => v || '—' },
          ...(writable
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, rec: TagRecord) => (
                    <Button
                      type="link"
                      danger
                      style={{ padding: 0 }}
                      aria-label={t('registry.detail.removeTagNamed', { tag: regLabel(t, 'tags', rec.tag) })}
                      onClick={() => confirmRemove(rec)}
                    >
                      {t('registry.detail.removeTag')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {adding ? <TagModal resident={resident} onClose={() => setAdding(false)} /> : null}
    </div>
  );
}
