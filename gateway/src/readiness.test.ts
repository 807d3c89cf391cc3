import { createServer } from 'node:http';
import { fastProbes, listening, quiet, until } from '../test/support/subgraph-stand-ins.js';
import { SubgraphInstances } from './instance-health.js';
import { gatewayReadiness } from './readiness.js';

/** An instance stand-in whose /readyz answers ready; `close()` takes it down. */
const instance = (port = 0) =>
  listening(
    createServer((_request, response) => void response.writeHead(200).end()),
    port,
  );

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
