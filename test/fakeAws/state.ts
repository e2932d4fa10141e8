// The fake's data: functions (with a JS body run in-process as the "deployed" code), policies, pools.

/** A deployed function of the fake. */
export interface FakeFunction {
  name: string;
  arn: string;
  runtime?: string;
  /** What the deployed code does: return a value, or throw (→ FunctionError Unhandled). */
  run(event: unknown, log: (line: string) => void): unknown | Promise<unknown>;
  /** Resource policy statements, as Lambda stores them. */
  statements: Record<string, unknown>[];
}

/** An identity pool of the fake, with its Cognito Sync events. */
export interface FakeIdentityPool {
  id: string;
  name: string;
  events: Record<string, string>;
}

/** A KMS key of the fake (DescribeKey). */
export interface FakeKey {
  arn: string;
  /** KeyState; `Enabled` is true only for 'Enabled'. Default 'Enabled'. */
  state?: 'Enabled' | 'Disabled' | 'PendingDeletion' | 'PendingImport' | 'Unavailable';
  /** Default 'SYMMETRIC_DEFAULT'. */
  keySpec?: string;
  /** Default 'ENCRYPT_DECRYPT'. */
  keyUsage?: string;
}

/** Everything the fake serves. */
export interface FakeState {
  functions: FakeFunction[];
  identityPools: FakeIdentityPool[];
  /** KMS keys (DescribeKey); none when absent. */
  keys?: FakeKey[];
  /** Page size of the list operations (small in tests, to prove every page is read). */
  pageSize?: number;
  /** Force an error on an operation: `{ AddPermission: { status: 403, type: 'AccessDeniedException' } }`. */
  failures?: Record<string, InjectedFailure>;
}

/** A forced error: `times` = how many calls fail (default all), after `skip` calls that succeed (default 0). */
export interface InjectedFailure {
  status: number;
  type: string;
  message?: string;
  times?: number;
  skip?: number;
}

/** One call the fake received. */
export interface RecordedCall {
  service: 'lambda' | 'sync' | 'identity' | 'kms';
  operation: string;
  /** Path parameter (function name, identity pool id). */
  resource?: string;
  params: Record<string, unknown>;
  /** The Authorization header (SigV4): proves the SDK signed the request. */
  authorization: string;
}
