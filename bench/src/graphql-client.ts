/** A minimal GraphQL-over-HTTP client for benchmarks: data, or a thrown error naming the errors. */
export interface GraphQLClient {
  /** Runs an operation; `credential` is the caller's token (or, straight at a subgraph, the viewer's id). */
  call(query: string, variables: Record<string, unknown>, credential?: string): Promise<any>;
}

/** A client of `url`; `headersFor` turns a credential into headers (a bearer token by default). */
export function graphqlClient(
  url: string,
  /** A request's headers for a credential; `body` is the request's, for a signature bound to it. */
  headersFor: (credential: string, body: string) => Record<string, string> = (token) => ({ authorization: `Bearer ${token}` }),
): GraphQLClient {
  return {
    async call(query, variables, credential) {
      const body = JSON.stringify({ query, variables });
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(credential ? headersFor(credential, body) : {}) },
        body,
      });
      const answer = (await response.json()) as { data?: any; errors?: unknown[] };
      if (answer.errors?.length) throw new Error(JSON.stringify(answer.errors));
      return answer.data;
    },
  };
}
