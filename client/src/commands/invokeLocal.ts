// Command: invoke a handler locally — from a handler's CodeLens, an event file's CodeLens or the palette.
import * as vscode from 'vscode';
import { InvokeCandidatesRequest, ListTriggersRequest, type HandlerRef, type InvokeEventSource, type InvokeLocalRequest } from '../../../server/src/core/protocol';
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

/** Picks an event for a handler: workspace event files of its triggers, or a generated sample. */
export async function pickEvent(state: ExtensionState, handlerUri: string, triggerIds: string[], handlerName?: string, steps = new Steps('Invoke locally', 1)): Promise<InvokeEventSource | undefined> {
  // Without triggers (the palette), the server takes them from the IaC wiring of this export.
  const c = await candidates(state, { triggerIds, scopeUri: handlerUri, ...(handlerName && !triggerIds.length ? { handlerName } : {}) });
  const known = triggerIds.length > 0 || !!c.wired;
  type Item = vscode.QuickPickItem & { source?: InvokeEventSource; anyTrigger?: boolean };
  const items: Item[] = [
    ...c.events.map((e): Item => ({ label: e.label, description: e.triggerSource ?? e.triggerId ?? '', source: { kind: 'file', uri: e.uri } })),
    { label: 'Generate a sample event', kind: vscode.QuickPickItemKind.Separator },
    ...c.sources.map((s): Item => ({ label: `$(sparkle) ${s.source}`, description: s.triggerId, detail: s.description, source: { kind: 'generate', triggerId: s.triggerId, source: s.source } })),
    // The trigger of the handler is unknown: let the user say which event it expects.
    ...(known ? [] : [{ label: '$(sparkle) Generate a sample event for a trigger…', anyTrigger: true }]),
  ];
  const placeHolder = c.wired ? `Events for ${c.wired.triggerIds.join(', ')}: ${c.wired.why}` : 'An event file of the workspace, or a generated sample';
  const pick = await vscode.window.showQuickPick(items, { title: steps.next('pick the event'), placeHolder, matchOnDescription: true });
  if (!pick?.anyTrigger) return pick?.source;
  const triggers = await sendRequest(state.client(), ListTriggersRequest.type, undefined);
  const all = triggers.flatMap((t) => t.sources.map((s) => ({ label: s.value, description: t.displayName, detail: s.description, source: { kind: 'generate' as const, triggerId: t.id, source: s.value } })));
  steps.add();
  return (await vscode.window.showQuickPick(all, { title: steps.next('which event does the handler expect?'), matchOnDescription: true }))?.source;
}

/** Picks a handler export for an event file. */
async function pickHandler(state: ExtensionState, eventUri: string): Promise<HandlerRef | undefined> {
  const c = await candidates(state, { handlers: true, scopeUri: eventUri });
  if (!c.handlers.length) {
    void vscode.window.showWarningMessage('No handler exports were found in this workspace folder. Create one with Cognito Triggers: New Trigger Handler….');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    c.handlers.map((h) => ({ label: h.handlerName, description: h.label, ref: { uri: h.uri, handlerName: h.handlerName } })),
    { title: 'Invoke locally: pick the handler', matchOnDescription: true },
  );
  return pick?.ref;
}

/** Picks an export of a handler file (palette form on a code file). */
async function pickExport(state: ExtensionState, uri: string): Promise<HandlerRef | undefined> {
  const c = await candidates(state, { exportsOf: uri });
  if (!c.handlers.length) {
    void vscode.window.showWarningMessage('This file exports no function to invoke.');
    return undefined;
  }
  // Lambda's conventional names: `handler` (Node.js), `lambda_handler` (Python).
  const first = c.handlers.find((h) => h.handlerName === 'handler' || h.handlerName === 'lambda_handler') ?? c.handlers[0];
  if (c.handlers.length === 1 && first) return { uri, handlerName: first.handlerName };
  const pick = await vscode.window.showQuickPick(c.handlers.map((h) => h.handlerName), { title: 'Invoke locally: pick the export' });
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
    handler = arg.handler ?? (await pickHandler(state, arg.eventUri));
  } else {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.uri.scheme !== 'file') {
      void vscode.window.showInformationMessage('Open a handler or an event file to invoke, or use the ▶ Invoke locally lens above a handler.');
      return undefined;
    }
    if (doc.languageId === 'json' || doc.languageId === 'jsonc') {
      event = { kind: 'file', uri: doc.uri.toString() };
      handler = await pickHandler(state, doc.uri.toString());
    } else {
      handler = await pickExport(state, doc.uri.toString());
      if (handler) event = await pickEvent(state, handler.uri, [], handler.handlerName);
    }
  }
  if (!handler || !event) return undefined;
  return runInvoke(state, { handler, event, ...(triggerId ? { triggerId } : {}) });
};
