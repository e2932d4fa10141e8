// Server-side helpers that register and send the typed message specs of core/protocol.
import type { CancellationToken, Connection } from 'vscode-languageserver/node';
import type { NotificationSpec, RequestSpec } from '../core/protocol';

/** Registers a handler for a request spec. */
export function onRequest<P, R>(connection: Connection, spec: RequestSpec<P, R>, handler: (params: P, token: CancellationToken) => R | Promise<R>): void {
  // The cast bridges jsonrpc's conditional HandlerResult type, which a generic R cannot satisfy.
  connection.onRequest(spec.method, (params: P, token: CancellationToken) => handler(params, token) as Promise<never>);
}

/** Registers a handler for a notification spec. */
export function onNotification<P>(connection: Connection, spec: NotificationSpec<P>, handler: (params: P) => void): void {
  connection.onNotification(spec.method, (params: P) => handler(params));
}

/** Sends a notification spec to the client. */
export function sendNotification<P>(connection: Connection, spec: NotificationSpec<P>, params: P): Promise<void> {
  return connection.sendNotification(spec.method, params);
}
