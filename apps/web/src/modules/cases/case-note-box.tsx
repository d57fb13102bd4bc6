import { useMutation } from '@tanstack/react-query';
import { App, Button, Form, Input, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { applyApiError } from '../../components/form-errors';
import { addCaseNote, type CaseDetailView, useCaseUpdated } from './case-api';

type Values = { note: string; public: boolean };

/** 备注: a line on the timeline that changes nothing else; internal unless switched to public. */
export function CaseNoteBox({ c }: { c: CaseDetailView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const updated = useCaseUpdated();
  const run = useMutation({
    mutationFn: (v: Values) => addCaseNote(c.id, { note: v.note.trim(), public: v.public }),
    onSuccess: (next) => {
      message.success(t('casesDesk.note.done'));
      form.resetFields();
      updated(next);
    },
    onError: (e) => applyApiError(form, e),
  });
  return (
    <Form<Values>
      name="case-note"
      form={form}
      layout="vertical"
      initialValues={{ note: '', public: false }}
      onFinish={(v) => run.mutate(v)}
      className="case-note-box"
    >
      <ApiErrorAlert error={run.error} className="form-summary" />
      <Form.Item
        name="note"
        label={t('casesDesk.note.label')}
        rules={[{ required: true, whitespace: true, message: t('casesDesk.form.noteRequired') }]}
      >
        <Input.TextArea rows={2} maxLength={2000} placeholder={t('casesDesk.note.placeholder')} />
      </Form.Item>
      <Space className="case-note-foot">
        <Form.Item name="public" valuePropName="checked" noStyle>
          <Switch
            aria-label={t('casesDesk.field.visibility')}
            checkedChildren={t('casesDesk.timeline.public')}
            unCheckedChildren={t('casesDesk.timeline.internal')}
          />
        </Form.Item>
        <Button htmlType="submit" loading={run.isPending}>
          {t('casesDesk.note.submit')}
        </Button>
      </Space>
    </Form>
  );
}
