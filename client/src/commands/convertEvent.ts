// Command: Convert Event to Another Source… — on the active event JSON: write a new file, or replace the content (undoable).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ConvertEventRequest, plainText, DescribeEventRequest, ListEventSourcesRequest, type EventSourceChoice } from '../../../server/src/core/protocol';
import type { ExtensionState } from '../context';
import { sendRequest } from '../languageClient';
import { freeUri } from './newSampleEvent';

/** Asks for the target source (every source but the event's own). */
async function pickTarget(state: ExtensionState, current: { source?: string; triggerId?: string }): Promise<EventSourceChoice | undefined> {
  const choices = (await sendRequest(state.client(), ListEventSourcesRequest.type, undefined)).filter((c) => !(c.source === current.source && c.triggerId === current.triggerId));
  const pick = await vscode.window.showQuickPick(
    choices.map((c) => ({ label: c.source, description: c.displayName, detail: c.description, choice: c })),
    { title: `Convert ${current.source ?? 'event'} to another source`, matchOnDescription: true, matchOnDetail: true },
  );
  return pick?.choice;
}

/** Optional argument: the target and what to do, decided by the caller (no pickers, no confirmation). */
export interface ConvertEventArg {
  source: string;
  version?: string;
  triggerId?: string;
  /** true = replace the editor's content (undoable); false = write a new file next to it. */
  replace: boolean;
}

const isArg = (a: unknown): a is ConvertEventArg => typeof (a as ConvertEventArg | undefined)?.source === 'string' && typeof (a as ConvertEventArg | undefined)?.replace === 'boolean';

/** `cognitoTriggers.convertEvent`. */
export const convertEvent = (state: ExtensionState) => async (arg?: unknown): Promise<void> => {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !['json', 'jsonc'].includes(editor.document.languageId)) {
    void vscode.window.showWarningMessage('Convert Event works on the active editor: open a Cognito trigger event JSON file first.');
    return;
  }
  await state.ready();
  const uri = editor.document.uri.toString();
  const current = await sendRequest(state.client(), DescribeEventRequest.type, { uri });
  if (!current.isEvent) {
    void vscode.window.showWarningMessage(`${path.basename(editor.document.uri.path)} is not a Cognito trigger event: it has no known "triggerSource" (or "eventType": "SyncTrigger") and is not in an events folder.`);
    return;
  }
  const target = isArg(arg) ? arg : await pickTarget(state, current);
  if (!target) return;
  const r = await sendRequest(state.client(), ConvertEventRequest.type, { uri, source: target.source, ...(target.version ? { version: target.version } : {}), ...(target.triggerId ? { triggerId: target.triggerId } : {}) });
  if (!r.ok) {
    void vscode.window.showErrorMessage(plainText(`${r.error.message}${r.error.hint ? ` ${r.error.hint}` : ''}`));
    return;
  }
  const newFile = 'Write a New File';
  const replace = 'Replace This Editor’s Content';
  const how = isArg(arg)
    ? (arg.replace ? replace : newFile)
    : await vscode.window.showInformationMessage(
        `Convert to ${r.source} (${r.triggerId})? The envelope and the request fields both events share are kept; the response is reset.`,
        { modal: true },
        newFile,
        replace,
      );
  if (how === replace) {
    const doc = editor.document;
    const whole = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
    // An editor edit, not a file write: Undo restores the original event.
    await editor.edit((b) => b.replace(whole, r.json));
  } else if (how === newFile) {
    const dir = vscode.Uri.joinPath(editor.document.uri, '..');
    const target = editor.document.uri.scheme === 'file' ? await freeUri(dir, `${r.source}.json`) : undefined;
    if (!target) {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'json', content: r.json }));
      return;
    }
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(r.json));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target));
  }
};
