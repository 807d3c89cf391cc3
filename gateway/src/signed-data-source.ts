import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { IDENTITY_HEADER, signIdentity } from '@pacegraph/service-kit';
import type { GatewayContext } from './context.js';

type Fetcher = NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher'];

/**
 * Sends the gateway's requests to one subgraph: signs the caller's identity
 * into each request, and spreads requests over the subgraph's instances
 * (round robin; instances are stateless).
 */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private next = 0;

  constructor(
    /** The subgraph's name: the audience its signatures are made for. */
    private readonly subgraphName: string,
    private readonly instanceUrls: readonly string[],
    private readonly internalSecret: string,
  ) {
    // Node's fetch (undici) reuses a kept-alive connection only while the subgraph's keep-alive hint
    // says it is open: the default fetcher could send on one the subgraph was just closing (ECONNRESET).
    super({ url: instanceUrls[0], fetcher: fetch as unknown as Fetcher });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const http = request.http!;
    // The data source built this object for this one request; its url is ours to pick.
    (http as { url: string }).url = this.instanceUrls[this.next++ % this.instanceUrls.length]!;
    const identity = { viewerId: context.viewerId ?? null, ...(context.fanOut ? { fanOut: true } : {}) };
    http.headers.set(IDENTITY_HEADER, signIdentity(this.internalSecret, identity, this.subgraphName));
  }
}
