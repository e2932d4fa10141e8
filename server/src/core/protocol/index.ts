// Typed custom LSP messages between the client and the language server. The client imports only this
// folder and ../settings; each area keeps its messages in its own file, re-exported here.
import { notificationSpec, requestSpec } from './spec';

export * from './common';
export * from './spec';
export * from './invokeResult';
export * from './aws';
export * from './events';
export * from './invoke';
export * from './invokeFailure';
export * from './plainText';
export * from './flows';

/**
 * Server → client, once after `initialized`: the server is ready to answer feature requests.
 * The client's `ready` promise (used by tests) waits for it.
 */
export namespace ServerReadyNotification {
  export const method = 'cognitoTriggers/serverReady' as const;
  export interface Params {
    version: string;
    triggers: number;
  }
  export const type = notificationSpec<Params>(method);
}

/** Client → server: the workspace trust changed. No handler code runs and no AWS call is made while untrusted. */
export namespace WorkspaceTrustNotification {
  export const method = 'cognitoTriggers/workspaceTrust' as const;
  export interface Params {
    trusted: boolean;
  }
  export const type = notificationSpec<Params>(method);
}

/** Client → server: list the trigger model (ids, names, sources, versions) for pickers. */
export namespace ListTriggersRequest {
  export const method = 'cognitoTriggers/listTriggers' as const;
  export interface TriggerSummary {
    id: string;
    displayName: string;
    description: string;
    docs: string;
    sources: { value: string; description: string }[];
    binding: { kind: 'userPool'; lambdaConfigKey: string; lambdaVersion?: string; requiresKmsKey?: boolean } | { kind: 'identityPool'; cognitoEventType: string };
    /** Powertools for AWS Lambda (Python) has a data class for this trigger (New Trigger Handler offers the variant). */
    powertools?: boolean;
  }
  export type Result = TriggerSummary[];
  export const type = requestSpec<void, Result>(method);
}

/** Options the client passes in `initialize`. */
export interface InitializationOptions {
  /** Workspace trust at start. */
  trusted: boolean;
  /** Where the extension is installed (to find dist/runner.js and schemas/). */
  extensionPath: string;
}
