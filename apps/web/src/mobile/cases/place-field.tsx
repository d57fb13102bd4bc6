import { AimOutlined, EnvironmentOutlined, LoadingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { PositionState } from './position';

export type PlaceGrid = { id: number; name: string };

/** Where the report is: the phone's position, or (no position, or by choice) one of the user's grids. */
export type Place = { lat: number; lng: number } | { orgNodeId: number } | null;

export function placeOf(
  position: PositionState,
  useGrid: boolean,
  gridId: number | null,
): { place: Place; byGrid: boolean } {
  const byGrid = useGrid || position.status === 'failed';
  if (!byGrid && position.status === 'found')
    return { place: { lat: position.point.lat, lng: position.point.lng }, byGrid };
  return { place: byGrid && gridId ? { orgNodeId: gridId } : null, byGrid };
}

const coord = (n: number) => n.toFixed(5);

/**
 * 位置: the coordinates and 重新定位, or the grid chips when the phone cannot (or should not) give a
 * position; a grid worker in a basement still reports, against their grid.
 */
export function PlaceField({
  position,
  locate,
  byGrid,
  setUseGrid,
  grids,
  gridId,
  setGridId,
  error,
}: {
  position: PositionState;
  locate: () => void;
  byGrid: boolean;
  setUseGrid: (v: boolean) => void;
  grids: PlaceGrid[];
  gridId: number | null;
  setGridId: (id: number) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="pf-field" id="pf-place" aria-describedby={error ? 'pf-place-msg' : undefined}>
      <legend className="pf-label">
        <span className="pf-mark" aria-hidden="true">
          *
        </span>
        {t('casesPhone.place.label')}
      </legend>
      {!byGrid && position.status === 'locating' ? (
        <div className="cp-place" role="status">
          <LoadingOutlined aria-hidden /> {t('casesPhone.place.locating')}
        </div>
      ) : null}
      {!byGrid && position.status === 'found' ? (
        <div className="cp-place" role="status">
          <EnvironmentOutlined aria-hidden />
          <span>
            <span className="mono">
              {coord(position.point.lat)}, {coord(position.point.lng)}
            </span>
            {position.point.accuracy >= 1 ? (
              <span className="muted">
                {' '}
                {t('casesPhone.place.accuracy', { metres: Math.round(position.point.accuracy) })}
              </span>
            ) : null}
          </span>
        </div>
      ) : null}
      {position.status === 'failed' ? (
        <div className="phone-note warning" role="status">
          {t(`casesPhone.place.failed.${position.reason}`)}
        </div>
      ) : null}
      {byGrid ? (
        grids.length > 0 ? (
          <div className="pf-choices" role="radiogroup" aria-label={t('casesPhone.place.grid')}>
            {grids.map((g) => (
              <label key={g.id} className="pf-choice">
                <input
                  type="radio"
                  name="pf-place-grid"
                  checked={gridId === g.id}
                  onChange={() => setGridId(g.id)}
                />
                <span>{g.name}</span>
              </label>
            ))}
          </div>
        ) : (
          <p className="phone-note warning">{t('phone.noGrid')}</p>
        )
      ) : null}
      <div className="cp-inline-actions">
        <button
          type="button"
          className="text-button"
          onClick={() => {
            setUseGrid(false);
            locate();
          }}
        >
          <AimOutlined aria-hidden /> {t('casesPhone.place.relocate')}
        </button>
        {!byGrid && grids.length > 0 ? (
          <button type="button" className="text-button" onClick={() => setUseGrid(true)}>
            {t('casesPhone.place.chooseGrid')}
          </button>
        ) : null}
      </div>
      {error ? (
        <span className="pf-error" id="pf-place-msg" role="alert">
          {error}
        </span>
      ) : null}
    </fieldset>
  );
}
