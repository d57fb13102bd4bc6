import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ErrorDetail } from '../../app/api';
import { useSession } from '../../app/auth';
import { PhoneButton, requiredRule, TextField, usePhoneForm } from '../registry/phone-form';
import { CategoryPick, categoryName, type OTHER, rememberCategory } from './category-pick';
import { SwitchRow } from './phone-bits';
import { type CaseDetailView, useCaseChanged, usePhoneCategories } from './phone-case-api';
import { PhotoPicker, usePhotoSet } from './photo-picker';
import { PlaceField, type PlaceGrid, placeOf } from './place-field';
import { usePosition } from './position';
import { apiHttp, queueReport, sendOrQueue } from './queue-store';
import { newQueuedReport, type ReportFields } from './report-queue';

export type ReportResult = { sent: CaseDetailView } | { queued: true };

/** Which API field a refusal names, as the form shows it. */
const PLACE_PATHS = ['lat', 'lng', 'orgNodeId'];

/**
 * 上报 / 我要反映: photos (sent at once), category chips that fill in the title, the position or a
 * grid, and one button. A grid worker may also mark it urgent, or handle it on the spot (自办自结,
 * with after photos and a note). Offline, or when the network drops mid-way, the report waits on the
 * phone and goes later under the same idempotency key.
 */
export function ReportForm({
  variant,
  grids,
  onDone,
}: {
  variant: 'grid' | 'resident';
  grids: PlaceGrid[];
  onDone: (r: ReportResult) => void;
}) {
  const { t, i18n } = useTranslation();
  const me = useSession();
  const http = useMemo(() => apiHttp(me.csrfToken), [me.csrfToken]);
  const changed = useCaseChanged();
  const categories = usePhoneCategories();
  const photos = usePhotoSet(http);
  const after = usePhotoSet(http);
  const position = usePosition();
  const form = usePhoneForm({});
  const [category, setCategory] = useState<number | typeof OTHER | ''>('');
  const [titleEdited, setTitleEdited] = useState(false);
  const [urgent, setUrgent] = useState(false);
  const [selfResolve, setSelfResolve] = useState(false);
  const [useGrid, setUseGrid] = useState(false);
  const [gridId, setGridId] = useState<number | null>(grids.length === 1 ? (grids[0]?.id ?? null) : null);
  const [extraErrors, setExtraErrors] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { place, byGrid } = placeOf(position, useGrid, gridId);

  const pickCategory = (next: number | typeof OTHER | '') => {
    setCategory(next);
    const c = typeof next === 'number' ? categories.data?.find((x) => x.id === next) : undefined;
    if (c && !titleEdited) form.set('title', categoryName(c, i18n.language));
  };

  const validate = (): boolean => {
    const required = requiredRule(t('validation.required'));
    const rules = { title: [required], ...(variant === 'resident' ? { description: [required] } : {}) };
    const textOk = form.check(selfResolve ? { ...rules, note: [required] } : rules);
    const found: Record<string, string> = {};
    if (!place) found.place = t('casesPhone.errors.place');
    if (selfResolve && photos.usable === 0) found.photos = t('casesPhone.errors.beforePhoto');
    if (selfResolve && after.usable === 0) found.after = t('casesPhone.errors.afterPhoto');
    setExtraErrors(found);
    if (textOk && found.place) document.getElementById('pf-place')?.scrollIntoView({ block: 'center' });
    return textOk && Object.keys(found).length === 0;
  };

  /** A refusal's field messages go next to their fields; the rest sits on top. */
  const showRefusal = (message: string, details: ErrorDetail[]) => {
    form.fromApi(new ApiError(400, 'refused', message, details));
    const found: Record<string, string> = {};
    for (const d of details) {
      if (PLACE_PATHS.includes(d.path)) found.place = d.message;
      if (d.path.startsWith('photoIds')) found.photos = d.message;
      if (d.path.startsWith('selfResolved.afterPhotoIds')) found.after = d.message;
    }
    setExtraErrors(found);
    setRefusal(message);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setRefusal(null);
    if (!validate()) return;
    const v = form.values;
    const fields: ReportFields = {
      title: (v.title ?? '').trim(),
      description: (v.description ?? '').trim(),
      ...(typeof category === 'number' ? { categoryId: category } : {}),
      ...(place ?? {}),
      ...(v.address?.trim() ? { address: v.address.trim() } : {}),
      urgency: urgent ? 'urgent' : 'normal',
      ...(selfResolve ? { selfResolvedNote: (v.note ?? '').trim() } : {}),
    };
    const queued = [...photos.queued('report'), ...(selfResolve ? after.queued('after') : [])];
    const report = newQueuedReport(me.account.id, fields, queued);
    if (typeof category === 'number') rememberCategory(category);
    setBusy(true);
    try {
      if (!navigator.onLine) {
        await queueReport(report);
        return onDone({ queued: true });
      }
      const outcome = await sendOrQueue(report, http);
      if (outcome.status === 'refused')
        return showRefusal(outcome.report.refused?.message ?? '', outcome.details);
      if (outcome.status === 'later') return onDone({ queued: true });
      changed(outcome.created);
      onDone({ sent: outcome.created });
    } catch {
      // Only the phone's own storage can fail here (IndexedDB refused, e.g. in private browsing).
      setRefusal(t('casesPhone.errors.storage'));
    } finally {
      setBusy(false);
    }
  };

  const resident = variant === 'resident';
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={t(resident ? 'casesPhone.new.title' : 'casesPhone.report.title')}
    >
      {refusal ? (
        <div className="phone-note error" role="alert">
          {refusal}
        </div>
      ) : null}
      <PhotoPicker
        id="pf-photos"
        set={photos}
        label={t(selfResolve ? 'casesPhone.report.beforePhotos' : 'casesPhone.report.photos')}
        required={selfResolve}
        error={extraErrors.photos}
      />
      <CategoryPick categories={categories.data} value={category} onPick={pickCategory} />
      <TextField
        form={form}
        name="title"
        label={t(resident ? 'casesPhone.new.what' : 'casesPhone.report.titleLabel')}
        required
        maxLength={100}
        onValue={() => setTitleEdited(true)}
      />
      <PlaceField
        position={position}
        locate={position.locate}
        byGrid={byGrid}
        setUseGrid={setUseGrid}
        grids={grids}
        gridId={gridId}
        setGridId={setGridId}
        error={extraErrors.place}
      />
      <TextField form={form} name="address" label={t('casesPhone.report.address')} maxLength={200} />
      <TextField
        form={form}
        name="description"
        label={t('casesPhone.report.description')}
        required={resident}
        multiline
        maxLength={4000}
        hint={resident ? t('casesPhone.new.descriptionHint') : undefined}
      />
      {resident ? null : (
        <>
          <SwitchRow
            label={t('casesPhone.report.urgent')}
            hint={t('casesPhone.report.urgentHint')}
            checked={urgent}
            onChange={setUrgent}
          />
          <SwitchRow
            label={t('cases.action.self_resolve')}
            hint={t('casesPhone.report.selfResolveHint')}
            checked={selfResolve}
            onChange={setSelfResolve}
          />
        </>
      )}
      {selfResolve ? (
        <div className="cp-subform">
          <PhotoPicker
            id="pf-after"
            set={after}
            label={t('casesPhone.report.afterPhotos')}
            required
            error={extraErrors.after}
          />
          <TextField
            form={form}
            name="note"
            label={t('casesPhone.report.selfResolveNote')}
            required
            multiline
            maxLength={500}
          />
        </div>
      ) : null}
      <PhoneButton type="submit" primary busy={busy} disabled={photos.uploading || after.uploading}>
        {photos.uploading || after.uploading
          ? t('casesPhone.photos.waitUpload')
          : t('casesPhone.report.submit')}
      </PhoneButton>
    </form>
  );
}
