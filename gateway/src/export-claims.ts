import type { GraphQLDataSource } from '@apollo/gateway';
// Not re-exported by the package's index.
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types.js';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import type { GatewayContext } from './context.js';

/** Whether an export link may be downloaded now: claimed by this fetch, or already used or expired. */
export type ClaimExportLink = (athleteId: string, linkId: string) => Promise<boolean>;

const claimMutation = 'mutation ($athleteId: ID!, $linkId: ID!) { claimDataExport(athleteId: $athleteId, linkId: $linkId) }';

/**
 * Claims export links at the social subgraph, which keeps them: one
 * conditional UPDATE there, so a link downloads once however many gateway
 * instances are asked for it at the same moment. Throws when social could
 * not answer.
 */
export function exportLinkClaims(social: GraphQLDataSource<GatewayContext>): ClaimExportLink {
  return async (athleteId, linkId) => {
    const context: GatewayContext = { viewerId: null, fanOut: true };
    const request = { query: claimMutation, variables: { athleteId, linkId } };
    const response = await social.process({
      kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
      request,
      context,
      incomingRequestContext: { request, context } as unknown as GatewayGraphQLRequestContext<GatewayContext>,
    });
    const claimed = (response.data as { claimDataExport?: unknown } | null | undefined)?.claimDataExport;
    if (typeof claimed !== 'boolean')
      throw new Error(`social did not claim the export link: ${response.errors?.[0]?.message ?? 'no answer'}`);
    return claimed;
  };
}
