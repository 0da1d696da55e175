/**
 * The worker's HTTP face: `/metrics` for Prometheus, `/healthz` (the process is alive and not
 * shutting down) and `/readyz` (it can do its job: catalog loaded and consumer group joined).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface Probes {
  /** Alive: false only while shutting down. */
  healthy(): boolean;
  /** Ready: null when ready, else the reason why not (shown in the response body). */
  notReadyReason(): string | null;
}

export interface TelemetryServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startTelemetryServer(options: {
  host: string;
  port: number;
  registry: Registry;
  probes: Probes;
}): Promise<TelemetryServer> {
  const { registry, probes } = options;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/metrics') {
      registry.metrics().then(
        (body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body),
        (error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error)),
      );
      return;
    }
    if (path === '/healthz') {
      const ok = probes.healthy();
      res.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' }).end(ok ? 'ok\n' : 'shutting down\n');
      return;
    }
    if (path === '/readyz') {
      const reason = probes.notReadyReason();
      res.writeHead(reason === null ? 200 : 503, { 'content-type': 'text/plain' }).end(reason === null ? 'ready\n' : `${reason}\n`);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /metrics, /healthz or /readyz\n');
  });
  // Keep-alive connections from a scraper must not hold shutdown open.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  return {
    url: `http://${shownHost}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
