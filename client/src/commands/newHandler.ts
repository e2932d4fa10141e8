// Command: New Trigger Handler… — pick trigger, sources, language (and event version); the server writes
// the handler, a sample event per source and a test (node:test, or unittest/pytest for Python), never
// overwriting without asking.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { AddBindingRequest, ListTriggersRequest, ScaffoldDefaultsRequest, ScaffoldHandlerRequest, type ScaffoldLanguage } from '../../../server/src/core/protocol';
import type { ExtensionState } from '../context';
import { sendRequest } from '../languageClient';
import { Steps } from '../steps';

const PRE_TOKEN = /^PreTokenGeneration(V\d)?$/;

/** Optional preset answers, so tests and other commands can skip pickers. */
interface NewHandlerArgs {
  folderUri?: string;
  triggerId?: string;
  sources?: string[];
  language?: ScaffoldLanguage;
  name?: string;
  /** Folder of the handler, relative to the workspace folder (asked, with the workspace's default, when absent). */
  dir?: string;
  /** Non-interactive callers: what to do with existing files instead of asking. */
  onExisting?: 'keep' | 'overwrite';
}

async function pickFolder(preset?: string): Promise<vscode.Uri | undefined> {
  if (preset) return vscode.Uri.parse(preset);
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0]?.uri;
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Where should the handler go?' }))?.uri;
}

async function pickTrigger(triggers: ListTriggersRequest.TriggerSummary[], steps: Steps): Promise<ListTriggersRequest.TriggerSummary | undefined> {
  // Pre token generation is one choice here; its event version is asked next.
  const shown = triggers.filter((t) => !PRE_TOKEN.test(t.id) || t.id === 'PreTokenGeneration');
  const versions = triggers.filter((t) => PRE_TOKEN.test(t.id));
  const versionCodes = versions.map((t) => (t.binding.kind === 'userPool' ? t.binding.lambdaVersion : undefined)).filter(Boolean);
  const pick = await vscode.window.showQuickPick(
    // The description names the codes, so typing V3_0 (or PreSignUp) finds the row.
    shown.map((t) => ({ label: PRE_TOKEN.test(t.id) ? 'Pre token generation' : t.displayName, description: PRE_TOKEN.test(t.id) ? `PreTokenGeneration · event version ${versionCodes.join(', ')}` : t.id, detail: t.description, t })),
    { title: steps.next('trigger'), matchOnDescription: true, matchOnDetail: true },
  );
  if (!pick) return undefined;
  if (!PRE_TOKEN.test(pick.t.id)) return pick.t;
  steps.add();
  const v = await vscode.window.showQuickPick(
    versions.map((t) => ({ label: t.displayName, description: t.binding.kind === 'userPool' ? t.binding.lambdaVersion : '', detail: t.description, t })),
    { title: steps.next('pre token generation event version'), placeHolder: 'Version 2 customises access tokens; version 3 also machine-to-machine tokens', matchOnDescription: true },
  );
  return v?.t;
}

async function pickLanguage(folder: vscode.Uri, trigger: ListTriggersRequest.TriggerSummary, steps: Steps): Promise<ScaffoldLanguage | undefined> {
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
  return (await vscode.window.showQuickPick(items, { title: steps.next('language'), matchOnDescription: true }))?.language;
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
  const askFile = preset.dir === undefined && preset.name === undefined;
  const steps = new Steps('New Trigger Handler', [!preset.triggerId, !preset.sources, !preset.language, askFile].filter(Boolean).length);
  const trigger = preset.triggerId ? triggers.find((t) => t.id === preset.triggerId) : await pickTrigger(triggers, steps);
  if (!trigger) return [];
  let sources = preset.sources;
  if (!sources) {
    const picked = await vscode.window.showQuickPick(
      trigger.sources.map((s) => ({ label: s.value, detail: s.description, picked: true })),
      { title: steps.next('sources to handle (a sample event is written for each)'), canPickMany: true, matchOnDetail: true },
    );
    if (!picked?.length) return [];
    sources = picked.map((p) => p.label);
  }
  const language = preset.language ?? (await pickLanguage(folder, trigger, steps));
  if (!language) return [];
  const defaults = await sendRequest(client, ScaffoldDefaultsRequest.type, { folderUri: folder.toString() });
  // Asked: the workspace's default folder first. Preset (other commands, tests): as given, else the server's src/.
  const dir = preset.dir ?? (askFile ? defaults.dir : undefined);
  let base: ScaffoldHandlerRequest.Params = { folderUri: folder.toString(), triggerId: trigger.id, sources, language, ...(dir !== undefined ? { dir } : {}), ...(preset.name ? { name: preset.name } : {}) };
  if (askFile) {
    const chosen = await askHandlerFile(client, base, defaults, steps);
    if (!chosen) return [];
    base = chosen;
  }
  const plan = await sendRequest(client, ScaffoldHandlerRequest.type, { ...base, dryRun: true });
  if (!plan.ok) {
    void vscode.window.showErrorMessage(plan.error.message);
    return [];
  }
  const existing = plan.files.filter((x) => x.exists);
  let onExisting = preset.onExisting;
  if (existing.length && !onExisting) {
    // One question for all of them; Keep All comes first, so Enter never overwrites.
    const keep = 'Keep All';
    const answer = await vscode.window.showWarningMessage(
      existing.length === 1 ? `${existing[0]?.label} already exists.` : `${existing.length} of the files already exist.`,
      { modal: true, detail: `${existing.map((f) => f.label).join('\n')}\n\nKeep All writes only the new files; Overwrite replaces ${existing.length === 1 ? 'it' : 'them'}.` },
      keep,
      'Overwrite',
    );
    if (answer === undefined) return [];
    onExisting = answer === keep ? 'keep' : 'overwrite';
  }
  const overwrite = onExisting === 'overwrite' ? existing.map((f) => f.uri) : [];
  const done = await sendRequest(client, ScaffoldHandlerRequest.type, { ...base, overwrite });
  if (!done.ok) {
    void vscode.window.showErrorMessage(done.error.message);
    return [];
  }
  const written = done.files.filter((f) => f.written);
  const handler = done.files.find((f) => f.role === 'handler');
  if (handler) await vscode.window.showTextDocument(vscode.Uri.parse(handler.uri));
  const created = `Created ${written.map((f) => f.label).join(', ') || 'nothing (all kept)'}.`;
  // Not awaited: the command resolves with the files while the offer stays on screen.
  if (handler) void offerBinding(client, folder, handler.label, language, trigger.id, defaults.bindingsFile, created);
  else void vscode.window.showInformationMessage(created);
  return written.map((f) => f.uri);
};

/**
 * Asks for the handler file, starting from where the workspace's handlers live (the server's
 * default); the server checks each answer (folder inside the workspace, usable name, extension).
 */
async function askHandlerFile(client: LanguageClient, base: ScaffoldHandlerRequest.Params, defaults: ScaffoldDefaultsRequest.Result, steps: Steps): Promise<ScaffoldHandlerRequest.Params | undefined> {
  const probe = await sendRequest(client, ScaffoldHandlerRequest.type, { ...base, dryRun: true });
  const suggested = probe.ok ? probe.files.find((f) => f.role === 'handler')?.label : undefined;
  if (!suggested) return base;
  const ext = suggested.slice(suggested.lastIndexOf('.'));
  const toParams = (value: string): ScaffoldHandlerRequest.Params | string => {
    const v = value.trim().replace(/\\/g, '/');
    if (!v.endsWith(ext)) return `The file must end in ${ext} for this language (e.g. ${suggested}).`;
    const slash = v.lastIndexOf('/');
    return { ...base, dir: slash < 0 ? '' : v.slice(0, slash), name: v.slice(slash + 1, -ext.length) };
  };
  const check = async (value: string): Promise<string | undefined> => {
    const p = toParams(value);
    if (typeof p === 'string') return p;
    const r = await sendRequest(client, ScaffoldHandlerRequest.type, { ...p, dryRun: true });
    return r.ok ? undefined : r.error.message;
  };
  const nameStart = suggested.lastIndexOf('/') + 1;
  const answer = await vscode.window.showInputBox({
    title: steps.next('handler file'),
    value: suggested,
    valueSelection: [nameStart, suggested.length - ext.length],
    prompt: `Relative to the workspace folder; the default is ${defaults.dir || 'the folder itself'}: ${defaults.why}. The events go to events/, the test to ${isPython(base.language) ? 'tests/' : 'test/'}.`,
    validateInput: check,
    ignoreFocusOut: true,
  });
  if (answer === undefined) return undefined;
  const p = toParams(answer);
  return typeof p === 'string' ? undefined : p;
}

const isPython = (l: ScaffoldLanguage): boolean => l === 'py' || l === 'py-powertools';

/** After the files are written: offers to map the handler to its deployed function in the bindings file. */
async function offerBinding(client: LanguageClient, folder: vscode.Uri, file: string, lang: ScaffoldLanguage, triggerId: string, bindingsFile: string, created: string): Promise<void> {
  const add = `Add to ${bindingsFile}…`;
  if ((await vscode.window.showInformationMessage(created, add)) !== add) return;
  const functionName = await vscode.window.showInputBox({
    title: `${bindingsFile}: the deployed function ${file} becomes`,
    prompt: 'The Lambda function name or ARN. The Pools view then shows this handler beside the function, and the analysis knows its trigger.',
    validateInput: (v) => (v.trim() ? undefined : 'Enter the function name or ARN.'),
    ignoreFocusOut: true,
  });
  if (!functionName) return;
  const handler = isPython(lang) ? 'lambda_handler' : 'handler';
  const r = await sendRequest(client, AddBindingRequest.type, { folderUri: folder.toString(), file, handler, functionName: functionName.trim(), trigger: triggerId });
  if (!r.ok) return void vscode.window.showErrorMessage(r.error.message);
  void vscode.window.showInformationMessage(r.already ? `${bindingsFile} already maps ${file}; nothing changed.` : `Added ${file} → ${functionName.trim()} to ${bindingsFile}.`);
}
