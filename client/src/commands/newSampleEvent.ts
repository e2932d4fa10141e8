// Command: New Sample Event… — pick trigger, source and version; write events/<TriggerId>/<source>.json (never overwriting) and open it.
import * as vscode from 'vscode';
import { ListEventSourcesRequest, SampleEventRequest, type EventSourceChoice } from '../../../server/src/core/protocol';
import type { ExtensionState } from '../context';
import { sendRequest } from '../languageClient';
import { Steps } from '../steps';

/** Pre token generation V1/V2/V3 are one trigger to the user; the event version is picked after the source. */
const family = (c: EventSourceChoice): string => c.triggerId.replace(/V\d+$/, '');

/** A URI that does not exist yet: `base`, then `name-2.json`, `name-3.json` … */
export async function freeUri(folder: vscode.Uri, relativePath: string): Promise<vscode.Uri> {
  const dot = relativePath.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [relativePath.slice(0, dot), relativePath.slice(dot)] : [relativePath, ''];
  for (let n = 1; n < 1000; n++) {
    const candidate = vscode.Uri.joinPath(folder, ...`${stem}${n > 1 ? `-${n}` : ''}${ext}`.split('/'));
    try {
      await vscode.workspace.fs.stat(candidate);
    } catch {
      return candidate; // stat failed: the name is free
    }
  }
  throw new Error(`Could not find a free file name for ${relativePath} (1,000 taken).`);
}

/** Picks the workspace folder to write into (asks when there are several); undefined = cancelled or none. */
async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Workspace folder for the new event file' });
}

/** Runs the three pickers; undefined when cancelled. */
async function pickChoice(choices: readonly EventSourceChoice[]): Promise<EventSourceChoice | undefined> {
  const families = [...new Map(choices.map((c) => [family(c), c])).values()];
  const steps = new Steps('New Sample Event', 3);
  const trigger = await vscode.window.showQuickPick(
    families.map((c) => ({ label: family(c), description: c.displayName.replace(/ \(event version \d+\)$/, ''), choice: c })),
    { title: steps.next('trigger'), matchOnDescription: true },
  );
  if (!trigger) return undefined;
  const inFamily = choices.filter((c) => family(c) === trigger.label);
  const sources = [...new Map(inFamily.map((c) => [c.source, c])).values()];
  // The steps this trigger needs: a triggerSource when it has several, a version when it has several.
  steps.skip(Number(sources.length === 1) + Number(inFamily.length === sources.length));
  const source = sources.length === 1 ? sources[0] : (await vscode.window.showQuickPick(sources.map((c) => ({ label: c.source, detail: c.description, choice: c })), { title: steps.next('triggerSource'), matchOnDetail: true }))?.choice;
  if (!source) return undefined;
  const versions = inFamily.filter((c) => c.source === source.source);
  if (versions.length === 1) return versions[0];
  const picked = await vscode.window.showQuickPick(
    versions.map((c) => ({ label: `Event version ${c.version}`, description: c.displayName, choice: c })).reverse(),
    { title: steps.next('event version (the user pool’s PreTokenGenerationConfig LambdaVersion)') },
  );
  return picked?.choice;
}

/** Optional argument: skips the pickers (other commands and tests pass the event they want). */
export interface NewSampleEventArg {
  source: string;
  version?: string;
  triggerId?: string;
}

const isArg = (a: unknown): a is NewSampleEventArg => typeof (a as NewSampleEventArg | undefined)?.source === 'string';

/** `cognitoTriggers.newSampleEvent`; resolves to the URI of the file written (or undefined). */
export const newSampleEvent = (state: ExtensionState) => async (arg?: unknown): Promise<vscode.Uri | undefined> => {
  await state.ready();
  const choice = isArg(arg) ? arg : await pickChoice(await sendRequest(state.client(), ListEventSourcesRequest.type, undefined));
  if (!choice) return undefined;
  const r = await sendRequest(state.client(), SampleEventRequest.type, { source: choice.source, ...(choice.version ? { version: choice.version } : {}), ...(choice.triggerId ? { triggerId: choice.triggerId } : {}) });
  if (!r.ok) {
    void vscode.window.showErrorMessage(`${r.error.message}${r.error.hint ? ` ${r.error.hint}` : ''}`);
    return undefined;
  }
  const folder = await pickFolder();
  if (!folder) {
    // No folder to write into: show the event in an untitled editor rather than guess a location.
    const doc = await vscode.workspace.openTextDocument({ language: 'json', content: r.json });
    await vscode.window.showTextDocument(doc);
    return doc.uri;
  }
  // A free name is picked: an existing event file is never overwritten.
  const target = await freeUri(folder.uri, r.suggestedPath);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(r.json));
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target));
  return target;
};
