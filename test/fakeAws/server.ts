// A test double of the Lambda, Cognito Sync, Cognito Identity and KMS (DescribeKey) APIs on 127.0.0.1,
// speaking their real wire protocols (REST-JSON, REST-JSON, awsJson1.1, awsJson1.1) to the real SDK clients, and recording calls.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleIdentity, handleKms, handleLambda, handleSync } from './routes';
import type { FakeState, RecordedCall } from './state';

export type { FakeFunction, FakeIdentityPool, FakeKey, FakeState, RecordedCall } from './state';

/** A running fake. */
export interface FakeAws {
  endpoint: string;
  state: FakeState;
  /** Calls in order, e.g. `{ service: 'lambda', operation: 'AddPermission', ... }`. */
  calls: RecordedCall[];
  callsOf(operation: string): RecordedCall[];
  stop(): Promise<void>;
}

/** Starts the fake on a free port of 127.0.0.1. */
export async function startFakeAws(state: FakeState): Promise<FakeAws> {
  const calls: RecordedCall[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        const text = payload === undefined ? '' : typeof payload === 'string' ? payload : JSON.stringify(payload);
        res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-requestid': `req-${calls.length}`, ...headers });
        res.end(text);
      };
      const ctx = { req, url, body, state, reply, record: (c: Omit<RecordedCall, 'authorization'>) => calls.push({ ...c, authorization: String(req.headers.authorization ?? '') }) };
      try {
        if (String(req.headers['x-amz-target'] ?? '').startsWith('TrentService.')) return handleKms(ctx);
        if (req.headers['x-amz-target']) return handleIdentity(ctx);
        if (url.pathname.startsWith('/2015-03-31/functions')) return handleLambda(ctx);
        if (url.pathname.startsWith('/identitypools/')) return handleSync(ctx);
        reply(404, { message: `fake AWS: no route for ${req.method} ${url.pathname}` }, { 'x-amzn-ErrorType': 'UnknownOperationException' });
      } catch (e) {
        reply(500, { message: String(e) }, { 'x-amzn-ErrorType': 'ServiceException' });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    state,
    calls,
    callsOf: (operation) => calls.filter((c) => c.operation === operation),
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
