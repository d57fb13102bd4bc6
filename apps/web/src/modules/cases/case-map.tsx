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
const AREA_LABEL_PANE = 'areaLabels';
const CASE_PANE = 'cases';
/** Close enough to tell apart cases a few metres from each other. */
const SPOT_ZOOM = 17;

export const MARKER_COLOURS = { overdue: '#cf1322', urgent: '#fa541c', normal: '#1677ff' } as const;

export const markerTone = (c: Pick<CaseMapItem, 'overdue' | 'urgency'>): keyof typeof MARKER_COLOURS =>
  c.overdue ? 'overdue' : c.urgency === 'urgent' ? 'urgent' : 'normal';

const TONE_RANK = { overdue: 0, urgent: 1, normal: 2 } as const;

/** Worst first: overdue, then urgent, then the rest, newest first within each. */
export const worstFirst = (a: CaseMapItem, b: CaseMapItem) =>
  TONE_RANK[markerTone(a)] - TONE_RANK[markerTone(b)] || b.id - a.id;

/** Cases reported at the same spot (often the same problem twice) share one marker. */
function bySpot(items: CaseMapItem[]): CaseMapItem[][] {
  const spots = new Map<string, CaseMapItem[]>();
  for (const item of items) {
    const key = `${item.lat.toFixed(5)},${item.lng.toFixed(5)}`;
    spots.set(key, [...(spots.get(key) ?? []), item]);
  }
  return [...spots.values()].map((group) => group.sort(worstFirst));
}

/** The popup is built as DOM (titles are user text: textContent, never HTML). */
type PopupWords = { state: (state: string) => string; open: string; openNamed: (id: number) => string };

function popupContent(group: CaseMapItem[], words: PopupWords, onOpen: (id: number) => void) {
  const box = document.createElement('div');
  box.className = 'case-map-popup';
  for (const item of group) {
    const entry = document.createElement('div');
    const title = document.createElement('strong');
    title.textContent = `#${item.id} ${item.title}`;
    const state = document.createElement('div');
    state.textContent = words.state(item.state);
    const link = document.createElement('a');
    link.href = `/desk/cases/${item.id}`;
    link.textContent = words.open;
    link.setAttribute('aria-label', words.openNamed(item.id));
    link.addEventListener('click', (e) => {
      e.preventDefault();
      onOpen(item.id);
    });
    entry.append(title, state, link);
    box.append(entry);
  }
  return box;
}

/** One case: a circle; several at one spot: a numbered badge in the colour of the worst of them. */
function spotMarker(group: CaseMapItem[]): L.Layer & { getLatLng(): L.LatLng; openPopup(): unknown } {
  const first = group[0]!;
  const colour = MARKER_COLOURS[markerTone(first)];
  if (group.length === 1)
    return L.circleMarker([first.lat, first.lng], {
      pane: CASE_PANE,
      radius: markerTone(first) === 'normal' ? 7 : 9,
      color: '#fff',
      weight: 2,
      fillColor: colour,
      fillOpacity: 0.95,
    });
  const badge = document.createElement('span');
  badge.style.background = colour;
  badge.textContent = String(group.length);
  return L.marker([first.lat, first.lng], {
    pane: CASE_PANE,
    icon: L.divIcon({ className: 'case-map-badge', html: badge, iconSize: [26, 26] }),
  });
}

/**
 * Open cases as markers (red overdue, orange urgent, blue otherwise) over the grid polygons,
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
  const markers = useRef(new Map<number, ReturnType<typeof spotMarker>>());

  useEffect(() => {
    if (!container.current) return;
    const m = L.map(container.current, { zoomSnap: 0.25 });
    // Grid names sit above the polygons but below the cases, so a label never hides a case.
    m.createPane(AREA_LABEL_PANE).style.zIndex = '420';
    m.createPane(CASE_PANE).style.zIndex = '450';
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
              ? {
                  permanent: true,
                  direction: 'center',
                  className: 'case-map-area-label',
                  pane: AREA_LABEL_PANE,
                }
              : { sticky: true },
          ),
      },
    ).addTo(layers);
    markers.current.clear();
    // Drawn best first, so where markers touch the worst lies on top.
    for (const group of bySpot(items).sort((a, b) => worstFirst(b[0]!, a[0]!))) {
      const marker = spotMarker(group)
        .bindPopup(() =>
          popupContent(
            group,
            {
              state: (state) => caseLabel(t, 'state', state),
              open: t('casesDesk.map.open'),
              openNamed: (id) => t('casesDesk.map.openNamed', { id }),
            },
            onOpen,
          ),
        )
        .addTo(layers);
      for (const item of group) markers.current.set(item.id, marker);
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
    map.current.setView(marker.getLatLng(), Math.max(map.current.getZoom(), SPOT_ZOOM));
    marker.openPopup();
  }, [selected]);

  return <section ref={container} className="case-map" aria-label={t('casesDesk.map.label')} />;
}
