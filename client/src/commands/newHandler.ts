// Command: New Trigger Handler… — pick trigger, sources, language (and event version); the server writes
// the handler, a sample event per source and a test (node:test, or unittest/pytest for Python), never
// overwriting without asking.
import * as vscode from 'vscode';
import { ListTriggersRequest, ScaffoldHandlerRequest, type ScaffoldLanguage } from '../../../server/src/core/protocol';
import type { ExtensionState } from '../context';
import { sendRequest } from '../languageClient';

const PRE_TOKEN = /^PreTokenGeneration(V\d)?$/;

/** Optional preset answers, so tests and other commands can skip pickers. */
interface NewHandlerArgs {
  folderUri?: string;
  triggerId?: string;
  sources?: string[];
  language?: ScaffoldLanguage;
  name?: string;
  /** Non-interactive callers: what to do with existing files instead of asking. */
  onExisting?: 'keep' | 'overwrite';
}

async function pickFolder(preset?: string): Promise<vscode.Uri | undefined> {
  if (preset) return vscode.Uri.parse(preset);
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0]?.uri;
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Where should the handler go?' }))?.uri;
}

async function pickTrigger(triggers: ListTriggersRequest.TriggerSummary[]): Promise<ListTriggersRequest.TriggerSummary | undefined> {
  // Pre token generation is one choice here; its event version is asked next.
  const shown = triggers.filter((t) => !PRE_TOKEN.test(t.id) || t.id === 'PreTokenGeneration');
  const pick = await vscode.window.showQuickPick(
    shown.map((t) => ({ label: PRE_TOKEN.test(t.id) ? 'Pre token generation' : t.displayName, description: PRE_TOKEN.test(t.id) ? 'event version 1, 2 or 3' : t.id, detail: t.description, t })),
    { title: 'New trigger handler (1/3): trigger', matchOnDetail: true },
  );
  if (!pick) return undefined;
  if (!PRE_TOKEN.test(pick.t.id)) return pick.t;
  const versions = triggers.filter((t) => PRE_TOKEN.test(t.id));
  const v = await vscode.window.showQuickPick(
    versions.map((t) => ({ label: t.displayName, description: t.binding.kind === 'userPool' ? t.binding.lambdaVersion : '', detail: t.description, t })),
    { title: 'Pre token generation: event version', placeHolder: 'Version 2 customises access tokens; version 3 also machine-to-machine tokens' },
  );
  return v?.t;
}

async function pickLanguage(folder: vscode.Uri, trigger: ListTriggersRequest.TriggerSummary): Promise<ScaffoldLanguage | undefined> {
  const has = async (glob: string): Promise<boolean> => (await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), '**/node_modules/**', 1)).length > 0;
  const [hasTsconfig, isPython] = [await has('tsconfig.json'), (await has('{pyproject.toml,requirements.txt,setup.py}')) && !(await has('package.json'))];
  type Item = { label: string; description: string; language: ScaffoldLanguage };
  const js: Item[] = [
    { label: 'TypeScript', description: 'typed with @types/aws-lambda; compiled with esbuild for local invokes', language: 'ts' },
    { label: 'JavaScript (CommonJS)', description: 'exports.handler, with JSDoc types', language: 'cjs' },
    { label: 'JavaScript (ES module)', description: 'export const handler (.mjs), with JSDoc types', language: 'esm' },
  ];
  if (!hasTsconfig) js.push(js.shift() as Item);
  const py: Item[] = [
    { label: 'Python', description: 'def lambda_handler, type-hinted; a unittest/pytest test', language: 'py' },
    // Powertools for Python has data classes for most user pool triggers, not all.
    ...(trigger.powertools ? [{ label: 'Python with Powertools', description: 'a Powertools for AWS Lambda data class (@event_source)', language: 'py-powertools' as const }] : []),
  ];
  const items = isPython ? [...py, ...js] : [...js, ...py];
  return (await vscode.window.showQuickPick(items, { title: 'New trigger handler (3/3): language' }))?.language;
}

/** `cognitoTriggers.newHandler`. Resolves with the written files' URIs (empty when cancelled). */
export const newHandler = (state: ExtensionState) => async (arg?: unknown): Promise<string[]> => {
  const preset = (typeof arg === 'object' && arg !== null ? arg : {}) as NewHandlerArgs;
  const folder = await pickFolder(preset.folderUri);
  if (!folder) {
    void vscode.window.showInformationMessage('Open a folder first: the handler, its events and its test are written into the workspace.');
    return [];
  }
  await state.ready();
  const client = state.client();
  const triggers = await sendRequest(client, ListTriggersRequest.type, undefined);
  const trigger = preset.triggerId ? triggers.find((t) => t.id === preset.triggerId) : await pickTrigger(triggers);
  if (!trigger) return [];
  let sources = preset.sources;
  if (!sources) {
    const picked = await vscode.window.showQuickPick(
      trigger.sources.map((s) => ({ label: s.value, detail: s.description, picked: true })),
      { title: 'New trigger handler (2/3): sources to handle (a sample event is written for each)', canPickMany: true },
    );
    if (!picked?.length) return [];
    sources = picked.map((p) => p.label);
  }
  const language = preset.language ?? (await pickLanguage(folder, trigger));
  if (!language) return [];
  const base = { folderUri: folder.toString(), triggerId: trigger.id, sources, language, ...(preset.name ? { name: preset.name } : {}) };
  const plan = await sendRequest(client, ScaffoldHandlerRequest.type, { ...base, dryRun: true });
  if (!plan.ok) {
    void vscode.window.showErrorMessage(plan.error.message);
    return [];
  }
  const overwrite: string[] = [];
  for (const f of plan.files.filter((x) => x.exists)) {
    if (preset.onExisting) {
      if (preset.onExisting === 'overwrite') overwrite.push(f.uri);
      continue;
    }
    const answer = await vscode.window.showWarningMessage(`${f.label} already exists. Overwrite it?`, { modal: true }, 'Overwrite', 'Keep mine');
    if (answer === undefined) return [];
    if (answer === 'Overwrite') overwrite.push(f.uri);
  }
  const done = await sendRequest(client, ScaffoldHandlerRequest.type, { ...base, overwrite });
  if (!done.ok) {
    void vscode.window.showErrorMessage(done.error.message);
    return [];
  }
  const written = done.files.filter((f) => f.written);
  const handler = done.files.find((f) => f.role === 'handler');
  if (handler) await vscode.window.showTextDocument(vscode.Uri.parse(handler.uri));
  void vscode.window.showInformationMessage(`Created ${written.map((f) => f.label).join(', ') || 'nothing (all kept)'}.`);
  return written.map((f) => f.uri);
};
