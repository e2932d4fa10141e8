// workspace/executeCommand for LSP clients other than VS Code: the commands code lenses and code
// actions carry (▶ Invoke locally, ...) run in the server, with results via window/showDocument and window/showMessage.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MessageType } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { findEventFiles, findHandlerExports } from '../core/invoke/workspace';
import { formatResultText } from '../core/invoke';
import { getTrigger } from '../core/model';
import { buildSample, samplePath } from '../core/payload/samples';
import type { HandlerRef, InvokeEventSource, InvokeLocalRequest } from '../core/protocol';
import type { RequestDeps } from './index';
import { handlersServing, type RunLocalInvoke } from './invoke';

/** Commands the server runs for clients without the VS Code extension. */
export const SERVER_COMMANDS = ['cognitoTriggers.invokeLocal', 'cognitoTriggers.newSampleEvent'] as const;

/** What a command told the user (also the executeCommand result, so scripts and tests can read it). */
export interface CommandOutcome {
  ok: boolean;
  message: string;
  /** The file shown with window/showDocument (the invoke result, the new event). */
  uri?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** Where command results are written: outside the workspace, so nothing of the user's changes. */
function resultsFolder(): string {
  const dir = path.join(os.tmpdir(), `cognito-triggers-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** A path under `folder` for `rel` that does not exist yet (`x.json`, `x-2.json`, ...). */
function freePath(folder: string, rel: string): string {
  const { dir, name, ext } = path.parse(rel);
  for (let n = 1; n < 1000; n++) {
    const candidate = path.join(folder, dir, `${name}${n > 1 ? `-${n}` : ''}${ext}`);
    if (!fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`no free file name for ${rel} (1,000 taken)`);
}

/** Registers workspace/executeCommand; `canShowDocument` says whether the client supports window/showDocument. */
export function registerCommandRequests(deps: RequestDeps, runInvoke: RunLocalInvoke, canShowDocument: () => boolean): void {
  const { connection } = deps;
  let runs = 0;

  /** Tells the user (showMessage) and shows the file when there is one. */
  const tell = async (outcome: CommandOutcome, type: MessageType): Promise<CommandOutcome> => {
    if (outcome.uri && canShowDocument()) await connection.window.showDocument({ uri: outcome.uri, takeFocus: true }).catch(() => undefined);
    const where = outcome.uri && !canShowDocument() ? ` (${URI.parse(outcome.uri).fsPath})` : '';
    void connection.sendNotification('window/showMessage', { type, message: `${outcome.message}${where}` });
    return outcome;
  };
  const fail = (message: string): Promise<CommandOutcome> => tell({ ok: false, message }, MessageType.Error);

  /** Picks one of several labels with window/showMessageRequest; undefined when dismissed. */
  const pick = async (message: string, labels: string[]): Promise<string | undefined> => {
    if (labels.length <= 1) return labels[0];
    const r = await connection.window.showInformationMessage(message, ...labels.slice(0, 20).map((title) => ({ title })));
    return r?.title;
  };

  const folderOf = (uri: string): string => deps.folders.folderOf(uri) ?? path.dirname(URI.parse(uri).fsPath);

  /** The invoke a lens argument (handler lens, event lens, or the invokeLocal request's own params) asks for. */
  const invokeParams = async (arg: unknown): Promise<Omit<InvokeLocalRequest.Params, 'runId'> | string> => {
    if (!isRecord(arg)) return 'cognitoTriggers.invokeLocal needs an argument: { uri, handlerName } (from the code lens) or { eventUri }.';
    // The protocol's own shape: { handler: { uri, handlerName }, event: InvokeEventSource }.
    if (isRecord(arg.handler) && isRecord(arg.event)) return arg as unknown as Omit<InvokeLocalRequest.Params, 'runId'>;
    const settings = await deps.settings.get(str(arg.uri) ?? str(arg.eventUri) ?? '');
    if (str(arg.uri) && str(arg.handlerName)) {
      // ▶ Invoke locally above a handler: the first event file of its trigger, else a generated sample.
      const uri = arg.uri as string;
      const triggerIds = Array.isArray(arg.triggerIds) ? arg.triggerIds.filter((t): t is string => typeof t === 'string' && !!getTrigger(t)) : [];
      const handler: HandlerRef = { uri, handlerName: arg.handlerName as string };
      if (!triggerIds.length) return `The trigger of ${handler.handlerName} is not known, so there is no event to send. Add a comment such as "// @cognito-trigger PreSignUp" above it, or type its event (PreSignUpTriggerEvent).`;
      const files = findEventFiles(folderOf(uri), settings.eventFiles, triggerIds);
      const chosen = files.length ? await pick(`Event for ${handler.handlerName}:`, files.map((f) => f.rel)) : undefined;
      const file = files.find((f) => f.rel === chosen);
      const event: InvokeEventSource = file ? { kind: 'file', uri: URI.file(file.file).toString() } : { kind: 'generate', triggerId: triggerIds[0] as string };
      return { handler, event, triggerId: file?.triggerId ?? (triggerIds[0] as string) };
    }
    if (str(arg.eventUri)) {
      // ▶ Invoke with a handler… on an event file: the workspace's handler exports of the event's trigger.
      const eventUri = arg.eventUri as string;
      const found = findHandlerExports(folderOf(eventUri));
      const triggerId = str(arg.triggerId);
      const all = found.map((h) => ({ uri: URI.file(h.file).toString(), handlerName: h.handlerName, label: h.rel }));
      const serving = triggerId && getTrigger(triggerId) ? await handlersServing(deps, all, triggerId) : all;
      const handlers = found.filter((h) => serving.some((x) => x.uri === URI.file(h.file).toString() && x.handlerName === h.handlerName));
      if (!handlers.length) return `No handler export found in this workspace folder to invoke with the event${triggerId && found.length ? ` (none serves ${triggerId})` : ''}.`;
      const labels = handlers.map((h) => `${h.rel}#${h.handlerName}`);
      const chosen = await pick('Handler to invoke with this event:', labels);
      const h = handlers[labels.indexOf(chosen ?? '')];
      if (!h) return 'Invoke cancelled: no handler picked.';
      return { handler: { uri: URI.file(h.file).toString(), handlerName: h.handlerName }, event: { kind: 'file', uri: eventUri }, ...(str(arg.triggerId) ? { triggerId: arg.triggerId as string } : {}) };
    }
    return 'cognitoTriggers.invokeLocal needs { uri, handlerName } (from the code lens) or { eventUri }.';
  };

  const invokeLocal = async (arg: unknown): Promise<CommandOutcome> => {
    const params = await invokeParams(arg);
    if (typeof params === 'string') return fail(params);
    const r = await runInvoke({ ...params, runId: `command-${++runs}` });
    if (!r.ok) return fail(r.error.hint ? `${r.error.message} ${r.error.hint}` : r.error.message);
    const file = path.join(resultsFolder(), `${path.basename(URI.parse(params.handler.uri).fsPath)}-${params.handler.handlerName}.result.txt`);
    fs.writeFileSync(file, formatResultText(r.result));
    const headline = `${params.handler.handlerName} with ${r.eventLabel}: ${r.result.summary.headline}`;
    return tell({ ok: r.result.summary.succeeds, message: headline, uri: URI.file(file).toString() }, r.result.summary.succeeds ? MessageType.Info : MessageType.Warning);
  };

  const newSampleEvent = async (arg: unknown): Promise<CommandOutcome> => {
    if (!isRecord(arg) || !str(arg.source)) return fail('cognitoTriggers.newSampleEvent needs an argument { source, version?, triggerId? }, e.g. { "source": "PreSignUp_SignUp" } (cognito-triggers triggers lists the sources).');
    const s = buildSample({ source: arg.source as string, ...(str(arg.version) ? { version: arg.version as string } : {}), ...(str(arg.triggerId) ? { triggerId: arg.triggerId as string } : {}) });
    if (!s.ok) return fail(`${s.message}${s.valid.length ? ` Pick one of: ${s.valid.join(', ')}.` : ''}`);
    const root = deps.folders.roots()[0];
    if (!root) return fail('No workspace folder to write the event into: open a folder (the client sends no root).');
    const file = freePath(URI.parse(root).fsPath, samplePath(s.trigger.id, s.source));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // 'wx': never overwrite a file that appeared meanwhile.
    fs.writeFileSync(file, s.json, { flag: 'wx' });
    return tell({ ok: true, message: `New sample event: ${path.relative(URI.parse(root).fsPath, file)}`, uri: URI.file(file).toString() }, MessageType.Info);
  };

  connection.onExecuteCommand(async (p) => {
    const arg = p.arguments?.[0];
    try {
      if (p.command === 'cognitoTriggers.invokeLocal') return await invokeLocal(arg);
      if (p.command === 'cognitoTriggers.newSampleEvent') return await newSampleEvent(arg);
      return await fail(`Unknown command ${p.command}; this server runs ${SERVER_COMMANDS.join(', ')}.`);
    } catch (e) {
      return fail(`${p.command} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
}
