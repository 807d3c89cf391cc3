import { exportLinkPath, issueAccessToken, requireViewer } from '@pacegraph/service-kit';

/** How long an export link may be fetched. @default 10 minutes */
export const exportLinkTtlSeconds = 600;

/**
 * A link to download everything about the viewer, as a zip the gateway
 * assembles when it is fetched: a token good for that download only (not the
 * API), for ten minutes.
 */
export async function exportLink(jwtSecret: string, viewerId: string | null, now = new Date()): Promise<{ url: string; expiresAt: Date }> {
  const athleteId = requireViewer(viewerId, 'export your data');
  const token = await issueAccessToken(jwtSecret, athleteId, exportLinkTtlSeconds, 'export');
  return { url: exportLinkPath(token), expiresAt: new Date(now.getTime() + exportLinkTtlSeconds * 1000) };
}
