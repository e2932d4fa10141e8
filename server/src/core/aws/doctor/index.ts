// The doctor for deployed pools: for every bound slot, the function exists, Cognito may invoke it for this
// pool, the pre token version matches the handler, the custom sender key is usable, the runtime is current
// and runs the handler's style, and the repository's IaC agrees. Fixes go through bindService's plan path.
import { DescribeIdentityPoolCommand } from '@aws-sdk/client-cognito-identity';
import { DescribeKeyCommand, NotFoundException } from '@aws-sdk/client-kms';
import { GetFunctionConfigurationCommand, ResourceNotFoundException } from '@aws-sdk/client-lambda';
import { nodeGeneration } from '../../features/handlerCode/runtime';
import type { BindTarget, DoctorFinding, DoctorFix, DoctorReport, DoctorSeverity } from '../../protocol/aws';
import { cliCommand } from '../bindService';
import type { AwsClients } from '../clients';
import { explainAwsError } from '../errors';
import { getCognitoEvents, SYNC_EVENT, syncNeed } from '../identityPoolBinding';
import { parseArn, validateIdentityPoolId } from '../ids';
import { getPolicy } from '../lambdaPermission';
import { grantsFor, USER_POOL_PRINCIPAL, type PermissionNeed } from '../permission';
import { findSlot, readSlots, type SlotBinding } from '../slots';
import { describeUserPool } from '../userPoolBinding';
import { DOCTOR_RULES, ruleSource, type DoctorRuleId } from './rules';
import { runtimeStatus } from './runtimes';
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

  add(rule: DoctorRuleId, text: string, where: { slot?: string; functionArn?: string } = {}, fix?: DoctorFix, severity?: DoctorSeverity): void {
    this.list.push({ rule, severity: severity ?? DOCTOR_RULES[rule].severity, ...where, message: `${this.poolName}: ${text}`, source: ruleSource(rule), ...(fix ? { fix } : {}) });
  }
}

/** A bind as a fix: its button title, the bind, and the CLI command (which shows the plan and asks). */
function fixOf(title: string, bind: BindTarget): DoctorFix {
  return { title, bind, command: cliCommand(bind, {}, 'ask') };
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
    f.add('doctor/unchecked', `the permission of ${functionArn} was not checked: ${x.message} ${x.hint}`, { slot: slots[0] as string, functionArn });
    return;
  }
  const grants = grantsFor(policy, need);
  if (grants.some((g) => g.kind === 'thisPool')) return;
  const where = { slot: slots[0] as string, functionArn };
  const calls = `${slotsPhrase(slots)} ${slots.length > 1 ? 'call' : 'calls'} ${functionArn}`;
  const refused = `Cognito's invocation is refused and every operation that runs ${slots.length > 1 ? 'these triggers' : 'the trigger'} fails ("${slots[0]} invocation failed due to error AccessDeniedException")`;
  const broad = grants.find((g) => g.kind === 'broad');
  if (broad) {
    const scope = broad.sourceAccounts.length ? `any pool of account ${broad.sourceAccounts.join(', ')}` : 'any pool in any AWS account';
    f.add('doctor/permission-broad', `${calls}; its policy statement ${broad.sid ?? '(no Sid)'} lets ${need.principal} invoke it without a SourceArn, so ${scope} can invoke it. Replace it with a statement scoped to this pool (SourceArn ${need.sourceArn}, SourceAccount ${need.sourceAccount}): \`aws lambda add-permission --function-name ${functionArn} --statement-id <new-id> --action lambda:InvokeFunction --principal ${need.principal} --source-arn ${need.sourceArn} --source-account ${need.sourceAccount}\`, then \`aws lambda remove-permission --function-name ${functionArn} --statement-id ${broad.sid ?? '<sid>'}\`.`, where);
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
  if (runtime) {
    const st = runtimeStatus(runtime, now);
    if (st.kind === 'deprecated') f.add('doctor/runtime-deprecated', `${functionArn} (${slot}) runs on ${runtime}, deprecated since ${st.date}: Lambda no longer patches it, and function updates on it are blocked later. Move the function to a current runtime.`, { slot, functionArn });
    else if (st.kind === 'soon') f.add('doctor/runtime-deprecating', `${functionArn} (${slot}) runs on ${runtime}, which Lambda deprecates on ${st.date}. Plan the move to a current runtime.`, { slot, functionArn });
  }
  const located = locateHandler(ws, functionArn);
  if (!located || !runtime) return;
  const site = await analyzeHandler(located);
  if (!site) {
    f.notes.push(`${located.file}#${located.exportName} (${located.why}) was not found or could not be read; its style was not checked.`);
    return;
  }
  const facts = callbackFacts(site);
  if (facts.length && nodeGeneration({ id: runtime, from: 'iac', evidence: 'deployed' }) === 'promiseOnly') {
    f.add('doctor/handler-style', `${functionArn} (${slot}) runs on ${runtime}, which supports only promise-based handlers, but its handler ${located.file}#${located.exportName} (${located.why}) ${facts.join(' and ')}: on ${runtime} the function fails. Make the handler async and return the event.`, { slot, functionArn });
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
async function checkKmsKey(clients: AwsClients, f: Findings, slots: string[], keyId: unknown, signal?: AbortSignal): Promise<void> {
  const where = { slot: slots[0] as string };
  if (typeof keyId !== 'string' || !keyId) {
    f.add('doctor/kms-key-missing', `${slotsPhrase(slots)} ${slots.length > 1 ? 'are' : 'is'} bound but LambdaConfig.KMSKeyID is not set: Cognito has no key to encrypt the codes it sends. Bind again with the key: \`cognito-triggers bind … --kms-key <key ARN>\`.`, where);
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
      const enable = m?.KeyState === 'Disabled' ? ` Enable it (\`aws kms enable-key --key-id ${keyId}\`)` : m?.KeyState === 'PendingDeletion' ? ` Cancel the deletion (\`aws kms cancel-key-deletion --key-id ${keyId}\`, then enable it)` : ' Bind again with a symmetric encryption key (`--kms-key`)';
      f.add('doctor/kms-key-unusable', `the custom sender key ${keyId} (${slotsPhrase(slots)}) is not usable: ${problems.join('; ')}. Cognito cannot encrypt the codes, so the messages are not sent.${enable}.`, where);
    }
  } catch (e) {
    if (signal?.aborted) throw e;
    if (e instanceof NotFoundException) {
      f.add('doctor/kms-key-missing', `LambdaConfig.KMSKeyID ${keyId} (${slotsPhrase(slots)}) does not exist: Cognito cannot encrypt the codes, so the messages are not sent. Bind again with an existing symmetric key (\`--kms-key\`).`, where);
      return;
    }
    const x = explainAwsError(e, `DescribeKey ${keyId}`);
    f.add('doctor/unchecked', `the custom sender key ${keyId} was not checked: ${x.message} ${x.hint}`, where);
  }
}

/** The repository's IaC against the deployed slots: wired but unbound, another function, another version. */
function checkDrift(f: Findings, ws: DoctorWorkspace, poolId: string, poolName: string, bound: readonly SlotBinding[]): void {
  if (!ws.folders.some((x) => x.wiring?.handlers.length)) {
    if (ws.folders.length) f.notes.push('No IaC in the workspace wires a Cognito trigger: drift not checked.');
    return;
  }
  const wired = wiredForPool(ws, poolName);
  if (!wired.length) {
    f.notes.push(`The workspace's IaC names no pool called "${poolName}": drift not checked (a pool whose name the IaC computes cannot be matched).`);
    return;
  }
  for (const { folder, handler: h } of wired) {
    const key = findSlot(h.lambdaConfigKey)?.key ?? h.lambdaConfigKey;
    const at = h.evidence.find((e) => e.fact === 'trigger');
    const iac = at ? `${folder.name}/${at.file}:${at.line}` : `the ${h.kind} wiring`;
    const fnName = h.function.name;
    const concrete = fnName && !fnName.includes('*') ? fnName : undefined;
    const fix = (title: string) => (concrete ? fixOf(title, { kind: 'userPool', poolId, slot: key, functionName: concrete, ...(h.lambdaVersion ? { lambdaVersion: h.lambdaVersion } : {}) }) : undefined);
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
      f.add('doctor/function-missing', `${slotsPhrase(names)} ${names.length > 1 ? 'call' : 'calls'} ${functionArn}, which does not exist in this account and Region (${state.message}): every operation that runs ${names.length > 1 ? 'these triggers' : 'the trigger'} fails. Bind an existing function, or unbind the slot (\`cognito-triggers unbind --user-pool ${poolId} --trigger ${first.slot}\`).`, { slot: first.slot, functionArn });
      continue;
    }
    if (state.kind === 'unreadable') {
      f.add('doctor/unchecked', `${functionArn} (${slotsPhrase(names)}) was not checked: ${state.message}`, { slot: first.slot, functionArn });
      continue;
    }
    if (pool.Arn && account) {
      const bind: BindTarget = { kind: 'userPool', poolId, slot: first.slot, functionName: functionArn, ...(first.lambdaVersion ? { lambdaVersion: first.lambdaVersion } : {}) };
      await checkPermission(clients, f, functionArn, names, { principal: USER_POOL_PRINCIPAL, sourceArn: pool.Arn, sourceAccount: account }, fixOf('Add the missing permission', bind), signal);
    }
    await checkRuntimeAndHandler(f, ws, functionArn, first.slot, state.runtime, now);
    for (const b of slots) if (findSlot(b.slot)?.lambdaVersions.length) await checkPreTokenVersion(f, ws, poolId, b);
  }
  const senders = bound.filter((b) => findSlot(b.slot)?.requiresKmsKey).map((b) => b.slot);
  if (senders.length) await checkKmsKey(clients, f, senders, lambdaConfig?.KMSKeyID, signal);
  checkDrift(f, ws, poolId, name, bound);
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
    f.add('doctor/function-missing', `${SYNC_EVENT} calls ${functionArn}, which does not exist in this account and Region (${state.message}): every UpdateRecords that runs the trigger fails. Bind an existing function, or unbind it (\`cognito-triggers unbind --identity-pool ${poolId}\`).`, { slot: SYNC_EVENT, functionArn });
  } else if (state.kind === 'unreadable') {
    f.add('doctor/unchecked', `${functionArn} (${SYNC_EVENT}) was not checked: ${state.message}`, { slot: SYNC_EVENT, functionArn });
  } else {
    if (parseArn(functionArn)) await checkPermission(clients, f, functionArn, [SYNC_EVENT], syncNeed(poolId, functionArn), fixOf('Add the missing permission', { kind: 'identityPool', poolId, functionName: functionArn }), signal);
    else f.notes.push(`${functionArn} is not an ARN: the permission was not checked.`);
    await checkRuntimeAndHandler(f, ws, functionArn, SYNC_EVENT, state.runtime, now);
  }
  return report({ kind: 'identityPool', id: poolId, name }, [{ slot: SYNC_EVENT, functionArn }], f);
}
