import type { ClusterProcess } from '../../src/cluster.js';

/**
 * The log of each cluster process listened to (started with `stdio: 'pipe'`),
 * by its URL, as the process writes it; listening again (to a restarted
 * process) starts its log afresh.
 */
export function processLogs() {
  const output = new Map<string, string>();
  return {
    /** What the process at `url` has written so far. */
    of: (url: string) => output.get(url)!,
    listen({ url, child }: ClusterProcess) {
      output.set(url, '');
      child.stdout!.on('data', (chunk: Buffer) => output.set(url, output.get(url) + chunk.toString()));
      child.stderr!.resume();
    },
    /** How many GraphQL requests the process at `url` has logged serving. */
    graphqlRequestsServedBy: (url: string) => (output.get(url)!.match(/"msg":"graphql request"/g) ?? []).length,
  };
}
