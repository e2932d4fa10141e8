// Custom requests of the AWS features (profiles, pickers, bind/unbind, bindings view, remote invoke).
// All are client → server; the server refuses every one in an untrusted workspace.
import type { InvokeResult } from './invokeResult';
import { requestSpec } from './spec';

/** A failure explained for the user: what failed, the next step, a stable code. Never a secret. */
export interface AwsError {
  message: string;
  hint: string;
  code: string;
}

/** Every AWS request answers either a value or an explained error (never a raw exception). */
export type AwsResult<T> = { ok: true; value: T } | { ok: false; error: AwsError };

/** Profiles from the shared files (names and regions only) and regions, for the pickers. */
export namespace AwsProfilesRequest {
  export const method = 'cognitoTriggers/aws/profiles' as const;
  export interface Result {
    profiles: { name: string; region?: string; sso: boolean }[];
    regions: string[];
    /** "US East (N. Virginia)" by code, for the codes AWS names. */
    regionNames: Record<string, string>;
  }
  export const type = requestSpec<void, AwsResult<Result>>(method);
}

/** Deployed functions whose name contains `filter` (every page). */
export namespace AwsListFunctionsRequest {
  export const method = 'cognitoTriggers/aws/listFunctions' as const;
  export interface Params {
    filter?: string;
  }
  export type Result = { name: string; arn: string; runtime?: string }[];
  export const type = requestSpec<Params, AwsResult<Result>>(method);
}

/** User pools (`kind: 'userPool'`) or identity pools, every page. */
export namespace AwsListPoolsRequest {
  export const method = 'cognitoTriggers/aws/listPools' as const;
  export interface Params {
    kind: 'userPool' | 'identityPool';
  }
  export type Result = { id: string; name: string }[];
  export const type = requestSpec<Params, AwsResult<Result>>(method);
}

/** An app client as ListUserPoolClients names it. */
export interface AppClientSummary {
  ClientId: string;
  ClientName: string;
}

/** What a flow uses of an app client (DescribeUserPoolClient's answer without the ClientSecret). */
export interface FlowAppClient {
  ClientId: string;
  ClientName?: string;
  /** `ENABLED` or `LEGACY`. */
  PreventUserExistenceErrors?: string;
  /** Minutes. */
  AuthSessionValidity?: number;
}

/**
 * Run Flow's deployed pool: DescribeUserPool's `UserPool`, its app clients (ListUserPoolClients, every
 * page) and, when it has exactly one, that client described (DescribeUserPoolClient). With several the
 * client asks which, then AwsDescribeUserPoolClientRequest. `{ UserPool, UserPoolClient }` is what the
 * CLI's --pool FILE holds.
 */
export namespace AwsDescribeUserPoolRequest {
  export const method = 'cognitoTriggers/aws/describeUserPool' as const;
  export interface Params {
    poolId: string;
  }
  export interface Result {
    UserPool: unknown;
    UserPoolClients: AppClientSummary[];
    UserPoolClient?: FlowAppClient;
  }
  export const type = requestSpec<Params, AwsResult<Result>>(method);
}

/** One app client of a pool, described for a flow (Run Flow's pick among several). */
export namespace AwsDescribeUserPoolClientRequest {
  export const method = 'cognitoTriggers/aws/describeUserPoolClient' as const;
  export interface Params {
    poolId: string;
    clientId: string;
  }
  export interface Result {
    UserPoolClient: FlowAppClient;
  }
  export const type = requestSpec<Params, AwsResult<Result>>(method);
}

/** The user pool trigger slots (LambdaConfig keys), from the trigger model. */
export namespace AwsListSlotsRequest {
  export const method = 'cognitoTriggers/aws/listSlots' as const;
  export type Result = { key: string; displayName: string; lambdaVersions: string[]; requiresKmsKey: boolean; triggerIds: string[] }[];
  export const type = requestSpec<void, AwsResult<Result>>(method);
}

/** What to bind or unbind. `functionName` absent = unbind. */
export type BindTarget = (
  | { kind: 'userPool'; poolId: string; slot: string; functionName?: string; lambdaVersion?: string; kmsKeyId?: string }
  | { kind: 'identityPool'; poolId: string; functionName?: string }
) & {
  /** The pool's name as the user picked it: messages start with it (the id stays in the details). */
  poolName?: string;
};

/** Plans a bind/unbind without changing anything (the dry run); the plan is kept for AwsApplyBindRequest. */
export namespace AwsPlanBindRequest {
  export const method = 'cognitoTriggers/aws/planBind' as const;
  export type Params = BindTarget;
  export interface Result {
    planId: string;
    /** The change, and the statement that nothing else changes. */
    lines: string[];
    /** The review's first line, pool name first: "shop-users: review the change to PreSignUp (nothing else changes):". */
    title?: string;
    /** False when the slot already has this value. */
    changes: boolean;
    /** The function bound now (unbind) or to bind. */
    functionArn?: string;
    /** Unbind: other slots of the pool still calling the function; its permission is kept, so do not offer removing it. */
    permissionStillUsedBy?: string[];
    /** Shown for identity pools: Cognito Sync is closed to new customers. */
    notice?: string;
    /** Infrastructure code manages the slot (a CloudFormation stack tag, the repository's IaC line): the next deploy undoes the change. */
    managed?: string[];
  }
  export const type = requestSpec<Params, AwsResult<Result>>(method);
}

/** Applies a plan, reads the pool again and reports differences beyond the slot. */
export namespace AwsApplyBindRequest {
  export const method = 'cognitoTriggers/aws/applyBind' as const;
  export interface Params {
    planId: string;
    /** Unbind only: also remove the Lambda permission statement this extension added. */
    removePermission?: boolean;
  }
  export interface Result {
    lines: string[];
    /** What was done in one sentence, pool name first (the lines have the details). */
    summary?: string;
    /** Differences beyond the slot after the update ("path: before → after"); empty = none. */
    unexpected: string[];
    /** The pool was changed but a later step failed: what was and was not done, and how to recover. */
    partial?: PartialChange;
  }
  export const type = requestSpec<Params, AwsResult<Result>>(method);
}

/**
 * A bind/unbind that failed after the pool was changed (UpdateUserPool or SetCognitoEvents done, a
 * later step not): the pool may now call a function that lacks its permission.
 */
export interface PartialChange {
  poolId: string;
  /** The pool's name, when known: the dialog starts with it. */
  poolName?: string;
  /** The dialog's title and text, pool name first (core/aws/messages.ts); the fields below, for the CLI and logs. */
  title: string;
  detail: string;
  /** Steps done, in order ("UpdateUserPool us-east-1_X: LambdaConfig.PreSignUp set"). */
  applied: string[];
  /** Steps not done, the failed one first. */
  notApplied: string[];
  /** The failed step's error, explained. */
  error: AwsError;
  /** What this means for the pool's users now. */
  impact: string;
  /** For AwsRecoverBindRequest (the server keeps the plan); absent in the CLI. */
  recoveryId?: string;
  /** The CLI command that retries the remaining steps. */
  finishCommand: string;
  /** The CLI command that restores the slot as it was before. */
  rollbackCommand: string;
}

/** Recovers from a PartialChange: "finish" retries the remaining steps, "rollback" restores the slot from the plan's snapshot. */
export namespace AwsRecoverBindRequest {
  export const method = 'cognitoTriggers/aws/recoverBind' as const;
  export interface Params {
    recoveryId: string;
    action: 'finish' | 'rollback';
  }
  export type Result = AwsApplyBindRequest.Result;
  export const type = requestSpec<Params, AwsResult<Result>>(method);
}

/** One slot of a pool in the bindings view. */
export interface SlotView {
  slot: string;
  displayName: string;
  functionArn?: string;
  lambdaVersion?: string;
  triggerId?: string;
  /**
   * The workspace handler that builds the bound function: from the bindings file (an explicit
   * override) or from the IaC that gives the function its deployed name. `why` says which line.
   */
  handler?: { file: string; handlerName: string; uri: string; from?: 'bindingsFile' | 'iac'; why?: string };
}

/** Pools with their slots, bound functions and workspace handlers, for the view. */
export namespace AwsBindingsRequest {
  export const method = 'cognitoTriggers/aws/bindings' as const;
  export interface Params {
    /** Workspace folder URIs: their bindings files and IaC wiring link bound functions to handlers. */
    folders: string[];
    /** Only these pools; all when absent. */
    userPoolIds?: string[];
    identityPoolIds?: string[];
    /** List the pools without describing them (`described: false`, no slots): the view describes one on expand. */
    listOnly?: boolean;
    /** Drop what the server kept (the pool lists and descriptions) and read again: the view's Refresh. */
    refresh?: boolean;
  }
  export interface Result {
    /** `kmsKeyId`: the pool's LambdaConfig.KMSKeyID (custom senders need one). */
    /** `described: false`: listed only (listOnly); `slots` is empty until the pool is read. */
    userPools: { id: string; name: string; arn?: string; kmsKeyId?: string; slots: SlotView[]; error?: AwsError; described?: false }[];
    identityPools: { id: string; name: string; slots: SlotView[]; error?: AwsError; described?: false }[];
    /** Listing identity pools failed; user pools are still shown. */
    identityPoolsError?: AwsError;
    region?: string;
    profile?: string;
  }
  export const type = requestSpec<Params, AwsResult<Result>>(method);
}

/** Invokes a deployed function; the result is shown like a local invoke's. */
export namespace AwsRemoteInvokeRequest {
  export const method = 'cognitoTriggers/aws/remoteInvoke' as const;
  export interface Params {
    functionName: string;
    /** The event; when absent, a sample of `triggerId` / `source`. */
    event?: unknown;
    triggerId?: string;
    source?: string;
    qualifier?: string;
  }
  export const type = requestSpec<Params, AwsResult<InvokeResult>>(method);
}

/** How bad a doctor finding is: `error` = Cognito fails (or ignores) what the trigger should do. */
export type DoctorSeverity = 'error' | 'warning' | 'information';

/**
 * A one-step fix of a finding. `bind`: a bind or unbind through the same plan/review/apply path as Bind
 * Trigger (`command` is the same as a `cognito-triggers` command, which shows the plan and asks first).
 * `aws`: AWS calls for what a bind cannot do (a KMS key's state, a function's runtime, a permission
 * statement to replace): `steps` go through the editor's plan/review/apply path (AwsPlanDoctorFixRequest,
 * SDK clients, no shell); `command` is the same as AWS CLI commands (the CLI prints it).
 */
export interface DoctorFix {
  /** Button text: "Add the missing permission", "Bind with LambdaVersion V2_0", "Enable the key". */
  title: string;
  kind: 'bind' | 'aws';
  /** kind `bind`: the bind or unbind (no `functionName`) that does it. */
  bind?: BindTarget;
  /**
   * A value only the user knows: `kmsKey` = the ARN of a usable symmetric key (the editor asks for it in
   * Bind's KMS key step; the command has a `<KMS key ARN>` placeholder).
   */
  ask?: 'kmsKey';
  /** The exact command that fixes it. */
  command: string;
  /** kind `aws`: the AWS calls, in order (`command` is made from them). */
  steps?: AwsFixStep[];
}

/**
 * One AWS call of an `aws` fix. Plain data: the report carries it, the editor sends it back to be
 * planned against the current state and applied through the SDK.
 */
export type AwsFixStep =
  | { op: 'addPermission'; functionArn: string; statementId: string; principal: string; sourceArn: string; sourceAccount: string }
  | { op: 'removePermission'; functionArn: string; statementId: string }
  | { op: 'enableKey'; keyId: string }
  | { op: 'cancelKeyDeletion'; keyId: string }
  | { op: 'updateRuntime'; functionArn: string; runtime: string };

/** One thing the doctor found about a deployed pool. */
export interface DoctorFinding {
  /** Stable id: `doctor/permission-missing`, `doctor/function-missing` … */
  rule: string;
  severity: DoctorSeverity;
  /** The LambdaConfig key (or `SyncTrigger`) it is about. */
  slot?: string;
  functionArn?: string;
  /** Starts with the pool's name. */
  message: string;
  /** Where the rule it applies comes from (docs URL, API reference, or "local" for this tool's own reading). */
  source: { kind: string; title: string; url?: string };
  fix?: DoctorFix;
  /** No fix: why there is no one step that fixes it (a code change, nothing known to be broken). */
  noFix?: string;
}

/** What the doctor checked in one pool, and what it found. */
export interface DoctorReport {
  pool: { kind: 'userPool' | 'identityPool'; id: string; name: string; arn?: string };
  /** The bound slots it checked, with their function. */
  checked: { slot: string; functionArn: string }[];
  findings: DoctorFinding[];
  counts: Record<DoctorSeverity, number>;
  /** What it could not check, and why (no handler in the workspace, IaC names no such pool …). */
  notes: string[];
}

/** Checks a deployed pool: functions, permissions, versions, KMS key, runtimes, and drift from the workspace's IaC. */
export namespace AwsDoctorRequest {
  export const method = 'cognitoTriggers/aws/doctor' as const;
  export interface Params {
    kind: 'userPool' | 'identityPool';
    poolId: string;
    /** The pool's name, when the client knows it: an error names the pool by it. */
    poolName?: string;
    /** Workspace folder URIs: their bindings files, IaC and handler files are compared with the pool. */
    folders: string[];
  }
  export const type = requestSpec<Params, AwsResult<DoctorReport>>(method);
}

/**
 * Plans an `aws` fix against the pool's current state (each step read first: a statement already there
 * or gone, a key already enabled, a runtime already set is nothing to do). Nothing changes; the plan is
 * kept for AwsApplyDoctorFixRequest.
 */
export namespace AwsPlanDoctorFixRequest {
  export const method = 'cognitoTriggers/aws/planDoctorFix' as const;
  export interface Params {
    title: string;
    steps: AwsFixStep[];
  }
  export interface Result {
    planId: string;
    /** What will change, one line per step (steps with nothing to do say so), then that nothing else changes. */
    lines: string[];
    /** False when every step is already done. */
    changes: boolean;
  }
  export const type = requestSpec<Params, AwsResult<Result>>(method);
}

/** Applies a planned `aws` fix step by step through the SDK, stopping at the first failure. */
export namespace AwsApplyDoctorFixRequest {
  export const method = 'cognitoTriggers/aws/applyDoctorFix' as const;
  export interface Params {
    planId: string;
  }
  export interface Result {
    /** Steps done, in order. */
    applied: string[];
    /** Steps not done: the failed one first, then those after it. Empty when all were done. */
    notApplied: string[];
    /** Steps that had nothing to do. */
    skipped: string[];
    /** The failed step's error, explained. */
    error?: AwsError;
  }
  export const type = requestSpec<Params, AwsResult<Result>>(method);
}
