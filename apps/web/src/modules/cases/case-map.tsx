import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseMapItem, MapArea } from './case-api';
import { caseLabel } from './case-labels';

/**
 * Base tiles are off by default: the servers this runs on often have no internet, and the grid
 * polygons are the map people need. A city with a tile server (or an offline tile cache) sets
 * VITE_MAP_TILE_URL (and VITE_MAP_TILE_ATTRIBUTION) when building the web app.
 */
const TILE_URL: string | undefined = import.meta.env.VITE_MAP_TILE_URL;
const TILE_ATTRIBUTION: string = import.meta.env.VITE_MAP_TILE_ATTRIBUTION ?? '';

const LABELLED_AREAS = 60;

export const MARKER_COLOURS = { overdue: '#cf1322', urgent: '#fa541c', normal: '#1677ff' } as const;

export const markerTone = (c: Pick<CaseMapItem, 'overdue' | 'urgency'>): keyof typeof MARKER_COLOURS =>
  c.overdue ? 'overdue' : c.urgency === 'urgent' ? 'urgent' : 'normal';

/** The popup is built as DOM (titles are user text: textContent, never HTML). */
function popupContent(item: CaseMapItem, stateText: string, openText: string, onOpen: (id: number) => void) {
  const box = document.createElement('div');
  box.className = 'case-map-popup';
  const title = document.createElement('strong');
  title.textContent = `#${item.id} ${item.title}`;
  const state = document.createElement('div');
  state.textContent = stateText;
  const link = document.createElement('a');
  link.href = `/desk/cases/${item.id}`;
  link.textContent = openText;
  link.addEventListener('click', (e) => {
    e.preventDefault();
    onOpen(item.id);
  });
  box.append(title, state, link);
  return box;
}

/**
 * Open cases as circle markers (red overdue, orange urgent, blue otherwise) over the grid polygons,
 * fitted to the polygons. `selected` pans to a case and opens its popup (the list beside the map
 * uses it, so every case is reachable by keyboard too); a new object each time, so picking the same
 * case again reopens its popup.
 */
export function CaseMap({
  items,
  areas,
  selected,
  onOpen,
}: {
  items: CaseMapItem[];
  areas: MapArea[];
  selected?: { id: number };
  onOpen: (id: number) => void;
}) {
  const { t } = useTranslation();
  const container = useRef<HTMLElement>(null);
  const map = useRef<L.Map | null>(null);
  const markers = useRef(new Map<number, L.CircleMarker>());

  useEffect(() => {
    if (!container.current) return;
    const m = L.map(container.current, { zoomSnap: 0.25, preferCanvas: false });
    if (TILE_URL) L.tileLayer(TILE_URL, { attribution: TILE_ATTRIBUTION, maxZoom: 19 }).addTo(m);
    map.current = m;
    // The container may get its final size after the first layout (tabs, cards).
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
    const polygons = L.geoJSON(
      areas.map((a) => ({
        type: 'Feature' as const,
        properties: { name: a.name },
        geometry: a.boundary as GeoJSON.Geometry,
      })),
      {
        style: { color: '#4096ff', weight: 1.5, fillColor: '#bae0ff', fillOpacity: 0.25 },
        // Names sit on the polygons while they are few enough to read; on a big scope, on hover.
        onEachFeature: (f, layer) =>
          layer.bindTooltip(
            String(f.properties?.name ?? ''),
            areas.length <= LABELLED_AREAS
              ? { permanent: true, direction: 'center', className: 'case-map-area-label' }
              : { sticky: true },
          ),
      },
    ).addTo(layers);
    markers.current.clear();
    for (const item of items) {
      const colour = MARKER_COLOURS[markerTone(item)];
      const marker = L.circleMarker([item.lat, item.lng], {
        radius: item.urgency === 'urgent' || item.overdue ? 9 : 7,
        color: '#fff',
        weight: 2,
        fillColor: colour,
        fillOpacity: 0.95,
      })
        .bindPopup(() =>
          popupContent(item, caseLabel(t, 'state', item.state), t('casesDesk.map.open'), onOpen),
        )
        .addTo(layers);
      markers.current.set(item.id, marker);
    }
    const bounds = polygons.getBounds();
    for (const item of items) bounds.extend([item.lat, item.lng]);
    if (bounds.isValid()) m.fitBounds(bounds, { padding: [16, 16] });
    else m.fitWorld(); // nothing to show; the page says so beside the map
    return () => {
      layers.remove();
    };
  }, [items, areas, onOpen, t]);

  useEffect(() => {
    const marker = selected ? markers.current.get(selected.id) : undefined;
    if (!marker || !map.current) return;
    map.current.panTo(marker.getLatLng());
    marker.openPopup();
  }, [selected]);

  return <section ref={container} className="case-map" aria-label={t('casesDesk.map.label')} />;
}
