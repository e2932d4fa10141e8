// Commands: run the doctor on a deployed pool and show its findings in the Pool Check view, each with its
// own fix (Apply Fix on the row); check the same pool again.
import * as vscode from 'vscode';
import { AwsApplyDoctorFixRequest, AwsDoctorRequest, AwsPlanDoctorFixRequest, type AwsApplyBindRequest, type AwsFixStep, type DoctorReport } from '../../../server/src/core/protocol';
import type { ExtensionState } from '../context';
import { log } from '../log';
import { pickPool, pickPoolKind } from '../aws/pick';
import { awsCall } from '../aws/request';
import { PoolCheckTree, summaryLine, type PoolCheckNode } from '../aws/poolCheckTree';
import { Steps } from '../steps';
import { reviewAndApply } from './bindTrigger';

let tree: PoolCheckTree | undefined;

/** The Pool Check view's data, registered on first use (tests read its report). */
export function poolCheckTree(state: ExtensionState): PoolCheckTree {
  if (!tree) {
    tree = new PoolCheckTree();
    state.context.subscriptions.push(vscode.window.createTreeView('cognitoTriggers.poolCheck', { treeDataProvider: tree, showCollapseAll: true }));
  }
  return tree;
}

/** Runs the doctor on one pool and shows the report in the view. */
async function runCheck(state: ExtensionState, kind: 'userPool' | 'identityPool', poolId: string, poolName?: string): Promise<DoctorReport | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
  const named = poolName && poolName !== poolId ? { poolName } : {};
  const report = await awsCall(state, AwsDoctorRequest.type, { kind, poolId, ...named, folders }, `${poolName || poolId}: checking the pool`);
  if (!report) return undefined;
  log().info(`Check of ${report.pool.name} (${report.pool.id}): ${summaryLine(report)}.`);
  for (const f of report.findings) log().info(`${f.severity}: ${f.message}${f.fix ? ` Fix: ${f.fix.command}` : ''}`);
  poolCheckTree(state).show(report);
  await vscode.commands.executeCommand('cognitoTriggers.poolCheck.focus');
  return report;
}

/** `cognitoTriggers.checkPool` (palette, or a pool node of the view). Returns the report, or undefined when dismissed. */
export const checkPool = (state: ExtensionState) => async (arg?: unknown): Promise<DoctorReport | undefined> => {
  const a = (arg ?? {}) as { poolKind?: 'userPool' | 'identityPool'; poolId?: string; name?: string; applyFix?: number };
  const steps = new Steps('Check Pool', [!a.poolKind, !a.poolId].filter(Boolean).length);
  const kind = a.poolKind ?? (await pickPoolKind(steps));
  if (!kind) return undefined;
  const pool = a.poolId ? { id: a.poolId, name: a.name ?? a.poolId } : await pickPool(state, kind, steps);
  if (!pool) return undefined;
  const report = await runCheck(state, kind, pool.id, pool.name);
  if (!report) return undefined;
  // Tests (and other extensions) pick a fix by index; it still goes through the review.
  if (a.applyFix !== undefined) {
    const chosen = report.findings.map((finding, index) => ({ finding, index })).filter((x) => x.finding.fix)[a.applyFix];
    if (chosen) await applyDoctorFix(state)({ type: 'finding', report, ...chosen });
    return poolCheckTree(state).report;
  }
  void vscode.window.showInformationMessage(`${report.pool.name}: ${summaryLine(report)}.${report.findings.some((f) => f.fix) ? ' Each finding in the Pool Check view has its fix.' : ''}`);
  return report;
};

/** `cognitoTriggers.recheckPool` (the Pool Check view's title): the same pool again. */
export const recheckPool = (state: ExtensionState) => async (): Promise<DoctorReport | undefined> => {
  const r = poolCheckTree(state).report;
  return r ? runCheck(state, r.pool.kind, r.pool.id, r.pool.name) : undefined;
};

/**
 * `cognitoTriggers.applyDoctorFix` (a finding row's inline button): a bind or unbind through Bind's
 * review dialog (a key the user must give is asked in Bind's KMS key step), then the pool is checked
 * again; AWS calls (a statement to replace, a key to enable, a runtime) go through the same kind of
 * review and run through the SDK. Returns the new report after a fix, or undefined.
 */
export const applyDoctorFix = (state: ExtensionState) => async (arg?: unknown): Promise<DoctorReport | undefined> => {
  const node = arg as PoolCheckNode | undefined;
  if (node?.type !== 'finding' || !node.finding.fix) return undefined;
  const { fix } = node.finding;
  const pool = node.report.pool;
  if (fix.kind === 'bind' && fix.bind) {
    let applied: AwsApplyBindRequest.Result | undefined;
    if (fix.ask === 'kmsKey' && fix.bind.kind === 'userPool') {
      const b = fix.bind;
      applied = await vscode.commands.executeCommand<AwsApplyBindRequest.Result | undefined>('cognitoTriggers.bindTrigger', { poolKind: 'userPool', poolId: b.poolId, poolName: pool.name, slot: b.slot, ...(b.functionName ? { functionName: b.functionName } : {}), ...(b.lambdaVersion ? { lambdaVersion: b.lambdaVersion } : {}) });
    } else {
      applied = await reviewAndApply(state, { ...fix.bind, ...(pool.name && pool.name !== pool.id ? { poolName: pool.name } : {}) }, false, false);
    }
    // A partial change has its own Finish / Roll back dialog; checking again then would race it.
    if (!applied || applied.partial) return undefined;
    return runCheck(state, pool.kind, pool.id, pool.name);
  }
  if (!fix.steps?.length) return undefined;
  return reviewAndApplyAwsFix(state, pool, fix.title, fix.steps, fix.command);
};

/**
 * An `aws` fix through the same review as Bind: the server reads the current state and says what each
 * step will change; Cancel (or Escape) changes nothing; Apply runs the steps through the SDK, the result
 * says what was applied and what was not, and the pool is checked again.
 */
async function reviewAndApplyAwsFix(state: ExtensionState, pool: DoctorReport['pool'], title: string, steps: AwsFixStep[], command: string): Promise<DoctorReport | undefined> {
  const plan = await awsCall(state, AwsPlanDoctorFixRequest.type, { title, steps }, `Reading the current state for "${title}"`);
  if (!plan) return undefined;
  for (const l of plan.lines) log().info(l);
  const apply = 'Apply';
  const detail = [...plan.lines, '', `The same as: ${command}`].join('\n');
  const message = plan.changes ? `${pool.name}: review the fix (nothing else changes):` : `${pool.name}: nothing to change.`;
  const pick = await vscode.window.showInformationMessage(message, { modal: true, detail }, ...(plan.changes ? [apply] : []));
  if (pick !== apply) {
    log().info('Not applied (dry run).');
    // Already done: the pool is checked again, so a stale row goes.
    return plan.changes ? undefined : runCheck(state, pool.kind, pool.id, pool.name);
  }
  const result = await awsCall(state, AwsApplyDoctorFixRequest.type, { planId: plan.planId }, `Applying "${title}"`);
  if (!result) return undefined;
  for (const l of result.applied) log().info(`Applied: ${l}`);
  for (const l of result.skipped) log().info(`Already done: ${l}`);
  for (const l of result.notApplied) log().warn(`Not applied: ${l}`);
  const after = await runCheck(state, pool.kind, pool.id, pool.name);
  if (result.error) {
    const applied = result.applied.length ? `Applied: ${result.applied.join('; ')}.` : 'Nothing was applied.';
    void vscode.window.showErrorMessage(`${pool.name}: "${title}" stopped: ${result.error.message} ${applied} Not applied: ${result.notApplied.join('; ')}. ${result.error.hint}`);
  } else {
    void vscode.window.showInformationMessage(`${pool.name}: applied ${result.applied.join('; ')}.${after ? ` ${summaryLine(after)}.` : ''}`);
  }
  return after;
}

