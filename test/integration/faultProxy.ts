// Test helper: an HTTP proxy on 127.0.0.1 in front of an emulator (cognito-local) that fails chosen
// calls (by X-Amz-Target operation) with an AWS-format error, to test what happens half way.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InjectedFailure } from '../fakeAws/state';

/** A running proxy: set `failures` (same shape as the fake's) between calls. */
export interface FaultProxy {
  endpoint: string;
  failures: Record<string, InjectedFailure>;
  /** Operations seen, in order. */
  seen: string[];
  stop(): Promise<void>;
}

/** Starts a proxy to `target` (http://127.0.0.1:PORT). */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const to = new URL(target);
  const proxy: FaultProxy = { endpoint: '', failures: {}, seen: [], stop: async () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const op = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
      proxy.seen.push(op);
      const f = proxy.failures[op];
      if (f && f.times !== 0 && !(f.skip && f.skip-- > 0)) {
        if (f.times !== undefined) f.times--;
        res.writeHead(f.status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'fault' });
        res.end(JSON.stringify({ __type: f.type, message: f.message ?? 'injected' }));
        return;
      }
      const upstream = http.request({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 500, up.headers);
        up.pipe(res);
      });
      upstream.on('error', (e) => {
        res.writeHead(502);
        res.end(String(e));
      });
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  proxy.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.stop = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return proxy;
}
