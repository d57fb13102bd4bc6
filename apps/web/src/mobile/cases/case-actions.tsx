import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { useSession } from '../../app/auth';
import { dynamicLabel } from '../../components/labels';
import { PhoneButton, TextField, usePhoneForm } from '../registry/phone-form';
import { useOnline } from '../use-online';
import { type CaseDetailView, fireCaseAction, useCaseChanged } from './phone-case-api';
import { PhotoPicker, usePhotoSet } from './photo-picker';
import { apiHttp } from './queue-store';

type Need = 'required' | 'optional';

/** What each action asks for on the phone; the API lists which of them the user may fire now. */
const PHONE_ACTIONS = {
  submit: {},
  verify: { note: 'optional', photos: 'optional' },
  self_resolve: { note: 'required', photos: 'required' },
  accept: {},
  return: { note: 'required' },
  handle: { note: 'required', photos: 'optional' },
  check_pass: { note: 'optional', photos: 'optional' },
  check_fail: { note: 'required', photos: 'optional' },
  evaluate: { rating: true, note: 'optional' },
  reopen: { note: 'required' },
  request_postpone: { note: 'required', dueAt: true },
  request_hold: { note: 'required' },
} satisfies Record<string, { note?: Need; photos?: Need; rating?: true; dueAt?: true }>;
type PhoneAction = keyof typeof PHONE_ACTIONS;
const onPhone = (a: string): a is PhoneAction => a in PHONE_ACTIONS;
type Spec = { note?: Need; photos?: Need; rating?: true; dueAt?: true };

/** Days after closing in which the reporter may ask for 重新办理 (the API's window; later it refuses). */
const REOPEN_DAYS = 7;

/** Actions that step back or aside; they never take the primary colour. */
const SECONDARY = new Set<string>(['reopen', 'return', 'check_fail', 'request_postpone', 'request_hold']);

/** 政务服务好差评: five levels, best first. */
const RATINGS = [5, 4, 3, 2, 1] as const;

function specOf(c: CaseDetailView, action: PhoneAction): Spec {
  // Handling a grid event needs after photos (the API insists); other kinds may go without.
  if (action === 'handle' && c.kind === 'grid_event') return { note: 'required', photos: 'required' };
  return PHONE_ACTIONS[action];
}

function ActionForm({
  c,
  action,
  onClose,
  onDone,
  onConflict,
}: {
  c: CaseDetailView;
  action: PhoneAction;
  onClose: () => void;
  onDone: () => void;
  /** Someone moved the case first: the page reloads it and says so above the buttons. */
  onConflict: (message: string) => void;
}) {
  const { t } = useTranslation();
  const me = useSession();
  const http = useMemo(() => apiHttp(me.csrfToken), [me.csrfToken]);
  const photos = usePhotoSet(http);
  const form = usePhoneForm({});
  const spec = specOf(c, action);
  const [extra, setExtra] = useState<Record<string, string>>({});
  const changed = useCaseChanged();
  const fire = useMutation({
    mutationFn: (body: Record<string, unknown>) => fireCaseAction(c.id, body),
    onSuccess: (next) => {
      changed(next);
      onDone();
    },
    onError: (e) => {
      form.fromApi(e);
      const found: Record<string, string> = {};
      if (isApiError(e))
        for (const d of e.details)
          if (['photoIds', 'rating', 'dueAt'].includes(d.path)) found[d.path] = d.message;
      setExtra(found);
      if (isApiError(e, 409)) {
        changed();
        onConflict(e.message);
      }
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const required = (v: string) => (v ? null : t('validation.required'));
    if (!form.check(spec.note === 'required' ? { note: [required] } : {})) return;
    const found: Record<string, string> = {};
    if (spec.rating && !form.values.rating) found.rating = t('casesPhone.action.ratingRequired');
    if (spec.dueAt && !form.values.dueAt) found.dueAt = t('validation.required');
    if (photos.photos.some((p) => p.state === 'waiting'))
      found.photoIds = t('casesPhone.action.photosOffline');
    else if (spec.photos === 'required' && photos.uploadedIds.length === 0)
      found.photoIds = t('casesPhone.errors.afterPhoto');
    setExtra(found);
    if (Object.keys(found).length > 0) return;
    const note = form.values.note?.trim();
    fire.mutate({
      action,
      version: c.version,
      ...(note ? { note } : {}),
      ...(photos.uploadedIds.length ? { photoIds: photos.uploadedIds } : {}),
      ...(spec.rating ? { rating: Number(form.values.rating) } : {}),
      ...(spec.dueAt ? { dueAt: `${form.values.dueAt}:00+08:00` } : {}),
    });
  };

  const label = t(`cases.action.${action}`);
  return (
    <form className="cp-action-panel" onSubmit={submit} noValidate aria-label={label}>
      <h3>{label}</h3>
      {fire.error && !isApiError(fire.error, 409) ? (
        <div className="phone-note error" role="alert">
          {fire.error.message}
        </div>
      ) : null}
      {spec.rating ? (
        <fieldset className="pf-field pf-choices-set" aria-invalid={extra.rating ? true : undefined}>
          <legend className="pf-label">
            <span className="pf-mark" aria-hidden="true">
              *
            </span>
            {t('casesPhone.action.rating')}
          </legend>
          <div className="pf-choices">
            {RATINGS.map((r) => (
              <label key={r} className="pf-choice">
                <input
                  type="radio"
                  name="pf-rating"
                  checked={form.values.rating === String(r)}
                  onChange={() => form.set('rating', String(r))}
                />
                <span>{t(`casesPhone.rating.${r}`)}</span>
              </label>
            ))}
          </div>
          {extra.rating ? (
            <span className="pf-error" role="alert">
              {extra.rating}
            </span>
          ) : null}
        </fieldset>
      ) : null}
      {spec.dueAt ? (
        <TextField
          form={form}
          name="dueAt"
          type="datetime-local"
          label={t('casesPhone.action.dueAt')}
          required
        />
      ) : null}
      {extra.dueAt ? <span className="pf-error">{extra.dueAt}</span> : null}
      {spec.note ? (
        <TextField
          form={form}
          name="note"
          label={t(`casesPhone.action.note.${action as Exclude<PhoneAction, 'submit' | 'accept'>}`)}
          required={spec.note === 'required'}
          multiline
          maxLength={action === 'self_resolve' ? 500 : 2000}
        />
      ) : null}
      {spec.photos ? (
        <PhotoPicker
          id={`pf-${action}-photos`}
          set={photos}
          label={t('casesPhone.action.photos')}
          required={spec.photos === 'required'}
          error={extra.photoIds}
        />
      ) : null}
      <div className="phone-actions">
        <PhoneButton type="submit" primary busy={fire.isPending} disabled={photos.uploading}>
          {t('casesPhone.action.confirm', { action: label })}
        </PhoneButton>
        <PhoneButton onClick={onClose}>{t('common.cancel')}</PhoneButton>
      </div>
    </form>
  );
}

/**
 * Exactly the actions the API lists for this user, as full-width buttons; each opens its few fields
 * and a 确认 button. Actions that need the desk (立案, 派遣 …) are named with a pointer there.
 */
export function CaseActions({ c }: { c: CaseDetailView }) {
  const { t } = useTranslation();
  const online = useOnline();
  const [open, setOpen] = useState<PhoneAction | null>(null);
  const [notice, setNotice] = useState<{ text: string; warning: boolean } | null>(null);
  const reopenOpen = c.closedAt !== null && Date.now() - Date.parse(c.closedAt) <= REOPEN_DAYS * 86_400_000;
  const actions = c.actions.filter(onPhone).filter((a) => a !== 'reopen' || reopenOpen);
  const desk = c.actions.filter((a) => !onPhone(a));
  if (actions.length === 0 && desk.length === 0 && !notice) return null;
  return (
    <section className="phone-section" aria-labelledby="case-actions">
      <h2 id="case-actions">{t('casesPhone.detail.actions')}</h2>
      {notice ? (
        <div className={notice.warning ? 'phone-note warning' : 'phone-note'} role="status">
          {notice.text}
        </div>
      ) : null}
      {online ? null : (
        <div className="phone-note warning" role="status">
          {t('casesPhone.action.offline')}
        </div>
      )}
      <div className="cp-actions">
        {actions.map((a, i) =>
          open === a ? (
            <ActionForm
              key={a}
              c={c}
              action={a}
              onClose={() => setOpen(null)}
              onDone={() => {
                setOpen(null);
                setNotice({
                  text: t('casesPhone.action.done', { action: t(`cases.action.${a}`) }),
                  warning: false,
                });
              }}
              onConflict={(text) => setNotice({ text, warning: true })}
            />
          ) : (
            <PhoneButton
              key={a}
              primary={i === 0 && !SECONDARY.has(a)}
              disabled={!online}
              onClick={() => {
                setNotice(null);
                setOpen(a);
              }}
            >
              {t(`cases.action.${a}`)}
            </PhoneButton>
          ),
        )}
      </div>
      {c.actions.includes('reopen') && !reopenOpen ? (
        <p className="muted">{t('casesPhone.action.reopenPassed', { days: REOPEN_DAYS })}</p>
      ) : null}
      {desk.length > 0 ? (
        <p className="muted">
          {t('casesPhone.action.onDesk', {
            actions: desk.map((a) => dynamicLabel(t, 'cases.action', a)).join(t('casesPhone.sep')),
          })}
        </p>
      ) : null}
    </section>
  );
}
