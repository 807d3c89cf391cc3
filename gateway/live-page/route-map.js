import L from 'leaflet';
import { decodePolyline } from '@pacegraph/track-math';

/**
 * The route on a Leaflet map: the stored route (its segments, cut at privacy
 * zones) and the live fixes received since it was asked for. Tiles come from
 * `tileUrl`; when they cannot load, the route and the scale still draw on the
 * map's plain background. `data-route-points` on the element counts the
 * positions drawn.
 */
export class RouteMap {
  constructor(element, { tileUrl, attribution }) {
    this.element = element;
    this.map = L.map(element, { zoomSnap: 0.25 }).setView([30, 0], 2);
    L.tileLayer(tileUrl, { attribution, maxZoom: 19 }).addTo(this.map);
    L.control.scale({ imperial: false }).addTo(this.map);
    this.layers = L.layerGroup().addTo(this.map);
    this.stored = [];
    /** The time of the stored route's last fix: what the live stream says of fixes until then, the route already shows. */
    this.until = -Infinity;
    /**
     * Live fixes heard since the stored route's last fix, in arrival order, each
     * with the time of the fix it stands for; `point` null where the stream went
     * quiet about the position (a privacy zone).
     */
    this.live = [];
    this.following = true;
    // Once the viewer moves the map, it stays where they put it.
    this.map.on('dragstart', () => (this.following = false));
    this.element.dataset.routePoints = '0';
  }

  /**
   * Shows a stored route: its encoded `segments`, drawn from the fixes up to
   * `lastFixAt`; with `endsHidden` its last fix was in a privacy zone. Live
   * fixes heard while it was asked for stay only if they came after it, so
   * nothing is drawn twice and the next fix is joined to the route only when
   * the route does not end at a zone.
   */
  showStored({ segments, lastFixAt, endsHidden }) {
    this.stored = (segments ?? []).map((segment) => decodePolyline(segment));
    this.until = lastFixAt ? Date.parse(lastFixAt) : -Infinity;
    const kept = this.live.filter((entry) => entry.at > this.until);
    this.live = endsHidden && kept[0]?.point !== null ? [{ point: null, at: this.until }, ...kept] : kept;
    this.draw();
  }

  /** Adds a live fix (`at`: the time of the fix it stands for) to the end of the route; null breaks the line. */
  addLive(point, at) {
    const fixAt = point ? Date.parse(point.time) : Date.parse(at);
    // Heard late, after the route was asked for again: already drawn.
    if (fixAt <= this.until) return;
    const last = this.live[this.live.length - 1];
    if (point && last?.point?.time === point.time) return;
    // A break first of all still counts: the stored route may end where the position became hidden.
    if (!point && last && !last.point) return;
    this.live.push({ point, at: fixAt });
    this.draw();
  }

  draw() {
    const lines = this.stored.map((segment) => segment.map(({ lat, lon }) => [lat, lon]));
    let drawn = lines.reduce((sum, line) => sum + line.length, 0);
    // The first live fixes continue the stored route; a break starts a new line.
    let current = lines.length ? lines[lines.length - 1] : null;
    for (const { point } of this.live) {
      if (!point) {
        current = null;
        continue;
      }
      if (!current) lines.push((current = []));
      current.push([point.lat, point.lon]);
      drawn++;
    }
    this.layers.clearLayers();
    const visible = lines.filter((line) => line.length > 0);
    for (const line of visible) L.polyline(line, { className: 'live-route', color: '#e8590c', weight: 4, opacity: 0.9 }).addTo(this.layers);
    const start = visible[0]?.[0];
    if (start)
      L.circleMarker(start, { className: 'live-start', radius: 5, color: '#fff', weight: 2, fillColor: '#2b6', fillOpacity: 1 }).addTo(
        this.layers,
      );
    const end = visible.length ? visible[visible.length - 1].at(-1) : null;
    if (end)
      L.circleMarker(end, { className: 'live-position', radius: 7, color: '#fff', weight: 3, fillColor: '#e8590c', fillOpacity: 1 }).addTo(
        this.layers,
      );
    this.element.dataset.routePoints = String(drawn);
    if (this.following && visible.length) {
      this.map.fitBounds(L.latLngBounds(visible.flat()), { padding: [28, 28], maxZoom: 17, animate: false });
    }
  }
}
