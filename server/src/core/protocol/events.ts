// Custom requests of the event JSON area: sample events and conversions (client → server).
import type { UserFacingError } from './common';
import { requestSpec } from './spec';

/** A (trigger, triggerSource, event version) the server can build a sample for. */
export interface EventSourceChoice {
  triggerId: string;
  /** Human name of the trigger ("Pre token generation (event version 2)"). */
  displayName: string;
  source: string;
  description: string;
  /** The event's `version` string ("1", "2", "3"). */
  version: string;
}

/** A built event, or the reason it could not be built. */
export type EventBuildResult =
  | { ok: true; triggerId: string; source: string; version: string; /** Pretty JSON with a final newline. */ json: string; /** Suggested file, relative to the workspace folder (`events/<TriggerId>/<source>.json`). */ suggestedPath: string }
  | { ok: false; error: UserFacingError };

/** Client → server: every source a sample event can be built for (the New Sample Event pickers). */
export namespace ListEventSourcesRequest {
  export const method = 'cognitoTriggers/listEventSources' as const;
  export type Result = EventSourceChoice[];
  export const type = requestSpec<void, Result>(method);
}

/** Client → server: a realistic sample event for a triggerSource (same core as `cognito-triggers event`). */
export namespace SampleEventRequest {
  export const method = 'cognitoTriggers/sampleEvent' as const;
  export interface Params {
    source: string;
    /** Event version, to choose among pre token generation V1/V2/V3. */
    version?: string;
    triggerId?: string;
  }
  export type Result = EventBuildResult;
  export const type = requestSpec<Params, Result>(method);
}

/**
 * Client → server: converts the open event document (`uri`) to another triggerSource, keeping the
 * envelope and the request fields the target also has. The server reads the document's current text.
 */
export namespace ConvertEventRequest {
  export const method = 'cognitoTriggers/convertEvent' as const;
  export interface Params {
    uri: string;
    source: string;
    version?: string;
    triggerId?: string;
  }
  export type Result = EventBuildResult & { /** Only when ok: the recognised trigger of the original. */ fromTriggerId?: string };
  export const type = requestSpec<Params, Result>(method);
}

/** Client → server: what the event document at `uri` is (for the convert command's pickers and `when` clauses). */
export namespace DescribeEventRequest {
  export const method = 'cognitoTriggers/describeEvent' as const;
  export interface Params {
    uri: string;
  }
  export type Result = { isEvent: false } | { isEvent: true; triggerId?: string; source?: string; version?: string };
  export const type = requestSpec<Params, Result>(method);
}
