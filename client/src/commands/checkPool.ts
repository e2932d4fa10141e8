// Commands: run the doctor on a deployed pool and show its findings in the Pool Check view, each with its
// own fix (Apply Fix on the row); check the same pool again.
import * as vscode from 'vscode';
import { AwsDoctorRequest, type AwsApplyBindRequest, type DoctorReport } from '../../../server/src/core/protocol';
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
async function runCheck(state: ExtensionState, kind: 'userPool' | 'identityPool', poolId: string): Promise<DoctorReport | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
  const report = await awsCall(state, AwsDoctorRequest.type, { kind, poolId, folders }, `Checking ${poolId}`);
  if (!report) return undefined;
  log().info(`Check of ${report.pool.name} (${report.pool.id}): ${summaryLine(report)}.`);
  for (const f of report.findings) log().info(`${f.severity}: ${f.message}${f.fix ? ` Fix: ${f.fix.command}` : ''}`);
  poolCheckTree(state).show(report);
  await vscode.commands.executeCommand('cognitoTriggers.poolCheck.focus');
  return report;
}

/** `cognitoTriggers.checkPool` (palette, or a pool node of the view). Returns the report, or undefined when dismissed. */
export const checkPool = (state: ExtensionState) => async (arg?: unknown): Promise<DoctorReport | undefined> => {
  const a = (arg ?? {}) as { poolKind?: 'userPool' | 'identityPool'; poolId?: string; applyFix?: number };
  const steps = new Steps('Check Pool', [!a.poolKind, !a.poolId].filter(Boolean).length);
  const kind = a.poolKind ?? (await pickPoolKind(steps));
  if (!kind) return undefined;
  const poolId = a.poolId ?? (await pickPool(state, kind, steps))?.id;
  if (!poolId) return undefined;
  const report = await runCheck(state, kind, poolId);
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
  return r ? runCheck(state, r.pool.kind, r.pool.id) : undefined;
};

/**
 * `cognitoTriggers.applyDoctorFix` (a finding row's inline button): a bind or unbind through Bind's
 * review dialog (a key the user must give is asked in Bind's KMS key step), then the pool is checked
 * again; an AWS CLI command is shown in a modal first, then runs in a terminal (check again after it).
 * Returns the new report after a bind, or undefined.
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
      applied = await vscode.commands.executeCommand<AwsApplyBindRequest.Result | undefined>('cognitoTriggers.bindTrigger', { poolKind: 'userPool', poolId: b.poolId, slot: b.slot, ...(b.functionName ? { functionName: b.functionName } : {}), ...(b.lambdaVersion ? { lambdaVersion: b.lambdaVersion } : {}) });
    } else {
      applied = await reviewAndApply(state, fix.bind, false, false);
    }
    // A partial change has its own Finish / Roll back dialog; checking again then would race it.
    if (!applied || applied.partial) return undefined;
    return runCheck(state, pool.kind, pool.id);
  }
  const run = 'Run in Terminal';
  const copy = 'Copy Command';
  const profile = vscode.workspace.getConfiguration('cognitoTriggers').get<string>('aws.profile') || undefined;
  const pick = await vscode.window.showInformationMessage(`${pool.name}: ${fix.title}. Run this AWS CLI command?`, { modal: true, detail: `${fix.command}\n\nIt runs in a terminal with your AWS CLI's credentials${profile ? ` (profile ${profile})` : ''}. Check the pool again when it has finished.` }, run, copy);
  if (pick === copy) await vscode.env.clipboard.writeText(fix.command);
  if (pick === run) {
    const terminal = vscode.window.createTerminal({ name: 'Cognito Triggers: fix', ...(profile ? { env: { AWS_PROFILE: profile } } : {}) });
    terminal.show();
    terminal.sendText(fix.command);
    log().info(`Sent to a terminal: ${fix.command}`);
  }
  return undefined;
};
