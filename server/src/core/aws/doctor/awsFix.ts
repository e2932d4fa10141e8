// The doctor's `aws` fixes as SDK calls: each step's AWS CLI form (what the CLI prints), its plan against
// the current state (a step already done is skipped, said so), and its application step by step.
import { CancelKeyDeletionCommand, DescribeKeyCommand, EnableKeyCommand } from '@aws-sdk/client-kms';
import { AddPermissionCommand, GetFunctionConfigurationCommand, RemovePermissionCommand, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import type { AwsApplyDoctorFixRequest, AwsFixStep } from '../../protocol/aws';
import { shellQuote } from '../bindService';
import type { AwsClients } from '../clients';
import { explainAwsError } from '../errors';
import { parseArn } from '../ids';
import { getPolicy } from '../lambdaPermission';
import { grantsFor } from '../permission';

/** The AWS CLI arguments of a step, and the ARN whose Region it runs in. */
function cliArgs(s: AwsFixStep): { args: string[]; arn: string } {
  switch (s.op) {
    case 'addPermission':
      return { args: ['lambda', 'add-permission', '--function-name', s.functionArn, '--statement-id', s.statementId, '--action', 'lambda:InvokeFunction', '--principal', s.principal, '--source-arn', s.sourceArn, '--source-account', s.sourceAccount], arn: s.functionArn };
    case 'removePermission':
      return { args: ['lambda', 'remove-permission', '--function-name', s.functionArn, '--statement-id', s.statementId], arn: s.functionArn };
    case 'enableKey':
      return { args: ['kms', 'enable-key', '--key-id', s.keyId], arn: s.keyId };
    case 'cancelKeyDeletion':
      return { args: ['kms', 'cancel-key-deletion', '--key-id', s.keyId], arn: s.keyId };
    case 'updateRuntime':
      return { args: ['lambda', 'update-function-configuration', '--function-name', s.functionArn, '--runtime', s.runtime], arn: s.functionArn };
  }
}

/** The steps as AWS CLI commands joined with `&&` (what `cognito-triggers doctor` prints). */
export function awsCliCommand(steps: readonly AwsFixStep[]): string {
  return steps
    .map((s) => {
      const { args, arn } = cliArgs(s);
      const region = parseArn(arn)?.region;
      return `aws ${args.map(shellQuote).join(' ')}${region ? ` --region ${region}` : ''}`;
    })
    .join(' && ');
}

/** The step in words: "AddPermission on F: …". */
export function describeStep(s: AwsFixStep): string {
  switch (s.op) {
    case 'addPermission':
      return `AddPermission on ${s.functionArn}: statement ${s.statementId} lets ${s.principal} invoke it for ${s.sourceArn} (SourceAccount ${s.sourceAccount})`;
    case 'removePermission':
      return `RemovePermission on ${s.functionArn}: statement ${s.statementId} removed`;
    case 'enableKey':
      return `EnableKey ${s.keyId}`;
    case 'cancelKeyDeletion':
      return `CancelKeyDeletion ${s.keyId} (the key is then Disabled)`;
    case 'updateRuntime':
      return `UpdateFunctionConfiguration ${s.functionArn}: Runtime ${s.runtime} (the code is not changed)`;
  }
}

/** A step with what the current state says about it. */
export interface PlannedStep {
  readonly step: AwsFixStep;
  /** False when the state already is what the step makes it. */
  readonly todo: boolean;
  readonly line: string;
}

/** A planned fix: its steps against the state read now. */
export interface PlannedAwsFix {
  readonly title: string;
  readonly steps: readonly PlannedStep[];
  readonly lines: string[];
  readonly changes: boolean;
}

/** Reads what each step would change. A key's state is read once (cancel-then-enable plans both from it). */
export async function planAwsFix(clients: AwsClients, title: string, steps: readonly AwsFixStep[], signal?: AbortSignal): Promise<PlannedAwsFix> {
  const out: PlannedStep[] = [];
  const keyStates = new Map<string, string | undefined>();
  const keyState = async (keyId: string): Promise<string | undefined> => {
    if (!keyStates.has(keyId)) keyStates.set(keyId, (await clients.kms.send(new DescribeKeyCommand({ KeyId: keyId }), { abortSignal: signal })).KeyMetadata?.KeyState);
    return keyStates.get(keyId);
  };
  for (const step of steps) {
    const what = describeStep(step);
    const done = (why: string): PlannedStep => ({ step, todo: false, line: `Nothing to do: ${what} (${why}).` });
    const todo = (now: string): PlannedStep => ({ step, todo: true, line: `${what}. Now: ${now}.` });
    try {
      if (step.op === 'addPermission' || step.op === 'removePermission') {
        const policy = await getPolicy(clients, step.functionArn, signal);
        const sids = new Set(grantsFor(policy, { principal: '*', sourceArn: '', sourceAccount: '' }).map((g) => g.sid));
        const has = statementIds(policy).includes(step.statementId) || sids.has(step.statementId);
        if (step.op === 'addPermission') {
          const scoped = grantsFor(policy, { principal: step.principal, sourceArn: step.sourceArn, sourceAccount: step.sourceAccount }).some((g) => g.kind === 'thisPool');
          out.push(has || scoped ? done(has ? `statement ${step.statementId} is there` : 'a statement scoped to the pool is there') : todo(`no statement lets ${step.principal} invoke it for this pool`));
        } else {
          out.push(has ? todo(`statement ${step.statementId} is in the policy`) : done(`statement ${step.statementId} is not in the policy`));
        }
      } else if (step.op === 'updateRuntime') {
        const runtime = (await clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: step.functionArn }), { abortSignal: signal })).Runtime;
        out.push(runtime === step.runtime ? done(`it runs on ${runtime}`) : todo(`it runs on ${runtime ?? 'an unknown runtime'}`));
      } else {
        const state = await keyState(step.keyId);
        if (step.op === 'cancelKeyDeletion') out.push(state === 'PendingDeletion' ? todo('the key is PendingDeletion') : done(`the key is ${state ?? 'not pending deletion'}`));
        else out.push(state === 'Enabled' ? done('the key is Enabled') : todo(`the key is ${state ?? 'in an unknown state'}`));
      }
    } catch (e) {
      if (signal?.aborted) throw e;
      // The state could not be read: the step stays in the plan (applying it says what AWS answers).
      const x = explainAwsError(e, `Reading the state for ${step.op}`);
      out.push({ step, todo: true, line: `${what}. Now: not known (${x.message}).` });
    }
  }
  const changes = out.some((s) => s.todo);
  const lines = [`${title}:`, ...out.map((s, i) => `${i + 1}. ${s.line}`), changes ? 'Nothing else changes: the pool and the function code are left as they are.' : 'Every step is already done: nothing changes.'];
  return { title, steps: out, lines, changes };
}

function statementIds(policy: string | undefined): string[] {
  try {
    const p = JSON.parse(policy ?? '{}') as { Statement?: { Sid?: string }[] | { Sid?: string } };
    const list = Array.isArray(p.Statement) ? p.Statement : p.Statement ? [p.Statement] : [];
    return list.map((s) => s.Sid).filter((x): x is string => typeof x === 'string');
  } catch {
    return [];
  }
}

async function run(clients: AwsClients, s: AwsFixStep, signal?: AbortSignal): Promise<void> {
  const opts = { abortSignal: signal };
  switch (s.op) {
    case 'addPermission':
      await clients.lambda.send(new AddPermissionCommand({ FunctionName: s.functionArn, StatementId: s.statementId, Action: 'lambda:InvokeFunction', Principal: s.principal, SourceArn: s.sourceArn, SourceAccount: s.sourceAccount }), opts);
      return;
    case 'removePermission':
      await clients.lambda.send(new RemovePermissionCommand({ FunctionName: s.functionArn, StatementId: s.statementId }), opts);
      return;
    case 'enableKey':
      await clients.kms.send(new EnableKeyCommand({ KeyId: s.keyId }), opts);
      return;
    case 'cancelKeyDeletion':
      await clients.kms.send(new CancelKeyDeletionCommand({ KeyId: s.keyId }), opts);
      return;
    case 'updateRuntime':
      await clients.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: s.functionArn, Runtime: s.runtime as never }), opts);
      return;
  }
}

/** Runs the planned steps in order; the first failure stops it, and the answer says what was and was not applied. */
export async function applyAwsFix(clients: AwsClients, plan: PlannedAwsFix, signal?: AbortSignal): Promise<AwsApplyDoctorFixRequest.Result> {
  const applied: string[] = [];
  const skipped = plan.steps.filter((s) => !s.todo).map((s) => describeStep(s.step));
  const todo = plan.steps.filter((s) => s.todo);
  for (const [i, s] of todo.entries()) {
    try {
      await run(clients, s.step, signal);
      applied.push(describeStep(s.step));
    } catch (e) {
      const x = explainAwsError(e, describeStep(s.step).split(':')[0] as string);
      return { applied, notApplied: todo.slice(i).map((t) => describeStep(t.step)), skipped, error: { message: x.message, hint: x.hint, code: x.code } };
    }
  }
  return { applied, notApplied: [], skipped };
}
