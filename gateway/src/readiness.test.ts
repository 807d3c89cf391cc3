import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@pacegraph/service-kit';
import { SubgraphInstances } from './instance-health.js';
import { gatewayReadiness } from './readiness.js';

const quiet = createLogger('test', 'silent');
/** Short probe delays, so a readmission shows within a test. */
const fastProbes = { firstMs: 20, maxMs: 100 };

/** An instance stand-in whose /readyz answers ready; `close()` takes it down. */
async function instance(port = 0) {
  const server: Server = createServer((_request, response) => void response.writeHead(200).end());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    port: bound,
    url: `http://127.0.0.1:${bound}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`never ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("the gateway's readiness", () => {
  it('is ready while every subgraph has an instance in service, even with one of two ejected', async () => {
    const social = new SubgraphInstances('social', ['http://127.0.0.1:1/graphql'], quiet, fastProbes);
    const telemetry = new SubgraphInstances('telemetry', ['http://127.0.0.1:1/graphql', 'http://127.0.0.1:2/graphql'], quiet, fastProbes);
    try {
      const readiness = gatewayReadiness(() => true, [social, telemetry]);
      expect(await readiness()).toEqual({ ready: true });
      telemetry.eject(0, new Error('connection refused'));
      expect(await readiness()).toEqual({ ready: true });
    } finally {
      social.close();
      telemetry.close();
    }
  });

  it('names a subgraph none of whose instances is in service, still ready while another answers, until it is readmitted', async () => {
    const social = await instance();
    const telemetry = await instance();
    const socialInstances = new SubgraphInstances('social', [social.url], quiet, fastProbes);
    const telemetryInstances = new SubgraphInstances('telemetry', [telemetry.url], quiet, fastProbes);
    let revived: Awaited<ReturnType<typeof instance>> | undefined;
    try {
      const readiness = gatewayReadiness(() => true, [socialInstances, telemetryInstances]);
      await telemetry.close();
      telemetryInstances.eject(0, new Error('connection refused'));
      expect(await readiness()).toEqual({ ready: true, details: { unreachableSubgraphs: ['telemetry'] } });
      revived = await instance(telemetry.port);
      await until(() => !telemetryInstances.isEjected(0), 'readmitted');
      expect(await readiness()).toEqual({ ready: true });
    } finally {
      socialInstances.close();
      telemetryInstances.close();
      await social.close();
      await revived?.close();
    }
  });

  it('is not ready when it can reach no subgraph at all', async () => {
    const social = new SubgraphInstances('social', ['http://127.0.0.1:1/graphql'], quiet, fastProbes);
    const telemetry = new SubgraphInstances('telemetry', ['http://127.0.0.1:1/graphql'], quiet, fastProbes);
    try {
      social.eject(0, new Error('connection refused'));
      telemetry.eject(0, new Error('connection refused'));
      expect(await gatewayReadiness(() => true, [social, telemetry])()).toEqual({
        ready: false,
        details: { unreachableSubgraphs: ['social', 'telemetry'] },
      });
    } finally {
      social.close();
      telemetry.close();
    }
  });

  it('is not ready before the supergraph is loaded', async () => {
    const social = new SubgraphInstances('social', ['http://127.0.0.1:1/graphql'], quiet, fastProbes);
    try {
      expect(await gatewayReadiness(() => false, [social])()).toEqual({ ready: false, details: { supergraphLoaded: false } });
    } finally {
      social.close();
    }
  });
});
