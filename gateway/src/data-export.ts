import type { IncomingMessage, ServerResponse } from 'node:http';
import { exportTokenOf, verifyExportToken, type Logger } from '@pacegraph/service-kit';
import { strToU8, zipSync } from 'fflate';
import type { ExecutionResult } from 'graphql';
import type { ClaimExportLink } from './export-claims.js';

/** Runs an operation through the graph as `viewerId`, as their own request would. */
export type RunAsViewer = (query: string, variables: Record<string, unknown>, viewerId: string) => Promise<ExecutionResult>;

const pageSize = 100;
const pageInfo = 'pageInfo { hasNextPage endCursor }';
const comments = `comments(first: ${pageSize}, after: $after) { edges { node { id text createdAt author { id name } } } ${pageInfo} }`;

/** One page of the athlete's follows, either way. */
function follows(direction: 'following' | 'followers'): string {
  return `query ($after: String) { me { ${direction}(first: ${pageSize}, after: $after) { edges { followedAt node { id name } } ${pageInfo} } } }`;
}

const queries = {
  profile: `{ me { id name email bio city avatarUrl preferences { units maxHeartRateBpm audioCues { enabled everyDistance everyMinutes onStatusChange fields } } createdAt followerCount followingCount privacyZones { id lat lon radiusMeters createdAt } } }`,
  following: follows('following'),
  followers: follows('followers'),
  activities: `query ($after: String) { me { activities(first: 20, after: $after) { edges { node {
    id title description sport status visibility startedAt endedAt kudosCount commentCount gpx
    stats { distanceMeters movingTimeSeconds elapsedTimeSeconds averageSpeedMps maxSpeedMps averagePaceSecondsPerKm elevationGainMeters elevationLossMeters }
  } } ${pageInfo} } } }`,
  commentsOn: `query ($id: ID!, $after: String) { activity(id: $id) { ${comments} } }`,
  commentsWritten: `query ($after: String) { me { commentsWritten(first: ${pageSize}, after: $after) { edges { node { id text createdAt activity { id } } } ${pageInfo} } } }`,
};

/** A page of a connection as the export reads it: edges (with their own fields, as `followedAt`) and where the next starts. */
interface Connection {
  edges: ({ node: Record<string, unknown> & { id: string } } & Record<string, unknown>)[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Answers an export link that cannot be downloaded, with why. */
function refuse(response: ServerResponse, status: number, error: string): true {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ error }));
  return true;
}

/**
 * Serves `/export/<link token>` (the link `exportMyData` gives): a zip of
 * everything about the athlete the link names, gathered through the graph as
 * them, so it holds exactly what they may see of their own data: profile and
 * privacy zones, follows both ways, saved activities with stats, kudos and
 * comments, every fix of each as GPX, and the comments they wrote. A link
 * downloads once: the first fetch claims it (at social, so across gateway
 * instances), and any other answers 410 Gone, even when the first failed.
 * Neither the link nor its token is ever logged.
 */
export function dataExportRoutes(jwtSecret: string, run: RunAsViewer, claim: ClaimExportLink, log: Logger) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const token = request.method === 'GET' ? exportTokenOf(new URL(request.url ?? '/', 'http://localhost').pathname) : null;
    if (!token) return false;
    let link: { athleteId: string; linkId: string };
    try {
      link = await verifyExportToken(jwtSecret, token);
    } catch {
      return refuse(response, 401, 'This export link is not valid or has expired; ask for a new one');
    }
    let claimed: boolean;
    try {
      claimed = await claim(link.athleteId, link.linkId);
    } catch (error) {
      log.error({ err: error, athleteId: link.athleteId, exportLinkId: link.linkId }, 'could not claim a data-export link');
      return refuse(response, 503, 'The export cannot be served just now; try the link again shortly');
    }
    if (!claimed) return refuse(response, 410, 'This export link has already been used or has expired; ask for a new one');
    let archive: Uint8Array;
    try {
      archive = await exportArchive((query, variables = {}) => data(run(query, variables, link.athleteId)));
    } catch (error) {
      log.error({ err: error, athleteId: link.athleteId, exportLinkId: link.linkId }, 'data export failed');
      return refuse(response, 500, 'The export failed; ask for a new link and try again');
    }
    const day = new Date().toISOString().slice(0, 10);
    response.writeHead(200, {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="pacegraph-export-${day}.zip"`,
      'content-length': archive.byteLength,
      'cache-control': 'no-store',
    });
    response.end(archive);
    return true;
  };
}

async function data(result: Promise<ExecutionResult>): Promise<ExportAnswer> {
  const { data: answer, errors } = await result;
  if (errors?.length || !answer) throw new Error(`export query failed: ${JSON.stringify(errors)}`);
  // The shape the export's own queries ask for (see `queries`).
  return answer as unknown as ExportAnswer;
}

/** Every page of a connection. */
async function allOf(fetchPage: (after: string | null) => Promise<Connection>): Promise<Connection['edges']> {
  const edges: Connection['edges'] = [];
  for (let after: string | null = null; ;) {
    const page = await fetchPage(after);
    edges.push(...page.edges);
    if (!page.pageInfo.hasNextPage) return edges;
    after = page.pageInfo.endCursor;
  }
}

/** What the export's queries answer: each asks for one of these connections (or the profile). */
interface ExportAnswer {
  me: Record<string, unknown> & Record<'following' | 'followers' | 'activities' | 'commentsWritten', Connection>;
  activity: { comments: Connection };
}

type Fetch = (query: string, variables?: Record<string, unknown>) => Promise<ExportAnswer>;

async function exportArchive(fetch: Fetch): Promise<Uint8Array> {
  const { me } = await fetch(queries.profile);
  const following = await allOf(async (after) => (await fetch(queries.following, { after })).me.following);
  const followers = await allOf(async (after) => (await fetch(queries.followers, { after })).me.followers);
  const activities = (await allOf(async (after) => (await fetch(queries.activities, { after })).me.activities)).map((edge) => edge.node);
  const files: Record<string, Uint8Array> = {};
  const listed = [];
  for (const { gpx, ...activity } of activities) {
    const activityComments = await allOf(async (after) => (await fetch(queries.commentsOn, { id: activity.id, after })).activity.comments);
    listed.push({
      ...activity,
      comments: activityComments.map((edge) => edge.node),
      gpxFile: gpx ? `activities/${activity.id}.gpx` : null,
    });
    if (typeof gpx === 'string') files[`activities/${activity.id}.gpx`] = strToU8(gpx);
  }
  const written = await allOf(async (after) => (await fetch(queries.commentsWritten, { after })).me.commentsWritten);
  const json = (value: unknown) => strToU8(`${JSON.stringify(value, null, 2)}\n`);
  files['profile.json'] = json(me);
  files['follows.json'] = json({ following, followers });
  files['activities.json'] = json(listed);
  files['comments-written.json'] = json(written.map((edge) => edge.node));
  files['README.txt'] = strToU8(
    'Your PaceGraph data: profile.json (with your privacy zones), follows.json, activities.json (saved activities with ' +
      'stats, kudos and comments), activities/<id>.gpx (every fix as recorded), comments-written.json.\n',
  );
  return zipSync(files, { level: 6 });
}
