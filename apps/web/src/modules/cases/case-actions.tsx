import { caseActionBody } from '@linli/contract';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Space, Switch, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { isApiError } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { applyApiError, compact, validateWith } from '../../components/form-errors';
import { dynamicLabel } from '../../components/labels';
import { ActionFields, formOf, PUBLIC_BY_DEFAULT } from './action-fields';
import { type CaseDetailView, fireAction, useCaseUpdated } from './case-api';
import { caseLabel } from './case-labels';
import { stillUploading, uploadedIds } from './photo-upload';

type Values = {
  note?: string;
  notePublic: boolean;
  categoryId?: number;
  urgency?: string;
  assigneeNodeId?: number;
  reasonCode?: string;
  parentId?: number;
  externalSystem?: string;
  externalId?: string;
  dueAt?: string;
  rating?: number;
  photoIds?: UploadFile[];
};

/** `2026-11-21T14:05` typed in a datetime-local field means Asia/Shanghai (UX.md), whatever the browser. */
const shanghaiInstant = (local: string | undefined) =>
  local ? `${local.length === 16 ? `${local}:00` : local}+08:00` : undefined;
const shanghaiLocal = (iso: string | null) => (iso ? formatDateTime(iso).replace(' ', 'T') : undefined);

function toBody(action: string, c: CaseDetailView, v: Values) {
  const { photoIds, dueAt, ...rest } = v;
  return {
    ...compact(rest),
    notePublic: v.notePublic,
    action,
    version: c.version,
    dueAt: shanghaiInstant(dueAt),
    photoIds: photoIds ? uploadedIds(photoIds) : undefined,
  };
}

/**
 * One action's modal: only the fields that action needs, an optional (or required) note with a
 * public/internal switch, the case's version for the optimistic lock. A stale version closes the
 * modal and reloads the case; field errors from the API land on their fields.
 */
function ActionModal({ action, c, onClose }: { action: string; c: CaseDetailView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const updated = useCaseUpdated();
  const navigate = useNavigate();
  const spec = formOf(action);
  const label = caseLabel(t, 'action', action);
  const run = useMutation({
    mutationFn: (body: Record<string, unknown>) => fireAction(c.id, body),
    onSuccess: (next) => {
      message.success(t('casesDesk.action.done', { action: label }));
      updated(next);
      onClose();
      // A returned case goes back to the dispatcher and out of the returning unit's sight.
      if (action === 'return') navigate('/desk/cases/assigned');
    },
    onError: (e) => {
      if (isApiError(e) && e.code === 'cases.stale_version') {
        message.warning(e.message);
        updated();
        onClose();
        return;
      }
      applyApiError(form, e);
    },
  });
  const submit = (v: Values) => {
    if (stillUploading(v.photoIds)) {
      form.setFields([{ name: 'photoIds', errors: [t('casesDesk.photo.wait')] }]);
      return;
    }
    const body = validateWith(caseActionBody, toBody(action, c, v), form, t);
    if (body !== null) run.mutate(body as Record<string, unknown>);
  };
  return (
    <Modal
      open
      title={t('casesDesk.action.title', { action: label, id: c.id })}
      okText={label}
      // Button text is exactly the action's label (no space antd would put between two characters).
      okButtonProps={{ danger: spec.ends, autoInsertSpace: false }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={run.isPending}
      destroyOnHidden
      width={560}
    >
      {spec.ends ? (
        <Alert
          className="form-summary"
          type="warning"
          showIcon
          title={dynamicLabel(t, 'casesDesk.action.ends', action)}
        />
      ) : null}
      <ApiErrorAlert error={run.error} className="form-summary" />
      <Form<Values>
        name={`case-${action}`}
        form={form}
        layout="vertical"
        initialValues={{
          notePublic: PUBLIC_BY_DEFAULT.has(action),
          categoryId: c.categoryId ?? undefined,
          urgency: c.urgency,
          dueAt: action === 'approve_postpone' ? shanghaiLocal(c.pendingDueAt) : undefined,
        }}
        onFinish={submit}
      >
        <ActionFields action={action} c={c} />
        <Form.Item
          name="note"
          label={spec.noteRequired ? t('casesDesk.field.noteRequired') : t('casesDesk.field.note')}
          rules={spec.noteRequired ? [{ required: true, message: t('casesDesk.form.noteRequired') }] : []}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item
          name="notePublic"
          label={t('casesDesk.field.visibility')}
          valuePropName="checked"
          extra={t('casesDesk.form.visibilityHint')}
        >
          <Switch
            checkedChildren={t('casesDesk.timeline.public')}
            unCheckedChildren={t('casesDesk.timeline.internal')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The step that moves the case along; the first of these the user may fire is the primary button. */
const FORWARD = [
  'submit',
  'verify',
  'file',
  'dispatch',
  'accept',
  'handle',
  'request_check',
  'check_pass',
  'close',
  'approve_postpone',
  'approve_hold',
  'evaluate',
];

/** Exactly the actions the API says the user may fire now, in its order; each opens its own small form. */
export function CaseActionBar({ c }: { c: CaseDetailView }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  if (c.actions.length === 0) return null;
  const primary = FORWARD.find((a) => c.actions.includes(a));
  return (
    <>
      <Space wrap>
        {c.actions.map((a) => (
          <Button
            key={a}
            type={a === primary ? 'primary' : 'default'}
            danger={formOf(a).ends}
            autoInsertSpace={false}
            onClick={() => setOpen(a)}
          >
            {caseLabel(t, 'action', a)}
          </Button>
        ))}
      </Space>
      {open ? <ActionModal action={open} c={c} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
