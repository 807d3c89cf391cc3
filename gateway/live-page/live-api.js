import { createClient } from 'graphql-ws';

/** What the page shows of an activity, asked over HTTP: for a late joiner the route so far, for a finished one its final figures. */
const activityQuery = `query LivePageActivity($id: ID!) {
  activity(id: $id) {
    title sport status startedAt endedAt
    athlete { name }
    stats { distanceMeters movingTimeSeconds elapsedTimeSeconds averageSpeedMps maxSpeedMps elevationGainMeters averageHeartRateBpm }
    route { segments lastFixAt endsHidden }
    splits { distanceMeters elevationChangeMeters }
  }
}`;

const liveQuery = `subscription LivePage($id: ID!) {
  liveActivity(activityId: $id) {
    status at distanceMeters elapsedTimeSeconds movingTimeSeconds currentSpeedMps stale
    lastPoint { lat lon elevation heartRate time }
    activity { title sport athlete { name } }
  }
}`;

/** The viewer's token rides in the URL's fragment, which browsers never send to the server. */
export function viewerToken() {
  return new URLSearchParams(location.hash.slice(1)).get('token');
}

/** The activity as the viewer may see it; `{ activity: null }` when they may not (or it does not exist). */
export async function fetchActivity(activityId, token) {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: activityQuery, variables: { id: activityId } }),
  });
  const body = await response.json();
  return { activity: body.data?.activity ?? null, errors: body.errors ?? [] };
}

/** Subscribes to the activity's live figures over graphql-ws on this origin; returns the unsubscribe. */
export function watchLive(activityId, token, { next, error, complete }) {
  const client = createClient({
    url: location.origin.replace(/^http/, 'ws') + '/graphql',
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: Infinity,
    shouldRetry: () => true,
  });
  return client.subscribe({ query: liveQuery, variables: { id: activityId } }, { next, error, complete });
}
