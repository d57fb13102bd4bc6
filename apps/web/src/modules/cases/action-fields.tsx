import { REJECT_REASONS, TRANSFER_SYSTEMS, URGENCIES } from '@linli/contract';
import { Form, Input, Radio, Rate, Select, TreeSelect } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import { departmentTypeLabel, levelLabel } from '../../components/labels';
import {
  type CaseDetailView,
  type CategoryView,
  useAssignees,
  useCategories,
  useDuplicates,
} from './case-api';
import { caseLabel, categoryLabel } from './case-labels';
import { PhotoUpload } from './photo-upload';

/** The pieces an action's form may need; each action lists its own in ACTION_FORMS. */
export type ActionField =
  | 'category'
  | 'assignee'
  | 'reason'
  | 'parent'
  | 'transfer'
  | 'requestDue'
  | 'approveDue'
  | 'photos'
  | 'rating';

export type ActionForm = {
  fields: ActionField[];
  noteRequired?: boolean;
  /** Photos the API insists on (after-photos of a handled grid event, a self-resolved case). */
  photosRequired?: (c: CaseDetailView) => boolean;
  /** Ends the case without handling it: the modal says so once, in red. */
  ends?: boolean;
};

/** What each action asks for, mirroring what the API requires of it (cases.service effectOf). */
export const ACTION_FORMS: Record<string, ActionForm> = {
  file: { fields: ['category'] },
  dispatch: { fields: ['assignee'] },
  reject: { fields: ['reason'], ends: true },
  merge: { fields: ['parent'], ends: true },
  transfer: { fields: ['transfer'], ends: true },
  return: { fields: [], noteRequired: true },
  handle: { fields: ['photos'], photosRequired: (c) => c.kind === 'grid_event' },
  verify: { fields: ['photos'] },
  self_resolve: { fields: ['photos'], photosRequired: () => true },
  check_pass: { fields: ['photos'] },
  check_fail: { fields: ['photos'], noteRequired: true },
  reopen: { fields: [], noteRequired: true },
  request_hold: { fields: [], noteRequired: true },
  request_postpone: { fields: ['requestDue'], noteRequired: true },
  approve_postpone: { fields: ['approveDue'] },
  evaluate: { fields: ['rating'] },
  // Hotline demands (派单 itself is done from the hotline desk, where providers are matched).
  provider_decline: { fields: [], noteRequired: true },
  call_back: { fields: ['rating'] },
};
export const formOf = (action: string): ActionForm => ACTION_FORMS[action] ?? { fields: [] };

/**
 * The timeline entries the reporter sees unless staff say otherwise; mirrors the API's default
 * (cases.service PUBLIC_ACTIONS) so the switch starts where the API would.
 */
export const PUBLIC_BY_DEFAULT = new Set([
  'submit',
  'file',
  'reject',
  'merge',
  'dispatch',
  'handle',
  'check_pass',
  'close',
  'evaluate',
  'reopen',
  'transfer',
  'self_resolve',
]);

type TreeNode = { value: number; title: string; children: TreeNode[] };

function categoryTree(list: CategoryView[]): TreeNode[] {
  const nodes = new Map<number, TreeNode>();
  for (const c of list) if (c.active) nodes.set(c.id, { value: c.id, title: categoryLabel(c), children: [] });
  const roots: TreeNode[] = [];
  for (const c of list) {
    const node = nodes.get(c.id);
    if (!node) continue;
    const parent = c.parentId ? nodes.get(c.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

const required = (message: string) => [{ required: true, message }];

function CategoryFields() {
  const { t } = useTranslation();
  const categories = useCategories();
  const tree = useMemo(() => categoryTree(categories.data ?? []), [categories.data]);
  return (
    <>
      <Form.Item
        name="categoryId"
        label={t('casesDesk.field.category')}
        rules={required(t('casesDesk.form.pickCategory'))}
      >
        <TreeSelect
          showSearch={{ treeNodeFilterProp: 'title' }}
          treeData={tree}
          loading={categories.isLoading}
          placeholder={t('casesDesk.form.pickCategory')}
          popupMatchSelectWidth={false}
        />
      </Form.Item>
      <Form.Item name="urgency" label={t('casesDesk.field.urgency')}>
        <Radio.Group
          optionType="button"
          options={URGENCIES.map((u) => ({ value: u, label: t(`cases.urgency.${u}`) }))}
        />
      </Form.Item>
    </>
  );
}

function AssigneeField({ c }: { c: CaseDetailView }) {
  const { t } = useTranslation();
  const assignees = useAssignees(c.id);
  const categories = useCategories();
  // The category names the department type that usually handles it; those departments come first.
  const suggested = categories.data?.find((k) => k.id === c.categoryId)?.handlerDepartmentType ?? null;
  const groups = useMemo(() => {
    const byGroup = new Map<string, { label: string; options: { value: number; label: string }[] }>();
    for (const a of assignees.data ?? []) {
      const key = a.departmentType && a.departmentType === suggested ? 'suggested' : a.level;
      const label = key === 'suggested' ? t('casesDesk.form.suggested') : levelLabel(t, a.level);
      const group = byGroup.get(key) ?? { label, options: [] };
      group.options.push({
        value: a.id,
        label: a.departmentType ? `${a.name}（${departmentTypeLabel(t, a.departmentType)}）` : a.name,
      });
      byGroup.set(key, group);
    }
    // Suggested first, then the API's order (grid, community, street, departments).
    return [...byGroup]
      .sort(([a], [b]) => Number(b === 'suggested') - Number(a === 'suggested'))
      .map(([, g]) => g);
  }, [assignees.data, suggested, t]);
  return (
    <Form.Item
      name="assigneeNodeId"
      label={t('casesDesk.field.assignee')}
      rules={required(t('casesDesk.form.pickAssignee'))}
    >
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        loading={assignees.isLoading}
        options={groups}
        placeholder={t('casesDesk.form.pickAssignee')}
      />
    </Form.Item>
  );
}

/** 合并: nearby open cases are offered; any other case number can be typed in the search box. */
function ParentField({ caseId }: { caseId: number }) {
  const { t } = useTranslation();
  const duplicates = useDuplicates(caseId);
  const [typed, setTyped] = useState<number>();
  const options = useMemo(() => {
    const found = (duplicates.data ?? []).map((d) => ({
      value: d.id,
      label: `#${d.id} ${d.title} · ${caseLabel(t, 'state', d.state)} · ${formatDateTime(d.reportedAt)}`,
    }));
    if (typed && typed !== caseId && !found.some((o) => o.value === typed))
      found.push({ value: typed, label: t('casesDesk.form.caseNumber', { id: typed }) });
    return found;
  }, [duplicates.data, typed, caseId, t]);
  return (
    <Form.Item
      name="parentId"
      label={t('casesDesk.field.parent')}
      rules={required(t('casesDesk.form.pickParent'))}
      extra={
        duplicates.data && duplicates.data.length === 0
          ? t('casesDesk.form.noDuplicates')
          : t('casesDesk.form.duplicatesHint')
      }
    >
      <Select
        showSearch={{
          filterOption: false,
          onSearch: (s) => setTyped(/^\d{1,9}$/.test(s.trim()) ? Number(s.trim()) : undefined),
        }}
        loading={duplicates.isLoading}
        options={options}
        placeholder={t('casesDesk.form.pickParent')}
      />
    </Form.Item>
  );
}

/** The fields one action needs, in the order people fill them. */
export function ActionFields({ action, c }: { action: string; c: CaseDetailView }) {
  const { t } = useTranslation();
  const form = formOf(action);
  const has = (f: ActionField) => form.fields.includes(f);
  return (
    <>
      {has('category') ? <CategoryFields /> : null}
      {has('assignee') ? <AssigneeField c={c} /> : null}
      {has('reason') ? (
        <Form.Item
          name="reasonCode"
          label={t('casesDesk.field.reason')}
          rules={required(t('casesDesk.form.pickReason'))}
        >
          <Select
            placeholder={t('casesDesk.form.pickReason')}
            options={REJECT_REASONS.map((r) => ({ value: r, label: t(`cases.reason.${r}`) }))}
          />
        </Form.Item>
      ) : null}
      {has('parent') ? <ParentField caseId={c.id} /> : null}
      {has('transfer') ? (
        <>
          <Form.Item
            name="externalSystem"
            label={t('casesDesk.field.externalSystem')}
            rules={required(t('casesDesk.form.pickSystem'))}
          >
            <Select
              placeholder={t('casesDesk.form.pickSystem')}
              options={TRANSFER_SYSTEMS.map((s) => ({ value: s, label: t(`cases.transferSystem.${s}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="externalId"
            label={t('casesDesk.field.externalId')}
            rules={required(t('validation.required'))}
          >
            <Input maxLength={64} />
          </Form.Item>
        </>
      ) : null}
      {has('requestDue') ? (
        <Form.Item
          name="dueAt"
          label={t('casesDesk.field.newDueAt')}
          rules={required(t('validation.required'))}
          extra={t('casesDesk.form.currentDue', { due: formatDateTime(c.dueAt) })}
        >
          <Input type="datetime-local" />
        </Form.Item>
      ) : null}
      {has('approveDue') ? (
        <Form.Item
          name="dueAt"
          label={t('casesDesk.field.approvedDueAt')}
          extra={t('casesDesk.form.currentDue', { due: formatDateTime(c.dueAt) })}
        >
          <Input type="datetime-local" />
        </Form.Item>
      ) : null}
      {has('rating') ? (
        <Form.Item
          name="rating"
          label={t('casesDesk.field.rating')}
          rules={required(t('casesDesk.form.pickRating'))}
        >
          <Rate />
        </Form.Item>
      ) : null}
      {has('photos') ? (
        <Form.Item
          name="photoIds"
          label={t('casesDesk.field.photos')}
          valuePropName="fileList"
          rules={form.photosRequired?.(c) ? required(t('casesDesk.form.photosRequired')) : undefined}
          extra={form.photosRequired?.(c) ? t('casesDesk.form.photosRequired') : undefined}
        >
          <PhotoUpload />
        </Form.Item>
      ) : null}
    </>
  );
}
