// Command: invoke a handler locally — from a handler's CodeLens, an event file's CodeLens or the palette.
import * as vscode from 'vscode';
import { DescribeEventRequest, InvokeCandidatesRequest, ListTriggersRequest, type HandlerRef, type InvokeEventSource, type InvokeLocalRequest } from '../../../server/src/core/protocol';
import { requireTrust, type ExtensionState } from '../context';
import { runInvoke } from '../invoke/run';
import { sendRequest } from '../languageClient';
import { Steps } from '../steps';

/** CodeLens argument above a handler (handler-code area). */
interface HandlerLensArg {
  uri: string;
  handlerName: string;
  triggerIds?: string[];
  /** Callers that already know the event (tests, other views) skip the picker. */
  eventUri?: string;
}

/** CodeLens argument above an event file (event-JSON area). */
interface EventLensArg {
  eventUri: string;
  triggerId?: string;
  /** Callers that already know the handler skip the picker. */
  handler?: HandlerRef;
}

const isHandlerArg = (a: unknown): a is HandlerLensArg => typeof (a as HandlerLensArg)?.uri === 'string' && typeof (a as HandlerLensArg)?.handlerName === 'string';
const isEventArg = (a: unknown): a is EventLensArg => typeof (a as EventLensArg)?.eventUri === 'string';

function candidates(state: ExtensionState, p: InvokeCandidatesRequest.Params): Promise<InvokeCandidatesRequest.Result> {
  return sendRequest(state.client(), InvokeCandidatesRequest.type, p);
}

/** A JSON file in the editor (not a result view): the "current editor" choice. Both invokes send its text as shown, unsaved edits included. */
const isJsonDocument = (d: vscode.TextDocument | undefined): d is vscode.TextDocument => !!d && (d.languageId === 'json' || d.languageId === 'jsonc') && d.uri.scheme === 'file';

/**
 * Picks an event for a handler: the workspace's event files of its triggers (each labelled with its
 * triggerSource and the trigger's name with its event version), the JSON in the current editor, any
 * event file (open dialog), or a generated sample. Local and remote invoke both pick with this.
 */
export async function pickEvent(state: ExtensionState, handlerUri: string, triggerIds: string[], handlerName?: string, steps = new Steps('Invoke locally', 1)): Promise<InvokeEventSource | undefined> {
  // Without triggers (the palette), the server takes them from the IaC wiring of this export.
  const c = await candidates(state, { triggerIds, scopeUri: handlerUri, ...(handlerName && !triggerIds.length ? { handlerName } : {}) });
  const known = triggerIds.length > 0 || !!c.wired;
  // The trigger is not known: picking "a sample for a trigger…" brings a second step.
  if (!known) steps.add();
  type Item = vscode.QuickPickItem & { source?: InvokeEventSource; anyTrigger?: boolean; openFile?: boolean };
  const editor = vscode.window.activeTextEditor?.document;
  const current = isJsonDocument(editor) ? editor : undefined;
  const items: Item[] = [
    ...(current ? [{ label: '$(edit) The current editor', description: vscode.workspace.asRelativePath(current.uri), detail: current.isDirty ? 'Its unsaved text is sent.' : undefined, source: { kind: 'file' as const, uri: current.uri.toString() } }] : []),
    ...c.events.map((e): Item => ({ label: e.label, description: [e.triggerSource, e.triggerName ?? e.triggerId].filter(Boolean).join(' · '), source: { kind: 'file', uri: e.uri } })),
    { label: '$(go-to-file) Event file…', description: 'any JSON file', openFile: true },
    { label: 'Generate a sample event', kind: vscode.QuickPickItemKind.Separator },
    ...c.sources.map((s): Item => ({ label: `$(sparkle) ${s.source}`, description: s.triggerName, detail: s.description, source: { kind: 'generate', triggerId: s.triggerId, source: s.source } })),
    // The trigger of the handler is unknown: let the user say which event it expects.
    ...(known ? [] : [{ label: '$(sparkle) Generate a sample event for a trigger…', anyTrigger: true }]),
  ];
  const placeHolder = c.wired ? `Events for ${c.wired.triggerIds.join(', ')}: ${c.wired.why}` : 'An event file of the workspace, or a generated sample';
  const pick = await vscode.window.showQuickPick(items, { title: steps.next('pick the event'), placeHolder, matchOnDescription: true });
  if (pick?.openFile) {
    const files = await vscode.window.showOpenDialog({ title: 'The event file to send', canSelectMany: false, filters: { 'Event JSON': ['json'] }, defaultUri: vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(handlerUri))?.uri });
    return files?.[0] ? { kind: 'file', uri: files[0].toString() } : undefined;
  }
  if (!pick?.anyTrigger) return pick?.source;
  const triggers = await sendRequest(state.client(), ListTriggersRequest.type, undefined);
  const all = triggers.flatMap((t) => t.sources.map((s) => ({ label: s.value, description: t.displayName, detail: s.description, source: { kind: 'generate' as const, triggerId: t.id, source: s.value } })));
  return (await vscode.window.showQuickPick(all, { title: steps.next('which event does the handler expect?'), matchOnDescription: true }))?.source;
}

/** Picks a handler export for an event file: those of the event's trigger, each with its file. */
async function pickHandler(state: ExtensionState, eventUri: string, triggerId: string | undefined): Promise<HandlerRef | undefined> {
  const c = await candidates(state, { handlers: true, scopeUri: eventUri, ...(triggerId ? { forTriggerId: triggerId } : {}) });
  if (!c.handlers.length) {
    void vscode.window.showWarningMessage(`No handler${triggerId ? ` of ${triggerId}` : ''} was found in this workspace folder. Create one with Cognito Triggers: New Trigger Handler….`);
    return undefined;
  }
  // None states the event's trigger: the list holds the handlers whose trigger is not known.
  const unknown = !!triggerId && c.handlers.every((h) => !h.triggerIds?.length);
  const pick = await vscode.window.showQuickPick(
    c.handlers.map((h) => ({ label: h.handlerName, description: h.label, detail: h.triggerIds?.length ? h.triggerIds.join(', ') : undefined, ref: { uri: h.uri, handlerName: h.handlerName } })),
    {
      title: 'Invoke locally: pick the handler',
      placeHolder: triggerId ? (unknown ? `No handler states ${triggerId}; these do not say which trigger they serve` : `Handlers of ${triggerId}`) : undefined,
      matchOnDescription: true,
    },
  );
  return pick?.ref;
}

/** Picks an export of a handler file (palette form on a code file); a step of `steps` when there are several. */
async function pickExport(state: ExtensionState, uri: string, steps: Steps): Promise<HandlerRef | undefined> {
  const c = await candidates(state, { exportsOf: uri });
  if (!c.handlers.length) {
    void vscode.window.showWarningMessage('This file exports no function to invoke.');
    return undefined;
  }
  // Lambda's conventional names: `handler` (Node.js), `lambda_handler` (Python).
  const first = c.handlers.find((h) => h.handlerName === 'handler' || h.handlerName === 'lambda_handler') ?? c.handlers[0];
  if (c.handlers.length === 1 && first) return { uri, handlerName: first.handlerName };
  steps.add();
  const pick = await vscode.window.showQuickPick(c.handlers.map((h) => h.handlerName), { title: steps.next('pick the export') });
  return pick ? { uri, handlerName: pick } : undefined;
}

/**
 * `cognitoTriggers.invokeLocal`: runs a handler in a separate process started by the language server.
 * Accepts a handler lens argument, an event lens argument, or nothing (the active editor decides).
 * Resolves with the server's answer so tests can inspect the result.
 */
export const invokeLocal = (state: ExtensionState) => async (arg?: unknown): Promise<InvokeLocalRequest.Result | undefined> => {
  if (!(await requireTrust('Invoking a handler locally'))) return undefined;
  await state.ready();
  let handler: HandlerRef | undefined;
  let event: InvokeEventSource | undefined;
  let triggerId: string | undefined;
  if (isHandlerArg(arg)) {
    handler = { uri: arg.uri, handlerName: arg.handlerName };
    triggerId = arg.triggerIds?.length === 1 ? arg.triggerIds[0] : undefined;
    event = arg.eventUri ? { kind: 'file', uri: arg.eventUri } : await pickEvent(state, arg.uri, arg.triggerIds ?? [], arg.handlerName);
  } else if (isEventArg(arg)) {
    triggerId = arg.triggerId;
    event = { kind: 'file', uri: arg.eventUri };
    handler = arg.handler ?? (await pickHandler(state, arg.eventUri, arg.triggerId));
  } else {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.uri.scheme !== 'file') {
      void vscode.window.showInformationMessage('Open a handler or an event file to invoke, or use the ▶ Invoke locally lens above a handler.');
      return undefined;
    }
    if (doc.languageId === 'json' || doc.languageId === 'jsonc') {
      event = { kind: 'file', uri: doc.uri.toString() };
      const described = await sendRequest(state.client(), DescribeEventRequest.type, { uri: doc.uri.toString() });
      triggerId = described.isEvent ? described.triggerId : undefined;
      handler = await pickHandler(state, doc.uri.toString(), triggerId);
    } else {
      const steps = new Steps('Invoke locally', 1);
      handler = await pickExport(state, doc.uri.toString(), steps);
      if (handler) event = await pickEvent(state, handler.uri, [], handler.handlerName, steps);
    }
  }
  if (!handler || !event) return undefined;
  return runInvoke(state, { handler, event, ...(triggerId ? { triggerId } : {}) });
};
