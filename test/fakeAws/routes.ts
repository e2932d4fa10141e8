// Request handlers of the fake, one per service; each operation answers in the service's real wire format.
import type * as http from 'node:http';
import type { FakeFunction, FakeState, RecordedCall } from './state';

/** What a handler gets for one request. */
export interface Ctx {
  req: http.IncomingMessage;
  url: URL;
  body: string;
  state: FakeState;
  reply(status: number, payload: unknown, headers?: Record<string, string>): void;
  record(call: Omit<RecordedCall, 'authorization'>): void;
}

/** REST-JSON errors: the type in `x-amzn-ErrorType`, the message in the body (as Lambda and Sync do). */
function restError(ctx: Ctx, status: number, type: string, message: string): void {
  ctx.reply(status, { Type: 'User', message }, { 'x-amzn-ErrorType': `${type}:http://internal.amazon.com/coral/` });
}

/** A configured failure for this operation, answered (and consumed) if present. */
function injected(ctx: Ctx, operation: string, json: boolean): boolean {
  const f = ctx.state.failures?.[operation];
  if (!f || f.times === 0) return false;
  if (f.skip) {
    f.skip--;
    return false;
  }
  if (f.times !== undefined) f.times--;
  if (json) ctx.reply(f.status, { __type: f.type, message: f.message ?? 'injected' });
  else restError(ctx, f.status, f.type, f.message ?? 'injected');
  return true;
}

function page<T>(items: T[], token: string | null, size: number): { items: T[]; next?: string } {
  const start = token ? Number(token) : 0;
  const end = start + size;
  return { items: items.slice(start, end), ...(end < items.length ? { next: String(end) } : {}) };
}

function findFunction(state: FakeState, ref: string): FakeFunction | undefined {
  const name = ref.startsWith('arn:') ? ref.split(':')[6] : ref.split(':')[0];
  return state.functions.find((f) => f.name === name || f.arn === ref);
}

/** The qualifier (version or alias) of a function reference, as Lambda reads `name:q` and `arn:…:name:q`. */
const qualifierOf = (ref: string): string | undefined => (ref.startsWith('arn:') ? ref.split(':')[7] : ref.split(':')[1]);

// Like Lambda, a qualified reference gets the qualified ARN back.
const configuration = (f: FakeFunction, ref = f.name) => ({ FunctionName: f.name, FunctionArn: qualifierOf(ref) ? `${f.arn}:${qualifierOf(ref)}` : f.arn, Runtime: f.runtime ?? 'nodejs20.x', Handler: 'index.handler', LastModified: '2026-01-01T00:00:00.000+0000' });

/** Lambda (REST-JSON, /2015-03-31/functions...). */
export async function handleLambda(ctx: Ctx): Promise<void> {
  const m = /^\/2015-03-31\/functions\/?([^/]*)(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(ctx.url.pathname);
  const method = ctx.req.method ?? 'GET';
  const ref = decodeURIComponent(m?.[1] ?? '');
  const sub = m?.[2];
  if (!ref && method === 'GET') {
    ctx.record({ service: 'lambda', operation: 'ListFunctions', params: Object.fromEntries(ctx.url.searchParams) });
    if (injected(ctx, 'ListFunctions', false)) return;
    const size = Number(ctx.url.searchParams.get('MaxItems') ?? ctx.state.pageSize ?? 50);
    const p = page(ctx.state.functions, ctx.url.searchParams.get('Marker'), Math.min(size, ctx.state.pageSize ?? 50));
    return ctx.reply(200, { Functions: p.items.map((f) => configuration(f)), ...(p.next ? { NextMarker: p.next } : {}) });
  }
  const operation = !sub ? 'GetFunction' : sub === 'configuration' ? (method === 'PUT' ? 'UpdateFunctionConfiguration' : 'GetFunctionConfiguration') : sub === 'invocations' ? 'Invoke' : sub === 'policy' ? ({ GET: 'GetPolicy', POST: 'AddPermission', DELETE: 'RemovePermission' }[method] ?? 'Unknown') : 'Unknown';
  const params: Record<string, unknown> = ctx.body && operation !== 'Invoke' ? (JSON.parse(ctx.body) as Record<string, unknown>) : {};
  if (operation === 'Invoke') Object.assign(params, { payload: ctx.body, logType: ctx.req.headers['x-amz-log-type'], qualifier: ctx.url.searchParams.get('Qualifier') });
  if (operation === 'RemovePermission') params.StatementId = decodeURIComponent(m?.[3] ?? '');
  ctx.record({ service: 'lambda', operation, resource: ref, params });
  if (injected(ctx, operation, false)) return;
  const fn = findFunction(ctx.state, ref);
  if (!fn) return restError(ctx, 404, 'ResourceNotFoundException', `Function not found: ${ref}`);
  switch (operation) {
    case 'GetFunction':
      return ctx.reply(200, { Configuration: configuration(fn), Code: { RepositoryType: 'S3', Location: 'https://example.invalid/code.zip' } });
    case 'GetFunctionConfiguration':
      return ctx.reply(200, configuration(fn, ref));
    case 'UpdateFunctionConfiguration':
      if (typeof params.Runtime === 'string') fn.runtime = params.Runtime;
      return ctx.reply(200, configuration(fn, ref));
    case 'GetPolicy':
      if (fn.statements.length === 0) return restError(ctx, 404, 'ResourceNotFoundException', 'The resource you requested does not exist.');
      return ctx.reply(200, { Policy: JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: fn.statements }), RevisionId: `r${fn.statements.length}` });
    case 'AddPermission': {
      if (fn.statements.some((s) => s.Sid === params.StatementId)) return restError(ctx, 409, 'ResourceConflictException', `The statement id (${String(params.StatementId)}) provided already exists.`);
      const condition: Record<string, Record<string, unknown>> = {};
      if (params.SourceAccount) condition.StringEquals = { 'AWS:SourceAccount': params.SourceAccount };
      if (params.SourceArn) condition.ArnLike = { 'AWS:SourceArn': params.SourceArn };
      const statement = { Sid: params.StatementId, Effect: 'Allow', Principal: { Service: params.Principal }, Action: params.Action, Resource: fn.arn, ...(Object.keys(condition).length ? { Condition: condition } : {}) };
      fn.statements.push(statement);
      return ctx.reply(201, { Statement: JSON.stringify(statement) });
    }
    case 'RemovePermission': {
      const i = fn.statements.findIndex((s) => s.Sid === params.StatementId);
      if (i < 0) return restError(ctx, 404, 'ResourceNotFoundException', 'No policy is found for: statement');
      fn.statements.splice(i, 1);
      return ctx.reply(204, undefined);
    }
    case 'Invoke':
      return invoke(ctx, fn);
    default:
      return restError(ctx, 400, 'InvalidRequestContentException', `fake Lambda: unsupported ${method} ${ctx.url.pathname}`);
  }
}

/** Runs the function's body in-process; errors come back as Lambda does: 200 + X-Amz-Function-Error. */
async function invoke(ctx: Ctx, fn: FakeFunction): Promise<void> {
  const logs: string[] = [`START RequestId: fake Version: $LATEST`];
  const headers: Record<string, string> = { 'X-Amz-Executed-Version': '$LATEST' };
  let payload: unknown;
  try {
    payload = await fn.run(JSON.parse(ctx.body || '{}'), (line) => logs.push(line));
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    headers['X-Amz-Function-Error'] = 'Unhandled';
    payload = { errorType: err.name, errorMessage: err.message, trace: (err.stack ?? '').split('\n') };
  }
  logs.push('END RequestId: fake', 'REPORT RequestId: fake Duration: 1.00 ms Billed Duration: 1 ms');
  if (ctx.req.headers['x-amz-log-type'] === 'Tail') headers['X-Amz-Log-Result'] = Buffer.from(logs.join('\n')).toString('base64');
  ctx.reply(200, payload === undefined ? 'null' : JSON.stringify(payload), headers);
}

/** Cognito Sync (REST-JSON, /identitypools/{id}/events). */
export function handleSync(ctx: Ctx): void {
  const m = /^\/identitypools\/([^/]+)\/events$/.exec(ctx.url.pathname);
  const id = decodeURIComponent(m?.[1] ?? '');
  const operation = ctx.req.method === 'POST' ? 'SetCognitoEvents' : 'GetCognitoEvents';
  const params = ctx.body ? (JSON.parse(ctx.body) as Record<string, unknown>) : {};
  ctx.record({ service: 'sync', operation, resource: id, params });
  if (injected(ctx, operation, false)) return;
  const pool = ctx.state.identityPools.find((p) => p.id === id);
  if (!m || !pool) return restError(ctx, 404, 'ResourceNotFoundException', `IdentityPool '${id}' not found.`);
  if (operation === 'GetCognitoEvents') return ctx.reply(200, { Events: pool.events });
  // SetCognitoEvents replaces the map; an empty value removes the event (as Cognito Sync does).
  const events = (params.Events ?? {}) as Record<string, string>;
  pool.events = Object.fromEntries(Object.entries(events).filter(([, v]) => v));
  ctx.reply(200, undefined);
}

/** Cognito Identity (awsJson1.1, POST / with X-Amz-Target). */
export function handleIdentity(ctx: Ctx): void {
  const operation = String(ctx.req.headers['x-amz-target']).replace(/^AWSCognitoIdentityService\./, '');
  const params = ctx.body ? (JSON.parse(ctx.body) as Record<string, unknown>) : {};
  ctx.record({ service: 'identity', operation, params });
  if (injected(ctx, operation, true)) return;
  const error = (type: string, message: string) => ctx.reply(400, { __type: type, message }, { 'content-type': 'application/x-amz-json-1.1' });
  if (operation === 'ListIdentityPools') {
    const p = page(ctx.state.identityPools, (params.NextToken as string | undefined) ?? null, Math.min(Number(params.MaxResults ?? 60), ctx.state.pageSize ?? 60));
    return ctx.reply(200, { IdentityPools: p.items.map((i) => ({ IdentityPoolId: i.id, IdentityPoolName: i.name })), ...(p.next ? { NextToken: p.next } : {}) });
  }
  if (operation === 'DescribeIdentityPool') {
    const pool = ctx.state.identityPools.find((i) => i.id === params.IdentityPoolId);
    if (!pool) return error('ResourceNotFoundException', `IdentityPool '${String(params.IdentityPoolId)}' not found.`);
    return ctx.reply(200, { IdentityPoolId: pool.id, IdentityPoolName: pool.name, AllowUnauthenticatedIdentities: false });
  }
  error('UnknownOperationException', `fake Cognito Identity: ${operation} is not implemented`);
}

/** AWS KMS (awsJson1.1, X-Amz-Target TrentService.*): DescribeKey of the keys in the state. */
export function handleKms(ctx: Ctx): void {
  const operation = String(ctx.req.headers['x-amz-target']).replace(/^TrentService\./, '');
  const params = ctx.body ? (JSON.parse(ctx.body) as Record<string, unknown>) : {};
  ctx.record({ service: 'kms', operation, params });
  if (injected(ctx, operation, true)) return;
  const error = (type: string, message: string) => ctx.reply(400, { __type: type, message }, { 'content-type': 'application/x-amz-json-1.1' });
  if (!['DescribeKey', 'EnableKey', 'CancelKeyDeletion'].includes(operation)) return error('UnsupportedOperationException', `fake KMS: ${operation} is not implemented`);
  const id = String(params.KeyId ?? '');
  // KMS takes a key ARN, a key id or an alias; the fake keeps ARNs and matches the id at their end.
  const key = (ctx.state.keys ?? []).find((k) => k.arn === id || k.arn.endsWith(`/${id}`));
  if (!key) return error('NotFoundException', `Key '${id}' does not exist`);
  // As KMS: EnableKey refuses a key pending deletion; CancelKeyDeletion leaves the key Disabled.
  if (operation === 'EnableKey') {
    if (key.state === 'PendingDeletion') return error('KMSInvalidStateException', `${key.arn} is pending deletion.`);
    key.state = 'Enabled';
    return ctx.reply(200, {}, { 'content-type': 'application/x-amz-json-1.1' });
  }
  if (operation === 'CancelKeyDeletion') {
    if (key.state !== 'PendingDeletion') return error('KMSInvalidStateException', `${key.arn} is not pending deletion.`);
    key.state = 'Disabled';
    return ctx.reply(200, { KeyId: key.arn }, { 'content-type': 'application/x-amz-json-1.1' });
  }
  const [, , , region, account, resource] = key.arn.split(':');
  const state = key.state ?? 'Enabled';
  ctx.reply(200, {
    KeyMetadata: {
      AWSAccountId: account,
      KeyId: resource?.replace(/^key\//, ''),
      Arn: key.arn,
      CreationDate: 1767225600,
      Enabled: state === 'Enabled',
      KeyState: state,
      KeyUsage: key.keyUsage ?? 'ENCRYPT_DECRYPT',
      KeySpec: key.keySpec ?? 'SYMMETRIC_DEFAULT',
      CustomerMasterKeySpec: key.keySpec ?? 'SYMMETRIC_DEFAULT',
      KeyManager: 'CUSTOMER',
      Origin: 'AWS_KMS',
      Description: `fake key in ${region}`,
      ...(state === 'PendingDeletion' ? { DeletionDate: 1798761600 } : {}),
    },
  }, { 'content-type': 'application/x-amz-json-1.1' });
}
