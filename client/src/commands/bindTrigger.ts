// Command: bind a function to a user pool slot or an identity pool's Sync trigger, after review.
import * as vscode from 'vscode';
import { AwsApplyBindRequest, AwsBindingsRequest, AwsListSlotsRequest, AwsPlanBindRequest, type BindTarget } from '../../../server/src/core/protocol';
import type { ExtensionState } from '../context';
import { log } from '../log';
import { pickFunction, pickPool, pickPoolKind, pickSlot, pickVersion } from '../aws/pick';
import { Steps } from '../steps';
import { reportPartialChange } from '../aws/partialChange';
import { awsCall, bindingsChanged, showAwsError } from '../aws/request';

/** Optional arguments (from the bindings view, tests, or other extensions); missing ones are asked. */
export interface BindArgs {
  poolKind?: 'userPool' | 'identityPool';
  poolId?: string;
  /** The pool's name, for the messages (the bindings view's nodes carry it). */
  poolName?: string;
  slot?: string;
  functionName?: string;
  lambdaVersion?: string;
  kmsKeyId?: string;
  /** Apply without the confirmation dialog (the plan is still logged). */
  yes?: boolean;
}

/** `cognitoTriggers.bindTrigger`. Returns the applied lines, or undefined when dismissed. */
export const bindTrigger = (state: ExtensionState) => async (arg?: unknown): Promise<AwsApplyBindRequest.Result | undefined> => {
  const raw = (arg ?? {}) as BindArgs & { type?: string };
  // A bindings-view slot node carries its current function (for remote invoke): a rebind picks anew.
  const a: BindArgs = raw.type === 'slot' ? { ...(raw.poolKind ? { poolKind: raw.poolKind } : {}), ...(raw.poolId ? { poolId: raw.poolId } : {}), ...(raw.poolName ? { poolName: raw.poolName } : {}), ...(raw.poolKind === 'userPool' && raw.slot ? { slot: raw.slot } : {}) } : raw;
  // The steps asked for sure; a version or a KMS key step joins once the slot is known.
  const steps = new Steps('Bind Trigger', [!a.poolKind, !a.poolId, !a.slot && a.poolKind !== 'identityPool', !a.functionName].filter(Boolean).length);
  const poolKind = a.poolKind ?? (await pickPoolKind(steps));
  if (!poolKind) return undefined;
  if (!a.poolKind && poolKind === 'identityPool') steps.skip();
  const pool = a.poolId ? { id: a.poolId, name: a.poolName ?? a.poolId } : await pickPool(state, poolKind, steps);
  if (!pool) return undefined;
  const poolId = pool.id;
  // Messages start with the pool's name; the id is in the review's details and the log.
  const named = pool.name && pool.name !== pool.id ? { poolName: pool.name } : {};
  let target: BindTarget;
  if (poolKind === 'userPool') {
    const slot = a.slot ? await knownSlot(state, a.slot) : await pickSlot(state, steps, pool, { prefer: await activeHandlerTriggers() });
    if (!slot) return undefined;
    const askVersion = !a.lambdaVersion && !a.yes && slot.lambdaVersions.length > 1;
    const askKey = slot.requiresKmsKey && !a.kmsKeyId && !a.yes;
    steps.add(Number(askVersion) + Number(askKey));
    // With `yes` (programmatic use) an absent version keeps the slot's current one (or V1_0).
    const lambdaVersion = a.lambdaVersion ?? (askVersion ? await pickVersion(slot.lambdaVersions, steps) : undefined);
    if (askVersion && !lambdaVersion) return undefined;
    let kmsKeyId = a.kmsKeyId;
    if (askKey) {
      // Checked before the function is asked: a custom sender needs the pool to have a key, or one given now.
      const current = await poolKmsKey(state, pool);
      if (current === undefined) return undefined;
      const hasKey = current !== '';
      kmsKeyId = await vscode.window.showInputBox({
        title: steps.next(`KMS key ARN for ${slot.key} of ${pool.name}`),
        prompt: hasKey
          ? `Cognito encrypts the codes it sends to ${slot.key} with this key. Leave empty to keep the pool’s key ${current}.`
          : `${pool.name} has no KMS key (LambdaConfig.KMSKeyID), and Cognito encrypts the codes it sends to ${slot.key} with one: give the ARN of a symmetric key the function can decrypt with.`,
        placeHolder: 'arn:aws:kms:REGION:ACCOUNT:key/KEY-ID',
        validateInput: (v) => (v.trim() || hasKey ? undefined : `${pool.name} has no KMS key: ${slot.key} cannot be bound without one.`),
        ignoreFocusOut: true,
      });
      if (kmsKeyId === undefined) return undefined;
      kmsKeyId = kmsKeyId.trim() || undefined;
    }
    const functionName = a.functionName ?? (await pickFunction(state, steps, `function for ${slot.key} of ${pool.name}`));
    if (!functionName) return undefined;
    target = { kind: 'userPool', poolId, ...named, slot: slot.key, functionName, ...(lambdaVersion ? { lambdaVersion } : {}), ...(kmsKeyId ? { kmsKeyId } : {}) };
  } else {
    const functionName = a.functionName ?? (await pickFunction(state, steps, `function for the Sync trigger of ${pool.name}`));
    if (!functionName) return undefined;
    target = { kind: 'identityPool', poolId, ...named, functionName };
  }
  return reviewAndApply(state, target, a.yes ?? false, false);
};

/** The pool's LambdaConfig.KMSKeyID ('' when it has none); undefined after an error (shown). */
async function poolKmsKey(state: ExtensionState, pool: { id: string; name: string }): Promise<string | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
  const r = await awsCall(state, AwsBindingsRequest.type, { folders, userPoolIds: [pool.id], identityPoolIds: [] }, `Reading the KMS key of ${pool.name}`);
  const read = r?.userPools[0];
  if (!read) return undefined;
  if (read.error) return void showAwsError(read.error);
  return read.kmsKeyId ?? '';
}

/**
 * The triggers of the active editor's handler (from its ▶ Invoke locally lens, which carries what the
 * server inferred), so Bind can offer that trigger's slot first. Undefined without a known handler.
 */
async function activeHandlerTriggers(): Promise<{ triggerIds: string[]; why: string } | undefined> {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || doc.uri.scheme !== 'file') return undefined;
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[] | undefined>('vscode.executeCodeLensProvider', doc.uri).then(
    (l) => l ?? [],
    () => [],
  );
  const triggerIds = lenses.flatMap((l) => (l.command?.command === 'cognitoTriggers.invokeLocal' ? ((l.command.arguments?.[0] as { triggerIds?: string[] } | undefined)?.triggerIds ?? []) : []));
  return triggerIds.length ? { triggerIds, why: `the trigger of ${doc.uri.path.split('/').pop() ?? 'the active handler'}` } : undefined;
}

/** The slot named by an argument, with its versions and KMS need (from the model, via the server). */
async function knownSlot(state: ExtensionState, key: string): Promise<{ key: string; lambdaVersions: string[]; requiresKmsKey: boolean } | undefined> {
  const slots = await awsCall(state, AwsListSlotsRequest.type, undefined, 'Listing trigger slots');
  // An unknown key goes through unchanged: the server refuses it with the list of valid slots.
  return slots ? (slots.find((s) => s.key === key) ?? { key, lambdaVersions: [], requiresKmsKey: false }) : undefined;
}

/** Plans, shows the change (the dry run), and applies on confirmation. Shared with unbind. */
export async function reviewAndApply(state: ExtensionState, target: BindTarget, yes: boolean, removePermission: boolean | 'ask'): Promise<AwsApplyBindRequest.Result | undefined> {
  const pool = target.poolName ?? target.poolId;
  const plan = await awsCall(state, AwsPlanBindRequest.type, target, `${pool}: reading the pool and planning the change`);
  if (!plan) return undefined;
  for (const l of plan.lines) log().info(l);
  for (const m of plan.managed ?? []) log().warn(m);
  // Managed by infrastructure code: said first, so it is read before Apply.
  const detail = [...(plan.managed ?? []).map((m) => `⚠ ${m}`), ...(plan.managed?.length ? [''] : []), ...plan.lines, ...(plan.notice ? ['', plan.notice] : [])].join('\n');
  let remove = removePermission === true;
  // Another slot of the pool still calls the function: the server keeps the statement (the plan's
  // lines say why), so offering to remove it would be a question without a real choice.
  const stillUsed = removePermission === 'ask' && !!plan.permissionStillUsedBy?.length;
  if (stillUsed) log().info(`Permission kept: ${plan.permissionStillUsedBy?.join(', ')} still use ${plan.functionArn ?? 'the function'}.`);
  if (!yes) {
    // Unbind asks about the permission in the review itself: one dialog, and Cancel (or Escape) changes nothing.
    const askPermission = removePermission === 'ask' && !stillUsed && !!plan.functionArn && plan.changes;
    const keep = 'Unbind, Keep Permission';
    const drop = 'Unbind, Remove Permission';
    const apply = plan.changes ? 'Apply' : 'Check permission only';
    const buttons = askPermission ? [keep, drop] : [apply];
    // Pool name first (the server words it): "shop-users: review the change to PreSignUp (nothing else changes):".
    const message = plan.title ?? 'Review the change (nothing else changes):';
    const permissionNote = askPermission ? `\n\nThe permission this extension added lets the pool invoke ${plan.functionArn}. Keep it if you will bind the function again.` : '';
    const pick = await vscode.window.showInformationMessage(message, { modal: true, detail: detail + permissionNote }, ...buttons);
    if (!pick || !buttons.includes(pick)) {
      log().info('Not applied (dry run).');
      return undefined;
    }
    if (askPermission) remove = pick === drop;
  }
  const result = await awsCall(state, AwsApplyBindRequest.type, { planId: plan.planId, removePermission: remove }, `${pool}: applying the change`);
  if (!result) return undefined;
  for (const l of result.lines) log().info(l);
  if (result.partial) return reportPartialChange(state, result.partial);
  bindingsChanged.fire();
  // One short sentence; the log has every step (the update, its read-back, the permission).
  const summary = result.summary ?? result.lines.join(' ');
  if (result.unexpected.length) void vscode.window.showWarningMessage(`${summary} ${result.unexpected.join('; ')}`);
  else void vscode.window.showInformationMessage(summary);
  return result;
}
