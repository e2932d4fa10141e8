// Language server side of local invoke: resolves the handler, event and settings, runs the handler in a
// runner process (never in the server), streams its output and returns the InvokeResult.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { createHandlerCodeProvider } from '../core/features/handlerCode';
import type { HandlerReport } from '../core/features/provider';
import { getTrigger } from '../core/model';
import { sampleEvent } from '../core/events';
import { invokeLocal, LocalInvoker, parseEventText, readEventFile } from '../core/invoke';
import { findEventFiles, findHandlerExports, handlerNames } from '../core/invoke/workspace';
import { InvokeCandidatesRequest, InvokeLocalRequest, InvokeOutputNotification, type HandlerCandidate, type InvokeEventSource, type UserFacingError } from '../core/protocol';
import { wiredFor } from '../core/wiring';
import { bindingHints } from '../workspace/bindings';
import { wiredRuntime } from '../workspace/runtime';
import { folderWiring, whyOf } from '../workspace/wiring';
import type { RequestDeps } from './index';
import { flowsBundle } from './lazyBundles';
import { onRequest, sendNotification } from './typed';

const UNTRUSTED: UserFacingError = {
  code: 'untrusted',
  message: 'Local invoke runs code from this workspace, so it is disabled in Restricted Mode.',
  hint: 'Trust the workspace (Manage Workspace Trust) to run handlers.',
};

/** Reads an event source into a value, or the error to show. */
function loadEvent(deps: RequestDeps, src: InvokeEventSource): { value: unknown; label: string } | { error: UserFacingError } {
  if (src.kind === 'value') return { value: src.value, label: src.label };
  if (src.kind === 'generate') {
    try {
      const event = sampleEvent(src.triggerId, src.source);
      return { value: event, label: `sample ${String(event.triggerSource ?? event.eventType ?? src.triggerId)} event` };
    } catch (e) {
      return { error: { code: 'bad-source', message: (e as Error).message } };
    }
  }
  const file = URI.parse(src.uri).fsPath;
  const open = deps.documents.get(src.uri);
  // The editor's text wins over the disk: the user invokes what they see.
  const parsed = open ? parseEventText(open.getText(), file) : readEventFile(file);
  if ('kind' in parsed) {
    const l = parsed.location;
    return { error: { code: 'bad-event', message: l?.line ? `${l.file}:${l.line}:${l.column ?? 1}: ${parsed.message}` : parsed.message } };
  }
  return { value: parsed.value, label: deps.folders.relativePath(src.uri) };
}

/** Runs one local invoke as the invokeLocal request describes it (the request and workspace/executeCommand share it). */
export type RunLocalInvoke = (p: InvokeLocalRequest.Params, signal?: AbortSignal) => Promise<InvokeLocalRequest.Result>;

/** The answer to a cancelled invoke (the client's Cancel sends $/cancelRequest). */
const CANCELLED: UserFacingError = {
  code: 'cancelled',
  message: 'Invoke cancelled: the handler\'s process and everything it started were ended.',
};

/** The runtime the project's IaC declares for the handler (`python3.12`, `nodejs20.x`): a different local Python or Node.js major is a warning. */
async function declaredRuntime(folder: string, file: string): Promise<{ runtime?: string }> {
  const runtime = await wiredRuntime(folder, path.relative(folder, file).split(path.sep).join('/'));
  return runtime ? { runtime } : {};
}

/**
 * The exports that serve `triggerId`, each with its triggers as its ▶ Invoke locally lens states
 * them (the same analysis: types, comments, the bindings file, the IaC wiring, the file name); when
 * none does, those whose trigger is not known (never one known to serve another trigger).
 */
export async function handlersServing(deps: FileDeps, all: HandlerCandidate[], triggerId: string): Promise<HandlerCandidate[]> {
  // Its own provider: files read from disk must not enter the editor's per-document cache.
  const provider = createHandlerCodeProvider({ bindingHints });
  const triggersOf = new Map<string, Map<string, string[]>>();
  for (const uri of new Set(all.map((h) => h.uri))) {
    const reports = await describeFile(deps, provider, uri);
    if (reports) triggersOf.set(uri, new Map(reports.map((r) => [r.export, [...r.triggers]])));
  }
  const withTriggers = all.map((h) => ({ ...h, triggerIds: triggersOf.get(h.uri)?.get(h.handlerName) ?? [] }));
  const serving = withTriggers.filter((h) => h.triggerIds.includes(triggerId));
  return serving.length ? serving : withTriggers.filter((h) => !h.triggerIds.length);
}

type FileDeps = Pick<RequestDeps, 'documents' | 'settings' | 'folders' | 'host'>;

/** The handlers of a file as its lens sees them (the open editor's text, else the disk's); undefined when unreadable. */
async function describeFile(deps: FileDeps, provider: ReturnType<typeof createHandlerCodeProvider>, uri: string): Promise<HandlerReport[] | undefined> {
  const file = URI.parse(uri).fsPath;
  const open = deps.documents.get(uri);
  let text = open?.getText();
  try {
    text ??= fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const document = open ?? TextDocument.create(uri, file.endsWith('.py') ? 'python' : /\.(c|m)?ts$/.test(file) ? 'typescript' : 'javascript', 0, text);
  return provider.describe({ document, settings: await deps.settings.get(uri), relativePath: deps.folders.relativePath(uri), host: deps.host });
}

/** The triggers one export serves as its lens knows them (code, bindings file, wiring, file name), with why. */
async function inferredTriggers(deps: FileDeps, uri: string, handlerName: string): Promise<{ triggerIds: string[]; why: string } | undefined> {
  const r = (await describeFile(deps, createHandlerCodeProvider({ bindingHints }), uri))?.find((x) => x.export === handlerName);
  return r?.triggers.length ? { triggerIds: [...r.triggers], why: r.reasons[0] ?? `${handlerName} is written for ${r.triggers.join(', ')}` } : undefined;
}

/** Registers invokeLocal and invokeCandidates; returns the invoke itself for the command adapter. */
export function registerInvokeRequests(deps: RequestDeps): RunLocalInvoke {
  const { connection } = deps;
  let invoker: LocalInvoker | undefined;
  // dist/runner.js sits next to dist/server.js; extensionPath is only a hint for unusual layouts.
  const runnerPath = (): string => {
    const beside = path.join(__dirname, 'runner.js');
    if (fs.existsSync(beside) || !deps.init.extensionPath) return beside;
    return path.join(deps.init.extensionPath, 'dist', 'runner.js');
  };
  // At exit no timer runs any more: kill the workers and what their handlers started at once.
  process.once('exit', () => invoker?.dispose(true));
  // Output or an error of a warm worker between runs belongs to no run: say so, under no run's id.
  const lateRun = (file: string): string => `late:${file}`;
  const invokerEvents = {
    onLateOutput: (file: string, text: string, stream: 'stdout' | 'stderr') => {
      void sendNotification(connection, InvokeOutputNotification.type, { runId: lateRun(file), text, stream });
    },
    onLateError: (file: string, e: { errorType: string; errorMessage: string }) => {
      const text = `${path.basename(file)}: after its run had answered, the handler threw ${e.errorType}: ${e.errorMessage}. The warm worker was ended; the next invoke starts afresh and reports it.\n`;
      void sendNotification(connection, InvokeOutputNotification.type, { runId: lateRun(file), text, stream: 'info' });
    },
  };

  const run: RunLocalInvoke = async (p, signal) => {
    if (!deps.isTrusted()) return { ok: false, error: deps.untrustedError?.() ?? UNTRUSTED };
    if (signal?.aborted) return { ok: false, error: CANCELLED };
    const ev = loadEvent(deps, p.event);
    if ('error' in ev) return { ok: false, error: ev.error };
    const file = URI.parse(p.handler.uri).fsPath;
    const folder = deps.folders.folderOf(p.handler.uri) ?? path.dirname(file);
    const settings = await deps.settings.get(p.handler.uri);
    invoker ??= new LocalInvoker(runnerPath(), invokerEvents, deps.warmPool);
    const local = invoker;
    // Warm mode switched off: end the handler's warm worker rather than leave it idle.
    if (!settings.invoke.warm) invoker.forget(file);
    const send = (text: string, stream: InvokeOutputNotification.Params['stream']): void => {
      void sendNotification(connection, InvokeOutputNotification.type, { runId: p.runId, text, stream });
    };
    const pyRuntime = await declaredRuntime(folder, file);
    send(`START ${path.relative(folder, file)}#${p.handler.handlerName} with ${ev.label}\n`, 'info');
    // A custom sender's code is encrypted for real, and the local KMS decrypts it for the handler.
    const { invokeWithSenderCrypto } = await flowsBundle();
    const result = await invokeWithSenderCrypto(ev.value, settings.invoke.env, p.triggerId, (value, env) =>
      invokeLocal(local, {
        file,
        handlerName: p.handler.handlerName,
        event: value,
        folder,
        settings: { ...settings.invoke, env },
        pythonInterpreter: settings.python.interpreter,
        ...pyRuntime,
        ...(p.triggerId && getTrigger(p.triggerId) ? { triggerId: p.triggerId } : {}),
        onOutput: (text, stream) => send(text, stream),
        ...(signal ? { signal } : {}),
      }),
    );
    if (signal?.aborted) {
      send(`END cancelled after ${result.durationMs} ms\n`, 'info');
      return { ok: false, error: CANCELLED };
    }
    send(`END ${result.outcome.kind} in ${result.durationMs} ms — ${result.summary.headline}\n`, 'info');
    const event: InvokeEventSource = p.event.kind === 'generate' ? { kind: 'value', value: ev.value, label: ev.label } : p.event;
    return { ok: true, result, eventLabel: ev.label, event };
  };
  onRequest(connection, InvokeLocalRequest.type, (p, token) => {
    // The client's Cancel arrives as $/cancelRequest: end the run and its process tree.
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    return run(p, abort.signal).finally(() => sub.dispose());
  });

  onRequest(connection, InvokeCandidatesRequest.type, async (p): Promise<InvokeCandidatesRequest.Result> => {
    const scope = p.scopeUri ?? p.exportsOf;
    const folder = scope ? (deps.folders.folderOf(scope) ?? path.dirname(URI.parse(scope).fsPath)) : undefined;
    const settings = await deps.settings.get(scope ?? '');
    let ids = (p.triggerIds ?? []).filter((id) => getTrigger(id));
    // No trigger given for a handler: the IaC wiring names it (the bindings file and the code's own signals reach the CodeLens instead).
    let wired: InvokeCandidatesRequest.Result['wired'];
    if (!ids.length && p.handlerName && p.scopeUri && folder) {
      const rel = path.relative(folder, URI.parse(p.scopeUri).fsPath).split(path.sep).join('/');
      const found = wiredFor(await folderWiring(folder), rel).filter((h) => h.export === p.handlerName && getTrigger(h.trigger));
      if (found.length) {
        ids = [...new Set(found.map((h) => h.trigger))];
        wired = { triggerIds: ids, why: found.map(whyOf).join('; ') };
      } else {
        // The palette on a typed or commented handler: what its ▶ Invoke locally lens would pass.
        wired = await inferredTriggers(deps, p.scopeUri, p.handlerName);
        if (wired) ids = wired.triggerIds.filter((id) => getTrigger(id));
      }
    }
    const events = folder
      ? findEventFiles(folder, settings.eventFiles, ids).map((e) => {
          const name = e.triggerId ? getTrigger(e.triggerId)?.displayName : undefined;
          return { uri: URI.file(e.file).toString(), label: e.rel, ...(e.triggerId ? { triggerId: e.triggerId } : {}), ...(e.triggerSource ? { triggerSource: e.triggerSource } : {}), ...(name ? { triggerName: name } : {}) };
        })
      : [];
    let handlers: InvokeCandidatesRequest.Result['handlers'] = [];
    if (p.exportsOf) {
      const file = URI.parse(p.exportsOf).fsPath;
      const text = deps.documents.get(p.exportsOf)?.getText() ?? (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
      handlers = handlerNames(file, text).map((handlerName) => ({ uri: p.exportsOf as string, handlerName, label: deps.folders.relativePath(p.exportsOf as string) }));
    } else if (p.handlers && folder) {
      handlers = findHandlerExports(folder).map((h) => ({ uri: URI.file(h.file).toString(), handlerName: h.handlerName, label: h.rel }));
      if (p.forTriggerId && getTrigger(p.forTriggerId)) handlers = await handlersServing(deps, handlers, p.forTriggerId);
    }
    const sources = ids.flatMap((id) => {
      const t = getTrigger(id);
      return (t?.sources ?? []).map((s) => ({ triggerId: id, source: s.value, description: s.description, triggerName: t?.displayName ?? id }));
    });
    return { ...(wired ? { wired } : {}), events, handlers, sources };
  });
  return run;
}
