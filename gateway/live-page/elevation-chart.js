const svgNamespace = 'http://www.w3.org/2000/svg';
const width = 600;
const height = 120;

/**
 * The climb from the start at each split's end (per km), from the splits'
 * elevation changes: the finest elevation the API gives anyone but the athlete.
 * Null when no split has an elevation.
 */
export function elevationProfile(splits) {
  if (!splits?.length || splits.every((split) => split.elevationChangeMeters == null)) return null;
  const points = [{ distanceMeters: 0, climbMeters: 0 }];
  for (const split of splits) {
    const last = points[points.length - 1];
    points.push({
      distanceMeters: last.distanceMeters + split.distanceMeters,
      climbMeters: last.climbMeters + (split.elevationChangeMeters ?? 0),
    });
  }
  return points;
}

/** Draws `profile` into the `<svg>` `chart` (a filled area, scaled to its own range; flat ground lies in the middle). */
export function drawElevation(chart, caption, profile) {
  chart.replaceChildren();
  chart.dataset.points = String(profile?.length ?? 0);
  chart.closest('section').hidden = !profile;
  if (!profile) return;
  const totalMeters = Math.max(profile[profile.length - 1].distanceMeters, 1);
  const climbs = profile.map((point) => point.climbMeters);
  const low = Math.min(...climbs);
  const high = Math.max(...climbs);
  const span = Math.max(high - low, 10);
  const middle = (high + low) / 2;
  const x = (meters) => ((meters / totalMeters) * width).toFixed(1);
  const y = (climb) => (height / 2 - ((climb - middle) / span) * (height - 20)).toFixed(1);
  const line = profile.map((point) => `${x(point.distanceMeters)},${y(point.climbMeters)}`).join(' ');
  const area = document.createElementNS(svgNamespace, 'polygon');
  area.setAttribute('points', `0,${height} ${line} ${width},${height}`);
  area.setAttribute('class', 'elevation-area');
  const outline = document.createElementNS(svgNamespace, 'polyline');
  outline.setAttribute('points', line);
  outline.setAttribute('class', 'elevation-line');
  chart.append(area, outline);
  const relative = (climb) => `${climb > 0 ? '+' : climb < 0 ? '−' : ''}${Math.abs(Math.round(climb))} m`;
  caption.textContent = high - low < 1 ? 'Flat, per km' : `Per km, from ${relative(low)} to ${relative(high)} against the start`;
}
