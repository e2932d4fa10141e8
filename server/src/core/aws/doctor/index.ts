// The doctor for deployed pools: for every bound slot, the function exists, Cognito may invoke it for this
// pool, the pre token version matches the handler, the custom sender key is usable, the runtime is current
// and runs the handler's style, and the repository's IaC agrees. Fixes go through bindService's plan path.
import { DescribeIdentityPoolCommand } from '@aws-sdk/client-cognito-identity';
import { DescribeKeyCommand, NotFoundException } from '@aws-sdk/client-kms';
import { GetFunctionConfigurationCommand, ResourceNotFoundException } from '@aws-sdk/client-lambda';
import { nodeGeneration } from '../../features/handlerCode/runtime';
import type { AwsFixStep, BindTarget, DoctorFinding, DoctorFix, DoctorReport, DoctorSeverity } from '../../protocol/aws';
import { cliCommand } from '../bindService';
import type { AwsClients } from '../clients';
import { explainAwsError } from '../errors';
import { getCognitoEvents, SYNC_EVENT, syncNeed } from '../identityPoolBinding';
import { parseArn, validateIdentityPoolId } from '../ids';
import { getPolicy } from '../lambdaPermission';
import { grantsFor, statementIdFor, USER_POOL_PRINCIPAL, type PermissionNeed } from '../permission';
import { findSlot, readSlots, type SlotBinding } from '../slots';
import { describeUserPool } from '../userPoolBinding';
import { awsCliCommand } from './awsFix';
import { DOCTOR_RULES, ruleSource, type DoctorRuleId } from './rules';
import { runtimeStatus, successorRuntime } from './runtimes';
import type { DeployedPool } from '../../wiring/deployed';
import { analyzeHandler, callbackFacts, functionNameOf, handlerPreTokenVersion, locateHandler, nameMatches, wiredForPool, type DoctorWorkspace } from './workspace';

export type { DoctorFolder, DoctorWorkspace } from './workspace';
export { DOCTOR_RULES } from './rules';

/** Options of a doctor run. */
export interface DoctorOptions {
  /** "Today" for runtime deprecation dates (tests pin it). */
  now?: Date;
  signal?: AbortSignal;
}

/** Findings of one pool, each message prefixed with the pool's name. */
class Findings {
  readonly list: DoctorFinding[] = [];
  readonly notes: string[] = [];
  constructor(private readonly poolName: string) {}

  /** `fix`: the one step that fixes it, or (a string) why there is none. */
  add(rule: DoctorRuleId, text: string, where: { slot?: string; functionArn?: string } = {}, fix?: DoctorFix | string, severity?: DoctorSeverity): void {
    const how = typeof fix === 'string' ? { noFix: fix } : fix ? { fix } : {};
    this.list.push({ rule, severity: severity ?? DOCTOR_RULES[rule].severity, ...where, message: `${this.poolName}: ${text}`, source: ruleSource(rule), ...how });
  }
}

/** A bind (or unbind) as a fix: its button title, the bind, and the CLI command (which shows the plan and asks). */
function fixOf(title: string, bind: BindTarget): DoctorFix {
  return { title, kind: 'bind', bind, command: cliCommand(bind, {}, 'ask') };
}

/** A bind that needs a KMS key only the user knows: the editor asks for it, the command has a placeholder. */
function kmsFixOf(title: string, bind: BindTarget & { kind: 'userPool' }): DoctorFix {
  return { title, kind: 'bind', bind, ask: 'kmsKey', command: `${cliCommand(bind, {}, 'ask')} --kms-key '<KMS key ARN>'` };
}

/** AWS calls as a fix: planned and applied through the SDK in the editor, printed as AWS CLI commands by the CLI. */
function awsFixOf(title: string, steps: AwsFixStep[]): DoctorFix {
  return { title, kind: 'aws', command: awsCliCommand(steps), steps };
}

/** The fix that moves a function to `runtime` (its code is not changed: test it on that runtime first). */
function runtimeFix(functionArn: string, runtime: string): DoctorFix {
  return awsFixOf(`Move the function to ${runtime}`, [{ op: 'updateRuntime', functionArn, runtime }]);
}

/** What GetFunctionConfiguration says about a bound function. */
type FunctionState = { kind: 'found'; runtime?: string } | { kind: 'missing'; message: string } | { kind: 'unreadable'; message: string };

async function inspectFunction(clients: AwsClients, functionArn: string, signal?: AbortSignal): Promise<FunctionState> {
  try {
    const c = await clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionArn }), { abortSignal: signal });
    return { kind: 'found', ...(c.Runtime ? { runtime: c.Runtime } : {}) };
  } catch (e) {
    if (signal?.aborted) throw e;
    if (e instanceof ResourceNotFoundException) return { kind: 'missing', message: e.message };
    const x = explainAwsError(e, `GetFunctionConfiguration ${functionArn}`);
    return { kind: 'unreadable', message: `${x.message} ${x.hint}` };
  }
}

/** Why an unchecked finding has no fix. */
const UNCHECKED = 'nothing is known to be broken: give the access named above and check again';

/** Slots as a phrase: "PreSignUp", "PreSignUp and PostConfirmation". */
const slotsPhrase = (slots: string[]): string => (slots.length > 1 ? `${slots.slice(0, -1).join(', ')} and ${slots[slots.length - 1]}` : (slots[0] ?? ''));

/**
 * Does the function's resource policy let the pool invoke it? One finding per function (the statement
 * is per pool, not per slot). `fix` is the bind that adds the statement (bindService's AddPermission).
 */
async function checkPermission(clients: AwsClients, f: Findings, functionArn: string, slots: string[], need: PermissionNeed, fix: DoctorFix, signal?: AbortSignal): Promise<void> {
  let policy: string | undefined;
  try {
    policy = await getPolicy(clients, functionArn, signal);
  } catch (e) {
    if (signal?.aborted) throw e;
    const x = explainAwsError(e, `GetPolicy ${functionArn}`);
    f.add('doctor/unchecked', `the permission of ${functionArn} was not checked: ${x.message} ${x.hint}`, { slot: slots[0] as string, functionArn }, UNCHECKED);
    return;
  }
  const grants = grantsFor(policy, need);
  const where = { slot: slots[0] as string, functionArn };
  const calls = `${slotsPhrase(slots)} ${slots.length > 1 ? 'call' : 'calls'} ${functionArn}`;
  const refused = `Cognito's invocation is refused and every operation that runs ${slots.length > 1 ? 'these triggers' : 'the trigger'} fails ("${slots[0]} invocation failed due to error AccessDeniedException")`;
  const broad = grants.find((g) => g.kind === 'broad');
  const scopeOf = (g: { sourceAccounts: string[] }) => (g.sourceAccounts.length ? `any pool of account ${g.sourceAccounts.join(', ')}` : 'any pool in any AWS account');
  const scoped = grants.find((g) => g.kind === 'thisPool');
  if (scoped) {
    // Scoped to this pool already, but a broad statement beside it still lets any pool invoke the
    // function (half of a replaced statement, say): removing that one is the fix.
    if (!broad) return;
    const fix = broad.sid ? awsFixOf(`Remove statement ${broad.sid}`, [{ op: 'removePermission', functionArn, statementId: broad.sid }]) : 'the broad statement has no Sid, so RemovePermission cannot name it: edit the policy';
    f.add('doctor/permission-broad', `${calls}; statement ${scoped.sid ?? '(no Sid)'} scopes its policy to this pool, but statement ${broad.sid ?? '(no Sid)'} also lets ${need.principal} invoke it without a SourceArn, so ${scopeOf(broad)} can invoke it. Remove that statement.`, where, fix);
    return;
  }
  if (broad) {
    const scope = scopeOf(broad);
    // The scoped statement first, then the broad one removed: Cognito may invoke the function throughout.
    const add: AwsFixStep = { op: 'addPermission', functionArn, statementId: statementIdFor(need.sourceArn), principal: need.principal, sourceArn: need.sourceArn, sourceAccount: need.sourceAccount };
    const remove: AwsFixStep[] = broad.sid ? [{ op: 'removePermission', functionArn, statementId: broad.sid }] : [];
    f.add('doctor/permission-broad', `${calls}; its policy statement ${broad.sid ?? '(no Sid)'} lets ${need.principal} invoke it without a SourceArn, so ${scope} can invoke it. Replace it with a statement scoped to this pool (SourceArn ${need.sourceArn}, SourceAccount ${need.sourceAccount}).`, where, awsFixOf(broad.sid ? `Replace statement ${broad.sid} with one scoped to this pool` : 'Add a statement scoped to this pool', [add, ...remove]));
    return;
  }
  const others = grants.filter((g) => g.kind === 'otherPool');
  const accounts = grants.filter((g) => g.kind === 'otherAccount');
  if (others.length) {
    f.add('doctor/permission-other-pool', `${calls}, whose policy lets ${need.principal} invoke it only for ${[...new Set(others.flatMap((g) => g.sourceArns))].join(', ')}, not for this pool (${need.sourceArn}): ${refused}.`, where, fix);
  } else if (accounts.length) {
    f.add('doctor/permission-other-account', `${calls}, whose policy lets ${need.principal} invoke it only from account ${[...new Set(accounts.flatMap((g) => g.sourceAccounts))].join(', ')}, not ${need.sourceAccount} (this pool's): ${refused}.`, where, fix);
  } else {
    f.add('doctor/permission-missing', `${calls}, whose resource policy does not let ${need.principal} invoke it for this pool: ${refused}.`, where, fix);
  }
}

/** The runtime's deprecation (Lambda runtimes page) and whether it runs the handler's style (Node.js 24: promises only). */
async function checkRuntimeAndHandler(f: Findings, ws: DoctorWorkspace, functionArn: string, slot: string, runtime: string | undefined, now: Date): Promise<void> {
  const located = locateHandler(ws, functionArn);
  const site = located && runtime ? await analyzeHandler(located) : undefined;
  if (located && runtime && !site) f.notes.push(`${located.file}#${located.exportName} (${located.why}) was not found or could not be read; its style was not checked.`);
  const facts = site ? callbackFacts(site) : [];
  if (runtime) {
    const st = runtimeStatus(runtime, now);
    // A callback-style handler moves to a runtime that still runs it.
    const next = successorRuntime(runtime, now, facts.length > 0);
    const fix = next ? runtimeFix(functionArn, next) : `no current ${runtime.replace(/[\d.x]+$/, '')} runtime is known to move to`;
    if (st.kind === 'deprecated') f.add('doctor/runtime-deprecated', `${functionArn} (${slot}) runs on ${runtime}, deprecated since ${st.date}: Lambda no longer patches it, and function updates on it are blocked later. Move the function to a current runtime${next ? ` (${next})` : ''}.`, { slot, functionArn }, fix);
    else if (st.kind === 'soon') f.add('doctor/runtime-deprecating', `${functionArn} (${slot}) runs on ${runtime}, which Lambda deprecates on ${st.date}. Plan the move to a current runtime${next ? ` (${next})` : ''}.`, { slot, functionArn }, fix);
  }
  if (located && runtime && facts.length && nodeGeneration({ id: runtime, from: 'iac', evidence: 'deployed' }) === 'promiseOnly') {
    const back = successorRuntime(runtime, now, true);
    f.add('doctor/handler-style', `${functionArn} (${slot}) runs on ${runtime}, which supports only promise-based handlers, but its handler ${located.file}#${located.exportName} (${located.why}) ${facts.join(' and ')}: on ${runtime} the function fails. Make the handler async and return the event${back ? `, or run it on ${back} until then` : ''}.`, { slot, functionArn }, back ? runtimeFix(functionArn, back) : 'the fix is a change to the handler code: make it async and return the event');
  }
}

/** A pre token slot's LambdaVersion against the event version the handler is written for. */
async function checkPreTokenVersion(f: Findings, ws: DoctorWorkspace, poolId: string, b: SlotBinding): Promise<void> {
  const located = locateHandler(ws, b.functionArn);
  if (!located) return;
  const wanted = handlerPreTokenVersion(located, await analyzeHandler(located));
  const deployed = b.lambdaVersion ?? 'V1_0';
  if (!wanted || (wanted.version === deployed) || (wanted.version !== 'V1_0' && deployed !== 'V1_0')) return;
  const shape = (v: string) => (v === 'V1_0' ? 'claimsOverrideDetails' : 'claimsAndScopeOverrideDetails');
  f.add('doctor/pre-token-version', `${b.slot} calls ${b.functionArn} with LambdaVersion ${deployed}, but ${wanted.why}: Cognito sends the ${deployed} event and reads ${shape(deployed)}, so the handler's ${shape(wanted.version)} is ignored and its claims do not reach the tokens.${wanted.version !== 'V1_0' ? ' (Versions 2 and 3 need the Essentials or Plus feature plan.)' : ''}`, { slot: b.slot, functionArn: b.functionArn }, fixOf(`Bind with LambdaVersion ${wanted.version}`, { kind: 'userPool', poolId, slot: b.slot, functionName: b.functionArn, lambdaVersion: wanted.version }));
}

/** The custom senders' KMS key: set, exists, enabled, symmetric encryption key. */
async function checkKmsKey(clients: AwsClients, f: Findings, poolId: string, senders: SlotBinding[], keyId: unknown, signal?: AbortSignal): Promise<void> {
  const slots = senders.map((b) => b.slot);
  const where = { slot: slots[0] as string };
  // The key is the pool's (LambdaConfig.KMSKeyID), not a slot's: binding one sender with a key sets it for all.
  const first = senders[0] as SlotBinding;
  const rebind = kmsFixOf('Bind with a usable KMS key', { kind: 'userPool', poolId, slot: first.slot, functionName: first.functionArn, ...(first.lambdaVersion ? { lambdaVersion: first.lambdaVersion } : {}) });
  if (typeof keyId !== 'string' || !keyId) {
    f.add('doctor/kms-key-missing', `${slotsPhrase(slots)} ${slots.length > 1 ? 'are' : 'is'} bound but LambdaConfig.KMSKeyID is not set: Cognito has no key to encrypt the codes it sends. Bind again with the ARN of a symmetric key the function can decrypt with.`, where, rebind);
    return;
  }
  try {
    const m = (await clients.kms.send(new DescribeKeyCommand({ KeyId: keyId }), { abortSignal: signal })).KeyMetadata;
    const problems: string[] = [];
    if (m?.KeyState && m.KeyState !== 'Enabled') problems.push(`its state is ${m.KeyState}${m.KeyState === 'PendingDeletion' && m.DeletionDate ? ` (deleted on ${new Date(m.DeletionDate).toISOString().slice(0, 10)})` : ''}`);
    else if (m?.Enabled === false) problems.push('it is disabled');
    if (m?.KeySpec && m.KeySpec !== 'SYMMETRIC_DEFAULT') problems.push(`it is a ${m.KeySpec} key, not a symmetric encryption key`);
    if (m?.KeyUsage && m.KeyUsage !== 'ENCRYPT_DECRYPT') problems.push(`its usage is ${m.KeyUsage}, not ENCRYPT_DECRYPT`);
    if (problems.length) {
      const keyArn = m?.Arn ?? keyId;
      const wrongKind = (m?.KeySpec && m.KeySpec !== 'SYMMETRIC_DEFAULT') || (m?.KeyUsage && m.KeyUsage !== 'ENCRYPT_DECRYPT');
      // A cancelled deletion leaves the key Disabled, so it is enabled after:
      // https://docs.aws.amazon.com/kms/latest/APIReference/API_CancelKeyDeletion.html
      const enable: AwsFixStep = { op: 'enableKey', keyId: keyArn };
      const fix = wrongKind ? rebind
        : m?.KeyState === 'Disabled' ? awsFixOf('Enable the key', [enable])
        : m?.KeyState === 'PendingDeletion' ? awsFixOf('Cancel the deletion and enable the key', [{ op: 'cancelKeyDeletion', keyId: keyArn }, enable])
        : rebind;
      const how = fix === rebind ? ' Bind again with a symmetric encryption key.' : m?.KeyState === 'Disabled' ? ' Enable it.' : ' Cancel the deletion, then enable it.';
      f.add('doctor/kms-key-unusable', `the custom sender key ${keyId} (${slotsPhrase(slots)}) is not usable: ${problems.join('; ')}. Cognito cannot encrypt the codes, so the messages are not sent.${how}`, where, fix);
    }
  } catch (e) {
    if (signal?.aborted) throw e;
    if (e instanceof NotFoundException) {
      f.add('doctor/kms-key-missing', `LambdaConfig.KMSKeyID ${keyId} (${slotsPhrase(slots)}) does not exist: Cognito cannot encrypt the codes, so the messages are not sent. Bind again with an existing symmetric key.`, where, rebind);
      return;
    }
    const x = explainAwsError(e, `DescribeKey ${keyId}`);
    f.add('doctor/unchecked', `the custom sender key ${keyId} was not checked: ${x.message} ${x.hint}`, where, UNCHECKED);
  }
}

/** The repository's IaC against the deployed slots: wired but unbound, another function, another version. */
function checkDrift(f: Findings, ws: DoctorWorkspace, poolId: string, deployedPool: DeployedPool, bound: readonly SlotBinding[]): void {
  if (!ws.folders.some((x) => x.wiring?.handlers.length)) {
    if (ws.folders.length) f.notes.push('No IaC in the workspace wires a Cognito trigger: drift not checked.');
    return;
  }
  const { matched: wired, cannot } = wiredForPool(ws, deployedPool);
  if (!wired.length) {
    // Each wired pool that could not be compared says why (once per pool, not per slot).
    const said = new Set<string>();
    for (const { folder, handler: h, why } of cannot) {
      const at = h.evidence.find((e) => e.fact === 'trigger');
      const where = at ? `${folder.name}/${at.file}:${at.line}` : `the ${h.kind} wiring`;
      const key = `${folder.name}|${h.pool?.ref ?? ''}|${at?.file ?? ''}`;
      if (said.has(key)) continue;
      said.add(key);
      f.notes.push(`Could not match the IaC's pool ${h.pool?.ref ?? '?'} (${where}) with this pool: ${why}. Drift was not checked against it.`);
    }
    if (!cannot.length) f.notes.push(`The workspace's IaC names no pool called "${deployedPool.name}": drift not checked.`);
    return;
  }
  for (const { folder, handler: h } of wired) {
    const key = findSlot(h.lambdaConfigKey)?.key ?? h.lambdaConfigKey;
    const at = h.evidence.find((e) => e.fact === 'trigger');
    const iac = at ? `${folder.name}/${at.file}:${at.line}` : `the ${h.kind} wiring`;
    const fnName = h.function.name;
    const concrete = fnName && !fnName.includes('*') ? fnName : undefined;
    // A name the IaC computes at deploy time (a stage, a stack name) is no function to bind: deploying is the step.
    const fix = (title: string): DoctorFix | string => (concrete ? fixOf(title, { kind: 'userPool', poolId, slot: key, functionName: concrete, ...(h.lambdaVersion ? { lambdaVersion: h.lambdaVersion } : {}) }) : `the IaC computes the function's name (${fnName ?? h.function.ref}) at deploy time: deploy the IaC`);
    const deployed = bound.find((b) => b.slot === key);
    const what = fnName ?? h.function.ref;
    if (!deployed) {
      f.add('doctor/drift', `${iac} wires ${what} to ${key}, but the pool calls nothing there: the trigger does not run. Deploy the IaC, or bind it.`, { slot: key }, fix(`Bind ${what} as the IaC says`));
      continue;
    }
    if (fnName && !nameMatches(fnName, functionNameOf(deployed.functionArn))) {
      f.add('doctor/drift', `${iac} wires ${fnName} to ${key}, but the pool calls ${deployed.functionArn}. Deploy the IaC, or bind the function it names.`, { slot: key, functionArn: deployed.functionArn }, fix(`Bind ${fnName} as the IaC says`));
      continue;
    }
    if (h.lambdaVersion && (deployed.lambdaVersion ?? 'V1_0') !== h.lambdaVersion && findSlot(key)?.lambdaVersions.length) {
      f.add('doctor/drift', `${iac} binds ${key} with LambdaVersion ${h.lambdaVersion}, but the pool has ${deployed.lambdaVersion ?? 'V1_0'}.`, { slot: key, functionArn: deployed.functionArn }, fixOf(`Bind with LambdaVersion ${h.lambdaVersion}`, { kind: 'userPool', poolId, slot: key, functionName: deployed.functionArn, lambdaVersion: h.lambdaVersion }));
    }
  }
}

function report(pool: DoctorReport['pool'], checked: DoctorReport['checked'], f: Findings): DoctorReport {
  const order: DoctorSeverity[] = ['error', 'warning', 'information'];
  const findings = [...f.list].sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
  const counts = { error: 0, warning: 0, information: 0 };
  for (const x of findings) counts[x.severity]++;
  return { pool, checked, findings, counts, notes: f.notes };
}

/** Checks a user pool. Throws (explained by the caller) only when the pool itself cannot be read. */
export async function doctorUserPool(clients: AwsClients, poolId: string, ws: DoctorWorkspace, opts: DoctorOptions = {}): Promise<DoctorReport> {
  const { signal } = opts;
  const now = opts.now ?? new Date();
  const pool = await describeUserPool(clients, poolId, signal);
  const name = pool.Name ?? poolId;
  const f = new Findings(name);
  const lambdaConfig = pool.LambdaConfig as Record<string, unknown> | undefined;
  const bound = readSlots(lambdaConfig);
  const account = pool.Arn ? parseArn(pool.Arn)?.account : undefined;
  if (!pool.Arn || !account) f.notes.push(`DescribeUserPool gave no ARN with an account for ${poolId}: permissions were not checked.`);
  // One look per function: slots that share a function share its policy and runtime.
  const byFunction = new Map<string, SlotBinding[]>();
  for (const b of bound) byFunction.set(b.functionArn, [...(byFunction.get(b.functionArn) ?? []), b]);
  for (const [functionArn, slots] of byFunction) {
    const names = slots.map((s) => s.slot);
    const first = slots[0] as SlotBinding;
    const state = await inspectFunction(clients, functionArn, signal);
    if (state.kind === 'missing') {
      // One finding per slot, each with its own unbind (binding another function is the other way out).
      for (const b of slots) f.add('doctor/function-missing', `${b.slot} calls ${functionArn}, which does not exist in this account and Region (${state.message}): every operation that runs the trigger fails. Unbind the slot, or bind an existing function.`, { slot: b.slot, functionArn }, fixOf(`Unbind ${b.slot}`, { kind: 'userPool', poolId, slot: b.slot }));
      continue;
    }
    if (state.kind === 'unreadable') {
      f.add('doctor/unchecked', `${functionArn} (${slotsPhrase(names)}) was not checked: ${state.message}`, { slot: first.slot, functionArn }, UNCHECKED);
      continue;
    }
    if (pool.Arn && account) {
      const bind: BindTarget = { kind: 'userPool', poolId, slot: first.slot, functionName: functionArn, ...(first.lambdaVersion ? { lambdaVersion: first.lambdaVersion } : {}) };
      await checkPermission(clients, f, functionArn, names, { principal: USER_POOL_PRINCIPAL, sourceArn: pool.Arn, sourceAccount: account }, fixOf('Add the missing permission', bind), signal);
    }
    await checkRuntimeAndHandler(f, ws, functionArn, first.slot, state.runtime, now);
    for (const b of slots) if (findSlot(b.slot)?.lambdaVersions.length) await checkPreTokenVersion(f, ws, poolId, b);
  }
  const senders = bound.filter((b) => findSlot(b.slot)?.requiresKmsKey);
  if (senders.length) await checkKmsKey(clients, f, poolId, senders, lambdaConfig?.KMSKeyID, signal);
  checkDrift(f, ws, poolId, { name, ...(pool.UserPoolTags ? { tags: pool.UserPoolTags } : {}) }, bound);
  if (!bound.length) f.notes.push('No trigger is bound to this pool.');
  return report({ kind: 'userPool', id: poolId, name, ...(pool.Arn ? { arn: pool.Arn } : {}) }, bound.map((b) => ({ slot: b.slot, functionArn: b.functionArn })), f);
}

/** Checks an identity pool's Cognito Sync trigger. */
export async function doctorIdentityPool(clients: AwsClients, poolId: string, ws: DoctorWorkspace, opts: DoctorOptions = {}): Promise<DoctorReport> {
  const { signal } = opts;
  const now = opts.now ?? new Date();
  validateIdentityPoolId(poolId);
  const events = await getCognitoEvents(clients, poolId, signal);
  let name = poolId;
  try {
    name = (await clients.identityPools.send(new DescribeIdentityPoolCommand({ IdentityPoolId: poolId }), { abortSignal: signal })).IdentityPoolName ?? poolId;
  } catch (e) {
    if (signal?.aborted) throw e;
  }
  const f = new Findings(name);
  const functionArn = events[SYNC_EVENT];
  if (!functionArn) {
    f.notes.push('No Sync trigger is bound to this identity pool.');
    return report({ kind: 'identityPool', id: poolId, name }, [], f);
  }
  const state = await inspectFunction(clients, functionArn, signal);
  if (state.kind === 'missing') {
    f.add('doctor/function-missing', `${SYNC_EVENT} calls ${functionArn}, which does not exist in this account and Region (${state.message}): every UpdateRecords that runs the trigger fails. Unbind it, or bind an existing function.`, { slot: SYNC_EVENT, functionArn }, fixOf(`Unbind ${SYNC_EVENT}`, { kind: 'identityPool', poolId }));
  } else if (state.kind === 'unreadable') {
    f.add('doctor/unchecked', `${functionArn} (${SYNC_EVENT}) was not checked: ${state.message}`, { slot: SYNC_EVENT, functionArn }, UNCHECKED);
  } else {
    if (parseArn(functionArn)) await checkPermission(clients, f, functionArn, [SYNC_EVENT], syncNeed(poolId, functionArn), fixOf('Add the missing permission', { kind: 'identityPool', poolId, functionName: functionArn }), signal);
    else f.notes.push(`${functionArn} is not an ARN: the permission was not checked.`);
    await checkRuntimeAndHandler(f, ws, functionArn, SYNC_EVENT, state.runtime, now);
  }
  return report({ kind: 'identityPool', id: poolId, name }, [{ slot: SYNC_EVENT, functionArn }], f);
}
