// A local Lambda Invoke API endpoint on 127.0.0.1 (`POST /2015-03-31/functions/{name}/invocations`, the
// real wire format) that runs the workspace handler wired to the function name, so an emulator such as
// cognito-local, or the app's own tests, call the local handlers during real flows.
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { invokeLocal, type LocalInvoker } from '../invoke';
import type { InvokeResult } from '../protocol/invokeResult';
import type { Settings } from '../settings';
import type { BoundHandler } from './pool';

/** One invocation served: the function name, the handler and what Cognito would do with the answer. */
export interface ServedInvocation {
  functionName: string;
  handler?: BoundHandler;
  /** HTTP status answered. */
  status: number;
  result?: InvokeResult;
}

/** Options of `startLambdaEndpoint`. */
export interface LambdaEndpointOptions {
  invoker: LocalInvoker;
  folder: string;
  settings: Settings['invoke'];
  /** Function name (or ARN's name part) → handler. */
  functions: ReadonlyMap<string, BoundHandler>;
  /** 0 or unset = any free port. */
  port?: number;
  /** How the user chose the port, for messages: `--port 3001`, `the setting cognitoTriggers.localEndpoint.port (3001)`. */
  portSource?: string;
  onInvocation?(i: ServedInvocation): void;
  onOutput?(text: string, stream: 'stdout' | 'stderr'): void;
}

/** A running endpoint. */
export interface LambdaEndpoint {
  url: string;
  stop(): Promise<void>;
}

/** The endpoint cannot listen on the port asked for; the message says why and what to do. */
export class EndpointPortError extends Error {
  constructor(
    message: string,
    readonly reason: 'invalid' | 'in-use' | 'denied',
  ) {
    super(message);
  }
}

/**
 * Why `port` cannot be a port of the endpoint, or undefined: an integer from 0 to 65535, 0 = any free
 * port. The CLI's --port and the VS Code setting are checked alike.
 */
export function portProblem(port: number, source: string): string | undefined {
  if (Number.isInteger(port) && port >= 0 && port <= 65535) return undefined;
  return `${source} must be a port number from 0 to 65535 (0 = any free port), not ${JSON.stringify(port)}.`;
}

/** The listen error in the user's terms: which port, how it was chosen, and the way out. */
function listenError(e: NodeJS.ErrnoException, port: number, source: string): Error {
  if (e.code === 'EADDRINUSE') {
    return new EndpointPortError(`Port ${port} on 127.0.0.1 (${source}) is already in use: another program, or another local Lambda endpoint, listens there. Stop it, choose another port, or use 0 for any free port.`, 'in-use');
  }
  if (e.code === 'EACCES') {
    return new EndpointPortError(`Port ${port} on 127.0.0.1 (${source}) may not be opened by this user (ports below 1024 usually need privileges): choose a port from 1024 to 65535, or 0 for any free port.`, 'denied');
  }
  return e;
}

const PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations\/?$/;

/** `arn:aws:lambda:r:a:function:NAME[:qualifier]` or `NAME[:qualifier]` → NAME. */
export function functionNameOf(ref: string): string {
  const arn = /^arn:aws[\w-]*:lambda:[^:]+:\d+:function:([^:]+)/.exec(ref);
  return arn?.[1] ?? ref.split(':')[0] ?? ref;
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID(), 'x-amz-executed-version': '$LATEST', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

/** The Invoke response for a local outcome: the answer, or Lambda's function error payload. */
function answer(res: http.ServerResponse, r: InvokeResult): number {
  const o = r.outcome;
  const fnError = { 'x-amz-function-error': 'Unhandled' };
  switch (o.kind) {
    case 'returned':
      send(res, 200, o.value ?? null);
      return 200;
    case 'error':
      send(res, 200, { errorType: o.errorType, errorMessage: o.errorMessage, trace: o.stack ?? [] }, fnError);
      return 200;
    case 'timeout':
      send(res, 200, { errorType: 'Sandbox.Timedout', errorMessage: `Task timed out after ${(o.limitMs / 1000).toFixed(2)} seconds` }, fnError);
      return 200;
    case 'crashed':
      send(res, 200, { errorType: 'Runtime.ExitError', errorMessage: `RequestId: local Error: Runtime exited${o.exitCode !== undefined && o.exitCode !== null ? ` with error: exit status ${o.exitCode}` : ''}` }, fnError);
      return 200;
    case 'failedToStart':
      send(res, 200, { errorType: 'Runtime.ImportModuleError', errorMessage: o.message }, fnError);
      return 200;
  }
}

/** Starts the endpoint (port 0 = any free port). A port that is invalid, taken or refused is an EndpointPortError. */
export async function startLambdaEndpoint(o: LambdaEndpointOptions): Promise<LambdaEndpoint> {
  const port = o.port ?? 0;
  const source = o.portSource ?? `port ${port}`;
  const invalid = portProblem(port, source);
  if (invalid) throw new EndpointPortError(invalid, 'invalid');
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const m = PATH.exec(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
        if (req.method !== 'POST' || !m?.[1]) {
          send(res, 404, { Type: 'User', message: `This local endpoint serves POST /2015-03-31/functions/{name}/invocations only, not ${req.method} ${req.url}.` }, { 'x-amzn-errortype': 'UnknownOperationException' });
          return;
        }
        const functionName = functionNameOf(decodeURIComponent(m[1]));
        const handler = o.functions.get(functionName);
        if (!handler) {
          send(res, 404, { Type: 'User', message: `Function not found: ${functionName} (served here: ${[...o.functions.keys()].join(', ') || 'none'})` }, { 'x-amzn-errortype': 'ResourceNotFoundException' });
          o.onInvocation?.({ functionName, status: 404 });
          return;
        }
        let event: unknown;
        try {
          event = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
        } catch (e) {
          send(res, 400, { Type: 'User', message: `Could not parse request body into json: ${(e as Error).message}` }, { 'x-amzn-errortype': 'InvalidRequestContentException' });
          return;
        }
        const async = String(req.headers['x-amz-invocation-type'] ?? '') === 'Event';
        const run = invokeLocal(o.invoker, { file: handler.file, handlerName: handler.handlerName, event, triggerId: handler.trigger.id, folder: o.folder, settings: o.settings, warm: true, ...(o.onOutput ? { onOutput: o.onOutput } : {}) });
        if (async) {
          // InvocationType Event: Lambda answers 202 at once and runs the function afterwards.
          send(res, 202, undefined);
          const result = await run;
          o.onInvocation?.({ functionName, handler, status: 202, result });
          return;
        }
        const result = await run;
        const status = answer(res, result);
        o.onInvocation?.({ functionName, handler, status, result });
      })().catch((e: unknown) => {
        if (!res.headersSent) send(res, 500, { Type: 'Service', message: (e as Error).message }, { 'x-amzn-errortype': 'ServiceException' });
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(listenError(e, port, source)));
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The function names served: each bindings entry's functionName, each wired handler's function name,
 * and for every bound handler its trigger id and LambdaConfig key (`PreSignUp`), so an emulator can be
 * configured with either.
 */
export function functionMap(entries: readonly { name: string; handler: BoundHandler }[]): Map<string, BoundHandler> {
  const map = new Map<string, BoundHandler>();
  for (const e of entries) if (e.name && !map.has(functionNameOf(e.name))) map.set(functionNameOf(e.name), e.handler);
  return map;
}
