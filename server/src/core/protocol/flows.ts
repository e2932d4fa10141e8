// Custom messages of Run Flow (client ↔ server): the flow runs in the language server through the local
// invoker; the client asks the user for custom challenge answers and shows the timeline the core builds.
import type { UserFacingError } from './common';
import { notificationSpec, requestSpec } from './spec';

/** The flows the VS Code command offers, with what each runs (the CLI's names). */
export const FLOW_CHOICES = [
  { name: 'sign-up', description: 'PreSignUp → custom message or sender → confirm → PostConfirmation' },
  { name: 'admin-create-user', description: 'PreSignUp_AdminCreateUser → the invitation with the temporary password' },
  { name: 'sign-in', description: 'migration of an unknown user → PreAuthentication → password → pre token generation → PostAuthentication' },
  { name: 'custom-auth', description: 'Define → Create → your answer → Verify → Define … then tokens' },
  { name: 'forgot-password', description: 'migration of an unknown user → the reset code → PostConfirmation_ConfirmForgotPassword' },
  { name: 'refresh', description: 'TokenGeneration_RefreshTokens' },
  { name: 'client-credentials', description: 'V3 TokenGeneration_ClientCredentials (machine to machine)' },
  { name: 'federated-sign-in', description: 'InboundFederation → PreSignUp_ExternalProvider on first sign-in → tokens' },
  { name: 'sync', description: 'the Cognito Sync trigger over a dataset' },
] as const;

/** One row of the flow timeline (a tree: steps, their event, answer, verdict, timing; the error, tokens, messages). */
export interface TimelineNode {
  /** Stable within one result (`step-3/event`). */
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  /** What the row is, for its icon. */
  kind: 'outcome' | 'error' | 'trigger' | 'cognito' | 'app' | 'event' | 'answer' | 'verdict' | 'line' | 'timing' | 'tokens' | 'token' | 'claim' | 'messages' | 'message' | 'note';
  severity?: 'error' | 'warning' | 'info' | 'ok';
  /** The step that made the flow fail: shown highlighted. */
  failed?: boolean;
  /** A JSON value the row opens (event, answer, decoded token) when clicked. */
  json?: unknown;
  /** A documentation or observed-issue URL behind the row. */
  source?: string;
  children?: TimelineNode[];
}

/**
 * Where a flow's pool configuration comes from (which slots are bound, the pre token generation event
 * version, the custom sender KMS key, the app client): a DescribeUserPool-shaped JSON file, or a deployed
 * pool the client has described. Either way the bindings file and the wiring say which local handler
 * builds each bound function.
 */
export type FlowPoolChoice =
  | { kind: 'file'; uri: string }
  | { kind: 'described'; poolId: string; described: unknown };

/** Client → server: run a whole flow through the folder's handlers. Refused in an untrusted workspace. */
export namespace RunFlowRequest {
  export const method = 'cognitoTriggers/runFlow' as const;
  export interface Params {
    /** Chosen by the client; answer requests and handler output of this run carry it. */
    runId: string;
    /** A file or folder URI of the workspace folder whose handlers run. */
    folderUri: string;
    flow: string;
    username?: string;
    password?: string;
    attributes?: Record<string, string>;
    clientMetadata?: Record<string, string>;
    /** Add the user to the session's user store, CONFIRMED, before the flow (sign-in and custom auth of a new user). */
    createUser?: boolean;
    /** The pool's configuration, as the CLI's `--pool FILE`; absent = the folder's wiring and bindings file alone. */
    pool?: FlowPoolChoice;
  }
  export type Result =
    | {
        ok: true;
        outcome: 'succeeded' | 'failed' | 'incomplete';
        /** `NotAuthorizedException: Incorrect username or password.` when Cognito fails the flow. */
        appError?: string;
        timeline: TimelineNode[];
        /** The whole result (`cognito-triggers flow --json`'s shape), for tests and the JSON view. */
        result: unknown;
      }
    | { ok: false; error: UserFacingError };
  export const type = requestSpec<Params, Result>(method);
}

/** Client → server: is this user in the session's user store (so Run Flow can offer to create them)? */
export namespace FlowUserRequest {
  export const method = 'cognitoTriggers/flowUser' as const;
  export interface Params {
    folderUri: string;
    username: string;
  }
  export interface Result {
    exists: boolean;
    status?: string;
  }
  export const type = requestSpec<Params, Result>(method);
}

/** Server → client, during a custom-auth flow: the challenge as the app sees it; the client asks the user. */
export namespace FlowAnswerRequest {
  export const method = 'cognitoTriggers/flowAnswer' as const;
  export interface Params {
    runId: string;
    challengeName: string;
    /** publicChallengeParameters, as the app receives them. */
    parameters: Record<string, string>;
    round: number;
  }
  /** No answer (the user cancelled): the flow stops where the app would wait. */
  export interface Result {
    answer?: string;
  }
  export const type = requestSpec<Params, Result>(method);
}

/** Server → client: a step finished (live progress of a running flow). */
export namespace FlowStepNotification {
  export const method = 'cognitoTriggers/flowStep' as const;
  export interface Params {
    runId: string;
    index: number;
    label: string;
  }
  export const type = notificationSpec<Params>(method);
}

/** Client → server: serve the folder's handlers on a local Lambda Invoke API endpoint (127.0.0.1). Refused untrusted. */
export namespace StartLambdaEndpointRequest {
  export const method = 'cognitoTriggers/startLambdaEndpoint' as const;
  export interface Params {
    folderUri: string;
  }
  export type Result =
    | {
        ok: true;
        /** `http://127.0.0.1:PORT`: cognito-local's LambdaClient endpoint, or AWS_ENDPOINT_URL_LAMBDA. */
        url: string;
        /** Function names served. */
        functions: string[];
        /** An endpoint for this folder was already running (the same one is answered). */
        already: boolean;
      }
    | { ok: false; error: UserFacingError };
  export const type = requestSpec<Params, Result>(method);
}

/** Client → server: stop the folder's Lambda endpoint (no endpoint: nothing happens). */
export namespace StopLambdaEndpointRequest {
  export const method = 'cognitoTriggers/stopLambdaEndpoint' as const;
  export interface Params {
    folderUri: string;
  }
  export interface Result {
    stopped: boolean;
  }
  export const type = requestSpec<Params, Result>(method);
}

/** Server → client: the Lambda endpoint served an invocation (its event, answer and Cognito's verdict). */
export namespace LambdaInvocationNotification {
  export const method = 'cognitoTriggers/lambdaInvocation' as const;
  export interface Params {
    url: string;
    node: TimelineNode;
  }
  export const type = notificationSpec<Params>(method);
}
