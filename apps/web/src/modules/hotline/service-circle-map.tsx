import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'react';

/** Same tile setting as the case map: off unless the city serves its own tiles. */
const TILE_URL: string | undefined = import.meta.env.VITE_MAP_TILE_URL;
const TILE_ATTRIBUTION: string = import.meta.env.VITE_MAP_TILE_ATTRIBUTION ?? '';

export type MapProvider = { id: number; name: string; lat: number; lng: number; matched: boolean };

/**
 * The 15-minute circle: the service place (click to move it), the walking radius around it, and the
 * providers nearby — matched ones in blue, the rest grey — so the operator sees who is close.
 */
export function ServiceCircleMap({
  point,
  radius,
  providers,
  fallbackCentre,
  onPick,
  label,
}: {
  point: { lat: number; lng: number } | null;
  radius: number;
  providers: MapProvider[];
  fallbackCentre: { lat: number; lng: number } | null;
  onPick?: (p: { lat: number; lng: number }) => void;
  label: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    if (!container.current) return;
    const m = L.map(container.current, { zoomSnap: 0.25 });
    if (TILE_URL) L.tileLayer(TILE_URL, { attribution: TILE_ATTRIBUTION, maxZoom: 19 }).addTo(m);
    m.on('click', (e: L.LeafletMouseEvent) =>
      pick.current?.({ lat: Number(e.latlng.lat.toFixed(6)), lng: Number(e.latlng.lng.toFixed(6)) }),
    );
    map.current = m;
    const resize = new ResizeObserver(() => m.invalidateSize());
    resize.observe(container.current);
    return () => {
      resize.disconnect();
      m.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    const layers = L.layerGroup().addTo(m);
    for (const p of providers) {
      L.circleMarker([p.lat, p.lng], {
        radius: 7,
        color: p.matched ? '#1677ff' : '#8c8c8c',
        fillOpacity: 0.8,
      })
        .bindTooltip(p.name)
        .addTo(layers);
    }
    if (point) {
      L.circle([point.lat, point.lng], { radius, color: '#52c41a', fillOpacity: 0.08 }).addTo(layers);
      L.circleMarker([point.lat, point.lng], { radius: 9, color: '#cf1322', fillOpacity: 1 })
        .bindTooltip(label, { permanent: true, direction: 'top' })
        .addTo(layers);
      // From the point itself: a circle knows its bounds only once the map has a view.
      m.fitBounds(L.latLng(point.lat, point.lng).toBounds(radius * 2), { padding: [16, 16] });
    } else if (fallbackCentre) {
      m.setView([fallbackCentre.lat, fallbackCentre.lng], 14);
    }
    return () => {
      layers.remove();
    };
  }, [point, radius, providers, fallbackCentre, label]);

  return <div ref={container} className="hotline-map" role="application" aria-label={label} />;
}
