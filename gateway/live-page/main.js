import { drawElevation, elevationProfile } from './elevation-chart.js';
import { figureTexts, finishedStatuses, heartRateText } from './figures.js';
import { fetchActivity, viewerToken, watchLive } from './live-api.js';
import { RouteMap } from './route-map.js';

/** While updates keep coming, the stored route and splits are asked for again at most this often (the live fixes fill in between). */
const refreshIntervalMs = 30_000;

const $ = (id) => document.getElementById(id);
const { activityId, tileUrl, tileAttribution } = document.body.dataset;
const token = viewerToken();
const routeMap = new RouteMap($('map'), { tileUrl, attribution: tileAttribution });
const state = { activity: null, live: null, liveReceivedAt: 0, fetchedAt: 0, fetching: false };

function currentStatus() {
  const stored = state.activity?.status;
  if (stored && finishedStatuses.includes(stored)) return stored;
  return state.live?.status ?? stored ?? null;
}

function render() {
  const status = currentStatus();
  const activity = state.activity ?? state.live?.activity;
  const sport = activity?.sport ?? 'RUN';
  const extraSeconds = status === 'ACTIVE' && state.live ? (Date.now() - state.liveReceivedAt) / 1000 : 0;
  const texts = figureTexts({ sport, status, live: state.live, stats: state.activity?.stats, extraSeconds });
  for (const [id, text] of Object.entries({
    distance: texts.distance,
    elapsed: texts.elapsed,
    moving: texts.moving,
    current: texts.current,
    average: texts.average,
    climb: texts.climb,
    'current-label': texts.currentLabel,
    'average-label': texts.averageLabel,
  })) {
    if ($(id).textContent !== text) $(id).textContent = text;
  }
  showHeartRate(heartRateText({ live: state.live, stored: state.activity }));
  if (activity) {
    $('title').textContent = activity.title || 'Live activity';
    document.title = `${activity.title} · PaceGraph live`;
    $('athlete').textContent = activity.athlete?.name ?? '';
    $('sport').textContent = sport.charAt(0) + sport.slice(1).toLowerCase();
  }
  if (status) {
    $('status').textContent = status;
    $('status').dataset.status = status;
    $('status').classList.toggle('stale', Boolean(state.live?.stale) && !finishedStatuses.includes(status));
  }
  const updatedAt = finishedStatuses.includes(status ?? '') ? state.activity?.endedAt : (state.live?.at ?? state.activity?.startedAt);
  if (updatedAt) {
    const time = new Date(updatedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
    $('updated').textContent = `${state.live?.stale ? 'Reconnecting… last update' : 'Updated'} ${time}`;
    $('updated').setAttribute('datetime', updatedAt);
  }
}

/** A seventh figure, there only while there is a heart rate to show (most runs are recorded without a sensor). */
function showHeartRate(heartRate) {
  const figure = $('heart-rate-figure');
  if (!heartRate) return figure?.remove();
  if (!figure) {
    $('figures').insertAdjacentHTML(
      'beforeend',
      '<div class="figure" id="heart-rate-figure"><b id="heart-rate"></b><span id="heart-rate-label"></span></div>',
    );
  }
  if ($('heart-rate').textContent !== heartRate.value) $('heart-rate').textContent = heartRate.value;
  if ($('heart-rate-label').textContent !== heartRate.label) $('heart-rate-label').textContent = heartRate.label;
}

async function refresh() {
  if (state.fetching) return;
  state.fetching = true;
  try {
    const { activity, errors } = await fetchActivity(activityId, token);
    state.fetchedAt = Date.now();
    if (!activity) {
      // Nothing to show but why: an empty map and zeros would read as an activity that has not begun.
      if (!state.activity) document.body.classList.add('unavailable');
      $('error').textContent = errors.length ? errors.map((error) => error.message).join('; ') : 'No activity here that you may see.';
      return;
    }
    state.activity = activity;
    routeMap.showStored(activity.route ?? {});
    drawElevation($('elevation'), $('elevation-caption'), elevationProfile(activity.splits));
    render();
  } catch {
    $('error').textContent = 'Could not load the activity; retrying with the next update.';
  } finally {
    state.fetching = false;
  }
}

function onLive(update) {
  const statusBefore = currentStatus();
  state.live = update;
  state.liveReceivedAt = Date.now();
  routeMap.addLive(update.lastPoint, update.at);
  render();
  const firstFix = update.lastPoint && !state.activity?.route;
  if (update.status !== statusBefore || firstFix || Date.now() - state.fetchedAt > refreshIntervalMs) void refresh();
}

watchLive(activityId, token, {
  next: (result) => {
    if (result.data?.liveActivity) onLive(result.data.liveActivity);
    if (result.errors) $('error').textContent = result.errors.map((error) => error.message).join('; ');
  },
  error: (error) => {
    $('error').textContent = Array.isArray(error) ? error.map((each) => each.message).join('; ') : 'Connection lost';
  },
  complete: () => void refresh(),
});
void refresh();
setInterval(render, 1000);
