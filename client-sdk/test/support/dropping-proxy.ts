import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy did, by operation name. */
export interface ProxyLog {
  forwarded: Map<string, number>;
  /** Answers the gateway gave (so the server committed) that the client never got. */
  dropped: Map<string, number>;
  /** `duplicates` the server counted in the recordTrackPoints answers that got through. */
  duplicatesReported: number;
}

/**
 * An HTTP proxy in front of the gateway that forwards every request and,
 * for the operations `shouldDrop` picks, throws the answer away and cuts the
 * connection: the server has done the work, the client sees a network error.
 */
export async function startDroppingProxy(
  target: string,
  shouldDrop: (operationName: string, attempt: number) => boolean,
): Promise<{ url: string; log: ProxyLog; close(): Promise<void> }> {
  const log: ProxyLog = { forwarded: new Map(), dropped: new Map(), duplicatesReported: 0 };
  const count = (map: Map<string, number>, name: string) => map.set(name, (map.get(name) ?? 0) + 1).get(name)!;
  const server: Server = createServer(
    (request, response) =>
      void (async () => {
        const chunks: Buffer[] = [];
        for await (const chunk of request) chunks.push(chunk as Buffer);
        const body = Buffer.concat(chunks).toString();
        const operationName = /^\s*(?:query|mutation)\s+(\w+)/.exec((JSON.parse(body) as { query: string }).query)?.[1] ?? 'anonymous';
        const attempt = count(log.forwarded, operationName);
        const answer = await fetch(target, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}),
          },
          body,
        });
        const text = await answer.text();
        if (shouldDrop(operationName, attempt)) {
          count(log.dropped, operationName);
          request.socket.destroy();
          return;
        }
        if (operationName === 'RecordTrackPoints') {
          log.duplicatesReported +=
            (JSON.parse(text) as { data?: { recordTrackPoints?: { duplicates: number } } }).data?.recordTrackPoints?.duplicates ?? 0;
        }
        response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
        response.end(text);
      })(),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    log,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
