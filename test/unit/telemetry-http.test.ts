import { afterEach, describe, expect, it } from 'vitest';
import { startTelemetryServer, type TelemetryServer } from '../../src/telemetry/http.ts';
import { createWorkerMetrics } from '../../src/telemetry/metrics.ts';

describe('telemetry HTTP server', () => {
  let server: TelemetryServer | undefined;
  afterEach(async () => server?.close());

  it('serves metrics, liveness and readiness with the reason when not ready', async () => {
    const metrics = createWorkerMetrics({ defaultMetrics: false });
    metrics.matches.inc({ signature_id: 'db/too-many', domain: 'db', category: 'capacity' }, 2);
    let reason: string | null = 'catalog not loaded yet';
    let healthy = true;
    server = await startTelemetryServer({ host: '127.0.0.1', port: 0, registry: metrics.registry, probes: { healthy: () => healthy, notReadyReason: () => reason } });

    const body = await (await fetch(`${server.url}/metrics`)).text();
    expect(body).toContain('logsig_matches_total{signature_id="db/too-many",domain="db",category="capacity"} 2');
    // Every line result is exported from the start, at zero.
    expect(body).toContain('logsig_lines_total{result="dead_letter"} 0');

    const notReady = await fetch(`${server.url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.text()).toContain('catalog not loaded yet');
    reason = null;
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    healthy = false;
    expect((await fetch(`${server.url}/healthz`)).status).toBe(503);
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
  });
});
