import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { calendarDayBody, type calendarDayView } from '@linli/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Infer } from '../../app/api';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { applyApiError, validateWith } from '../../components/form-errors';
import { PageHeader } from '../../components/page-header';
import { PageLoading } from '../../components/page-loading';

type CalendarDay = Infer<typeof calendarDayView>;
type DayValues = { kind?: 'holiday' | 'workday'; name?: string };

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** Weekday of a calendar date, Monday = 0 (Chinese calendars start the week on Monday). */
function mondayIndex(y: number, m: number, d: number): number {
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

function DayDialog({
  day,
  existing,
  onClose,
}: {
  day: string;
  existing: CalendarDay | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<DayValues>();
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const weekend = mondayIndex(y, m, d) >= 5;
  const refresh = () => client.invalidateQueries({ queryKey: ['calendar', y] });
  const save = useMutation({
    mutationFn: (body: Infer<typeof calendarDayBody>) => api.put(`/calendar/days/${day}`, body),
    onSuccess: () => {
      void refresh();
      message.success(t('calendar.saved', { day }));
      onClose();
    },
    onError: (e) => applyApiError(form, e),
  });
  const remove = useMutation({
    mutationFn: () => api.delete(`/calendar/days/${day}`),
    onSuccess: () => {
      void refresh();
      message.success(t('calendar.removed', { day }));
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('calendar.editDay', { day })}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          {existing ? (
            <Button danger loading={remove.isPending} onClick={() => remove.mutate()}>
              {t('calendar.restore')}
            </Button>
          ) : null}
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        {weekend ? t('calendar.normallyWeekend') : t('calendar.normallyWorkday')}
      </Typography.Paragraph>
      <ApiErrorAlert error={save.error ?? remove.error} className="form-summary" />
      <Form<DayValues>
        form={form}
        layout="vertical"
        initialValues={existing ?? { kind: weekend ? 'workday' : 'holiday', name: '' }}
        onFinish={(v) => {
          const body = validateWith(calendarDayBody, v, form, t);
          if (body) save.mutate(body);
        }}
      >
        <Form.Item name="kind" label={t('calendar.kind')} rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'holiday', label: t('calendar.holiday') },
              { value: 'workday', label: t('calendar.workday') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('calendar.name')}
          extra={t('calendar.nameHint')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input maxLength={32} />
        </Form.Item>
      </Form>
      {existing ? <Typography.Text type="secondary">{t('calendar.restoreHint')}</Typography.Text> : null}
    </Modal>
  );
}

function Month({
  year,
  month,
  exceptions,
  onPick,
}: {
  year: number;
  month: number;
  exceptions: Map<string, CalendarDay>;
  onPick: (day: string) => void;
}) {
  const { t } = useTranslation();
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = mondayIndex(year, month, 1);
  const weekdays = t('calendar.weekdays').split(',');
  const cells = [];
  for (let i = 0; i < lead; i++) cells.push(<span key={`lead-${i}`} />);
  for (let d = 1; d <= days; d++) {
    const day = isoDay(year, month, d);
    const ex = exceptions.get(day);
    const weekend = mondayIndex(year, month, d) >= 5;
    const cls = ['day-cell', weekend ? 'weekend' : '', ex ? ex.kind : ''].join(' ');
    const kind = ex ? (ex.kind === 'holiday' ? t('calendar.holiday') : t('calendar.workday')) : '';
    cells.push(
      <button
        key={day}
        type="button"
        className={cls}
        onClick={() => onPick(day)}
        aria-label={ex ? `${day} ${kind} ${ex.name}` : day}
        title={ex ? `${kind}：${ex.name}` : undefined}
      >
        {d}
      </button>,
    );
  }
  return (
    <section className="month" aria-label={t('calendar.monthTitle', { year, month })}>
      <h3>{t('calendar.monthTitle', { year, month })}</h3>
      <div className="month-grid">
        {weekdays.map((w) => (
          <span key={w} className="month-weekday" aria-hidden>
            {w}
          </span>
        ))}
        {cells}
      </div>
    </section>
  );
}

/** The working-day calendar: only exceptions are stored (weekday holidays, weekend workdays). */
export function CalendarPage() {
  const { t } = useTranslation();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [picked, setPicked] = useState<string | null>(null);
  const days = useQuery({
    queryKey: ['calendar', year],
    queryFn: () => api.get<CalendarDay[]>('/calendar', { year }),
  });
  const exceptions = useMemo(() => new Map((days.data ?? []).map((d) => [d.day, d])), [days.data]);
  const holidays = (days.data ?? []).filter((d) => d.kind === 'holiday').length;
  const workdays = (days.data ?? []).length - holidays;

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('nav.groupAdmin') }, { title: t('nav.calendar') }]}
        title={t('nav.calendar')}
        extra={
          <Space>
            <Button
              icon={<LeftOutlined aria-hidden />}
              onClick={() => setYear((y) => y - 1)}
              aria-label={t('calendar.prevYear')}
            />
            <Typography.Text strong style={{ fontSize: 18 }} aria-live="polite">
              {t('calendar.year', { year })}
            </Typography.Text>
            <Button
              icon={<RightOutlined aria-hidden />}
              onClick={() => setYear((y) => y + 1)}
              aria-label={t('calendar.nextYear')}
            />
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <div className="legend">
          <span>
            <span className="legend-swatch" style={{ background: '#fff1f0', border: '1px solid #ffa39e' }} />
            {t('calendar.legendHoliday', { count: holidays })}
          </span>
          <span>
            <span className="legend-swatch" style={{ background: '#fff7e6', border: '1px solid #ffd591' }} />
            {t('calendar.legendWorkday', { count: workdays })}
          </span>
          <Typography.Text type="secondary">{t('calendar.help')}</Typography.Text>
        </div>
      </Card>
      <ApiErrorAlert error={days.error} />
      {days.isLoading ? (
        <PageLoading />
      ) : (
        <div className="year-grid">
          {MONTHS.map((month) => (
            <Month key={month} year={year} month={month} exceptions={exceptions} onPick={setPicked} />
          ))}
        </div>
      )}
      {picked ? (
        <DayDialog day={picked} existing={exceptions.get(picked)} onClose={() => setPicked(null)} />
      ) : null}
    </>
  );
}
