import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { currentRequest } from './request-context.js';

/** Longer operation names are cut in log lines and spans: a caller chooses them. */
const maxOperationNameLength = 100;

/**
 * Tells the request being served which operation it runs (for its log lines,
 * its span's name and its metrics) and whether its answer carried errors.
 * Two hooks per request, none per field.
 */
export function requestObserverPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart({ request }) {
      const served = currentRequest();
      if (!served) return;
      // Known before parsing, so a request refused at parsing is logged with the name its caller gave.
      if (request.operationName) served.operationName = request.operationName.slice(0, maxOperationNameLength);
      return {
        async didResolveOperation({ operationName, operation }) {
          const type = operation?.operation ?? 'query';
          served.operationName = operationName?.slice(0, maxOperationNameLength) ?? undefined;
          served.operationType = type;
          if (served.span) {
            served.span.updateName(served.operationName ? `${type} ${served.operationName}` : type);
            served.span.setAttribute('graphql.operation.type', type);
            if (served.operationName) served.span.setAttribute('graphql.operation.name', served.operationName);
          }
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const [first] = response.body.singleResult.errors ?? [];
          const code = first?.extensions?.code;
          if (first) served.errorCode = typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
        },
      };
    },
  };
}
