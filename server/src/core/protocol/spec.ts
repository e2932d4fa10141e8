// Typed message specs that do not depend on a vscode-jsonrpc copy: the client (languageclient 11)
// and the server (languageserver 10) bundle different jsonrpc majors, whose RequestType classes are
// not assignable to each other. A spec is a method name plus phantom Params/Result types.

/** A request: client → server unless its JSDoc says otherwise. */
export interface RequestSpec<P, R> {
  readonly method: string;
  /** Phantom members: never set, they carry the types. */
  readonly _params?: P;
  readonly _result?: R;
}

/** A notification. */
export interface NotificationSpec<P> {
  readonly method: string;
  readonly _params?: P;
}

/** Declares a request. */
export function requestSpec<P, R>(method: string): RequestSpec<P, R> {
  return { method };
}

/** Declares a notification. */
export function notificationSpec<P>(method: string): NotificationSpec<P> {
  return { method };
}
