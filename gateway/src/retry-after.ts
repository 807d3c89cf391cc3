import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '@pacegraph/service-kit';

/**
 * Says when to try again over HTTP as well as in the errors: an answer with a
 * RATE_LIMITED error (a subgraph's refusal, passed on) carries `Retry-After`
 * (the longest wait among them), and is 429 when nothing of it was answered.
 */
export function retryAfterPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          const waits = (errors ?? [])
            .filter((error) => error.extensions?.code === ErrorCode.RateLimited)
            .map((error) => Number(error.extensions?.retryAfterSeconds))
            .filter((seconds) => Number.isFinite(seconds) && seconds > 0);
          if (waits.length === 0) return;
          response.http.headers.set('retry-after', String(Math.ceil(Math.max(...waits))));
          if (data == null) response.http.status = 429;
        },
      };
    },
  };
}
