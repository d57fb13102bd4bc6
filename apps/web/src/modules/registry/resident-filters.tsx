import { SearchOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, InputNumber, Select, Space } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth';
import { OrgTreeSelect } from '../../components/org-tree-select';
import type { ResidentFilters } from './registry-api';
import {
  COMPUTED_TAG_LIST,
  GENDER_LIST,
  labelOptions,
  RECORDED_TAGS,
  RESIDENCE_TYPE_LIST,
  regLabel,
  STATUS_LIST,
  TAG_CATEGORY,
} from './registry-labels';

export type FilterValues = ResidentFilters & { nodeName?: string };

const NUMBER_KEYS = ['nodeId', 'ageMin', 'ageMax'] as const;
const TEXT_KEYS = ['q', 'tag', 'gender', 'address', 'residenceType', 'status', 'sort', 'nodeName'] as const;

/** Filters live in the address (shareable, back button works); these convert both ways. */
export function filtersFromParams(params: URLSearchParams): FilterValues {
  const out: Record<string, string | number> = {};
  for (const k of TEXT_KEYS) {
    const v = params.get(k);
    if (v) out[k] = v;
  }
  for (const k of NUMBER_KEYS) {
    const v = Number(params.get(k));
    if (params.get(k) && Number.isFinite(v)) out[k] = v;
  }
  return out as FilterValues;
}

export function filtersToParams(f: FilterValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined || v === null || v === '') continue;
    out[k] = typeof v === 'string' ? v.trim() : String(v);
  }
  return out;
}

/** Recorded tags the user may see (care and safety tags need their own permission), then the computed ones. */
export function useTagOptions(t: TFunction) {
  const can = useCan();
  const visible = (tag: keyof typeof TAG_CATEGORY) => {
    const kind = TAG_CATEGORY[tag];
    return kind === 'general' || (kind === 'care' ? can('registry.sensitive') : can('registry.safety'));
  };
  const groups = (['general', 'care', 'safety'] as const)
    .map((kind) => ({
      label: regLabel(t, 'tagGroups', kind),
      title: regLabel(t, 'tagGroups', kind),
      options: labelOptions(
        t,
        'tags',
        RECORDED_TAGS.filter((tag) => TAG_CATEGORY[tag] === kind && visible(tag)),
      ),
    }))
    .filter((g) => g.options.length > 0);
  return {
    recorded: groups,
    all: [
      ...groups,
      {
        label: regLabel(t, 'tagGroups', 'computed'),
        title: regLabel(t, 'tagGroups', 'computed'),
        options: labelOptions(t, 'tags', COMPUTED_TAG_LIST),
      },
    ],
  };
}

export function ResidentFilterBar({
  value,
  onSearch,
}: {
  value: FilterValues;
  onSearch: (f: FilterValues) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FilterValues>();
  // The chosen node's name, kept for the tree's label when the page is opened again from the address.
  const [nodeLabel, setNodeLabel] = useState(value.nodeName);
  const tagOptions = useTagOptions(t).all;
  const anyOption = { value: '', label: t('registry.list.any') };
  useEffect(() => {
    form.resetFields();
    const { nodeName: _label, ...fields } = value;
    form.setFieldsValue({ status: 'active', gender: '', residenceType: '', ...fields });
  }, [form, value]);

  return (
    <Card size="small" className="filter-bar registry-filters">
      <Form<FilterValues>
        form={form}
        layout="inline"
        onFinish={(v) =>
          onSearch({
            ...v,
            sort: value.sort,
            nodeName: v.nodeId ? nodeLabel : undefined,
          })
        }
        initialValues={{ status: 'active', gender: '', residenceType: '' }}
        style={{ rowGap: 8 }}
      >
        <Form.Item name="q" label={t('registry.list.search')}>
          <Input allowClear placeholder={t('registry.list.searchPlaceholder')} style={{ width: 280 }} />
        </Form.Item>
        <Form.Item name="nodeId" label={t('registry.list.node')}>
          <OrgTreeSelect
            allowClear
            style={{ width: 220 }}
            placeholder={t('registry.list.nodePlaceholder')}
            valueLabel={nodeLabel}
            onChange={(_id, name) => setNodeLabel(name)}
          />
        </Form.Item>
        <Form.Item name="tag" label={t('registry.field.tag')}>
          <Select
            allowClear
            style={{ width: 170 }}
            placeholder={t('registry.list.tagPlaceholder')}
            options={tagOptions}
          />
        </Form.Item>
        <Form.Item name="gender" label={t('registry.field.gender')}>
          <Select style={{ width: 90 }} options={[anyOption, ...labelOptions(t, 'gender', GENDER_LIST)]} />
        </Form.Item>
        <Form.Item label={t('registry.field.age')}>
          <Space.Compact>
            <Form.Item name="ageMin" noStyle>
              <InputNumber
                min={0}
                max={150}
                precision={0}
                style={{ width: 80 }}
                aria-label={t('registry.list.ageMin')}
              />
            </Form.Item>
            <Form.Item name="ageMax" noStyle>
              <InputNumber
                min={0}
                max={150}
                precision={0}
                style={{ width: 80 }}
                aria-label={t('registry.list.ageMax')}
              />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        <Form.Item name="residenceType" label={t('registry.field.residenceType')}>
          <Select
            style={{ width: 120 }}
            options={[anyOption, ...labelOptions(t, 'residenceType', RESIDENCE_TYPE_LIST)]}
          />
        </Form.Item>
        <Form.Item name="status" label={t('registry.field.status')}>
          <Select style={{ width: 100 }} options={labelOptions(t, 'status', STATUS_LIST)} />
        </Form.Item>
        <Form.Item name="address" label={t('registry.list.address')}>
          <Input allowClear placeholder={t('registry.list.addressPlaceholder')} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
              {t('common.search')}
            </Button>
            <Button onClick={() => onSearch({})}>{t('common.reset')}</Button>
          </Space>
        </Form.Item>
      </Form>
    </Card>
  );
}
