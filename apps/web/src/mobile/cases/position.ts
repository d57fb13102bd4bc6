import { useCallback, useEffect, useState } from 'react';

export interface Point {
  lat: number;
  lng: number;
  /** Metres, as the phone reports it. */
  accuracy: number;
}

export type PositionState =
  | { status: 'locating' }
  | { status: 'found'; point: Point }
  /** `denied`: the user said no; `unavailable`: no fix, no API (plain http), or it took too long. */
  | { status: 'failed'; reason: 'denied' | 'unavailable' };

function readPosition(): Promise<PositionState> {
  // Browsers offer geolocation only on https (and localhost); elsewhere the grid is the place.
  if (!('geolocation' in navigator)) return Promise.resolve({ status: 'failed', reason: 'unavailable' });
  return new Promise((resolve) =>
    navigator.geolocation.getCurrentPosition(
      (p) =>
        resolve({
          status: 'found',
          point: { lat: p.coords.latitude, lng: p.coords.longitude, accuracy: p.coords.accuracy },
        }),
      (e) => resolve({ status: 'failed', reason: e.code === e.PERMISSION_DENIED ? 'denied' : 'unavailable' }),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    ),
  );
}

/** The phone's position, asked for at once; `locate` asks again (重新定位). */
export function usePosition(): PositionState & { locate: () => void } {
  const [state, setState] = useState<PositionState>({ status: 'locating' });
  const locate = useCallback(() => {
    setState({ status: 'locating' });
    void readPosition().then(setState);
  }, []);
  useEffect(locate, [locate]);
  return { ...state, locate };
}

/**
 * The position only if the user already allowed it: a task list shows distances when it can, but
 * does not pop a permission prompt to do so.
 */
export function useKnownPosition(): Point | null {
  const [point, setPoint] = useState<Point | null>(null);
  useEffect(() => {
    let live = true;
    void navigator.permissions
      ?.query({ name: 'geolocation' })
      .then((p) => (p.state === 'granted' ? readPosition() : null))
      .then((s) => {
        if (live && s?.status === 'found') setPoint(s.point);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return point;
}

/** Great-circle distance in metres (haversine); plenty for "how far is the next task". */
export function distanceMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}
