import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@pacegraph/db';
import { ForbiddenError, exportLinkPath, isUuid, issueExportToken, requireViewer } from '@pacegraph/service-kit';
import { exportLinkTtlSeconds } from './domain/data-export.js';
import { SocialReason } from './domain/reasons.js';
import { claimExportLinkRow, createExportLink } from './store/data-export-links.js';

/**
 * A link to download everything about the viewer, as a zip the gateway
 * assembles when it is fetched: a token good for that download only (not the
 * API), once, within ten minutes. The link is recorded so the gateway can
 * claim it ({@link claimExportLink}).
 */
export async function exportLink(
  prisma: PrismaClient,
  jwtSecret: string,
  viewerId: string | null,
  now = new Date(),
): Promise<{ url: string; expiresAt: Date }> {
  const athleteId = requireViewer(viewerId, 'export your data');
  const expiresAt = new Date(now.getTime() + exportLinkTtlSeconds * 1000);
  const link = await createExportLink(prisma, randomUUID(), athleteId, expiresAt);
  const token = await issueExportToken(jwtSecret, athleteId, link.id, exportLinkTtlSeconds);
  return { url: exportLinkPath(token), expiresAt };
}

/**
 * Claims the export link `linkId` of `athleteId` for one download: true for
 * the first claim of a live link, false once it was claimed (by any gateway
 * instance), has expired, or is gone with its account. One conditional
 * UPDATE, so of two claims at once exactly one wins. Only the gateway
 * itself (`fanOut`) may claim.
 */
export async function claimExportLink(
  prisma: PrismaClient,
  fanOut: boolean,
  athleteId: string,
  linkId: string,
  now = new Date(),
): Promise<boolean> {
  if (!fanOut) throw new ForbiddenError(SocialReason.ExportClaimGatewayOnly, 'Only the gateway claims export links');
  if (!isUuid(athleteId) || !isUuid(linkId)) return false;
  return claimExportLinkRow(prisma, athleteId.toLowerCase(), linkId.toLowerCase(), now);
}
