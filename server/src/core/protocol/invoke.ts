// Custom messages of local invoke and scaffolding (client ↔ server). The handler runs in a process the
// server spawns, never in the extension host.
import type { UserFacingError } from './common';
import type { InvokeResult } from './invokeResult';
import { notificationSpec, requestSpec } from './spec';

/** Where the event of an invoke comes from. */
export type InvokeEventSource =
  /** An event JSON file (its current text when it is open in the editor). */
  | { kind: 'file'; uri: string }
  /** A sample built from the model. */
  | { kind: 'generate'; triggerId: string; source?: string }
  /** A literal value (Invoke Again of a generated event). */
  | { kind: 'value'; value: unknown; label: string };

/** A handler: file and export name. */
export interface HandlerRef {
  uri: string;
  handlerName: string;
}

/** Client → server: run a handler locally with an event. Refused in an untrusted workspace. */
export namespace InvokeLocalRequest {
  export const method = 'cognitoTriggers/invokeLocal' as const;
  export interface Params {
    /** Chosen by the client; output notifications of this run carry it. */
    runId: string;
    handler: HandlerRef;
    event: InvokeEventSource;
    /** The trigger the caller knows the handler or event is for. */
    triggerId?: string;
  }
  export type Result =
    | { ok: true; result: InvokeResult; /** How to name the event in titles ("events/PreSignUp/PreSignUp_SignUp.json"). */ eventLabel: string; /** The event actually sent (to invoke again). */ event: InvokeEventSource }
    | { ok: false; error: UserFacingError };
  export const type = requestSpec<Params, Result>(method);
}

/** An event file of the workspace that fits a trigger. */
export interface EventCandidate {
  uri: string;
  /** Path relative to the workspace folder. */
  label: string;
  triggerId?: string;
  triggerSource?: string;
  /** The trigger's name with its event version ("Pre token generation (event version 2)"), for the picker's label. */
  triggerName?: string;
}

/** A function export of a handler file. */
export interface HandlerCandidate {
  uri: string;
  handlerName: string;
  /** Path relative to the workspace folder. */
  label: string;
  /** With `forTriggerId`: the triggers the handler serves, as its ▶ Invoke locally lens knows them (empty: not known). */
  triggerIds?: string[];
}

/** Client → server: what to offer in the invoke pickers. */
export namespace InvokeCandidatesRequest {
  export const method = 'cognitoTriggers/invokeCandidates' as const;
  export interface Params {
    /** List event files for these triggers (all recognised events when empty). */
    triggerIds?: string[];
    /** List handler exports of the workspace (when invoking from an event file). */
    handlers?: boolean;
    /**
     * With `handlers`: list only the exports that serve this trigger (the event's), each with the
     * triggers it serves; when none does, the exports whose trigger is not known.
     */
    forTriggerId?: string;
    /** List the function exports of this file only. */
    exportsOf?: string;
    /** A file in the workspace folder to search (the folder of the active editor). */
    scopeUri?: string;
    /**
     * With no triggerIds: the handler (export of scopeUri) to be invoked. The triggers the project's IaC
     * wires it to (the pre token version included) decide the events listed.
     */
    handlerName?: string;
  }
  export interface Result {
    /** The triggers the events and samples are for, when none were asked for: from the IaC wiring, else the handler's own signals (as its lens has them). */
    wired?: { triggerIds: string[]; why: string };
    events: EventCandidate[];
    handlers: HandlerCandidate[];
    /** The triggerSources a sample can be generated for (per trigger asked about). */
    sources: { triggerId: string; source: string; description: string; /** The trigger's name with its event version. */ triggerName: string }[];
  }
  export const type = requestSpec<Params, Result>(method);
}

/** Server → client: console output of a running handler, live. */
export namespace InvokeOutputNotification {
  export const method = 'cognitoTriggers/invokeOutput' as const;
  export interface Params {
    runId: string;
    text: string;
    stream: 'stdout' | 'stderr' | 'info';
  }
  export const type = notificationSpec<Params>(method);
}

/** Languages the scaffold writes. */
export type ScaffoldLanguage = 'cjs' | 'esm' | 'ts' | 'py' | 'py-powertools';

/** One file the scaffold writes (or would write). */
export interface ScaffoldFile {
  uri: string;
  /** Relative to the workspace folder. */
  label: string;
  role: 'handler' | 'event' | 'test';
  exists: boolean;
  written: boolean;
}

/** Where New Trigger Handler… puts a handler by default (the folder the workspace's handlers live in). */
export namespace ScaffoldDefaultsRequest {
  export const method = 'cognitoTriggers/scaffoldDefaults' as const;
  export interface Params {
    folderUri: string;
  }
  export interface Result {
    /** Relative to the folder, '/'-separated; '' = the folder itself. */
    dir: string;
    /** Why this folder, for the prompt. */
    why: string;
    /** The bindings file, relative to the folder (setting cognitoTriggers.bindingsFile). */
    bindingsFile: string;
  }
  export const type = requestSpec<Params, Result>(method);
}

/** Adds a handler → function entry to the folder's bindings file (created when missing). */
export namespace AddBindingRequest {
  export const method = 'cognitoTriggers/addBinding' as const;
  export interface Params {
    folderUri: string;
    /** Handler file, relative to the folder. */
    file: string;
    handler: string;
    functionName: string;
    trigger?: string;
  }
  export type Result = { ok: true; uri: string; already: boolean } | { ok: false; error: UserFacingError };
  export const type = requestSpec<Params, Result>(method);
}

/**
 * Client → server: write a new handler, its sample events and a node:test test. With `dryRun` it only
 * lists the files and which exist; existing files are written only when listed in `overwrite`.
 */
export namespace ScaffoldHandlerRequest {
  export const method = 'cognitoTriggers/scaffoldHandler' as const;
  export interface Params {
    folderUri: string;
    triggerId: string;
    sources: string[];
    language: ScaffoldLanguage;
    /** Base name of the handler file without extension (default from the trigger). */
    name?: string;
    /** Folder of the handler, relative to the folder ('' = the folder itself; default `src`). */
    dir?: string;
    dryRun?: boolean;
    /** URIs of existing files the user agreed to overwrite. */
    overwrite?: string[];
  }
  export type Result = { ok: true; files: ScaffoldFile[] } | { ok: false; error: UserFacingError };
  export const type = requestSpec<Params, Result>(method);
}
