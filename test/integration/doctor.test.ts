// Integration: the doctor on real cognito-local user pools and the wire-protocol fake (Lambda, Sync,
// Identity, KMS DescribeKey): each broken setup gives its finding, a healthy pool none, and a fix
// applied through bind's plan/apply path makes the next run clean. All traffic goes to 127.0.0.1.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { CreateUserPoolCommand, type LambdaConfigType } from '@aws-sdk/client-cognito-identity-provider';
import { applyBind, planBind } from '../../server/src/core/aws/bindService';
import { createAwsClients, type AwsClients } from '../../server/src/core/aws/clients';
import { doctorIdentityPool, doctorUserPool, type DoctorFolder, type DoctorWorkspace } from '../../server/src/core/aws/doctor';
import { applyAwsFix, planAwsFix } from '../../server/src/core/aws/doctor/awsFix';
import { diskFolder } from '../../server/src/core/aws/doctor/diskFolder';
import { describeUserPool } from '../../server/src/core/aws/userPoolBinding';
import type { DoctorReport } from '../../server/src/core/protocol/aws';
import { startFakeAws, type FakeAws, type FakeFunction } from '../fakeAws/server';
import { isolateAwsEnv, startCognitoLocal, type CognitoLocal } from './cognitoLocal';

const ACCOUNT = '123456789012';
const arn = (name: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`;
const KEY = (id: string) => `arn:aws:kms:us-east-1:${ACCOUNT}:key/${id}`;
/** Runtime deprecation is judged against this day, not the machine's clock. */
const NOW = new Date('2026-12-01T00:00:00Z');
const NO_WORKSPACE: DoctorWorkspace = { folders: [] };
const IDENTITY_POOL = 'us-east-1:11111111-2222-3333-4444-555555555555';

/** A function scoped, like bind would scope it, to the pool ARN (cognito-local's account is `local`). */
function allow(poolArn: string, principal = 'cognito-idp.amazonaws.com', sid = 'allow-pool'): Record<string, unknown> {
  const account = poolArn.split(':')[4];
  return { Sid: sid, Effect: 'Allow', Principal: { Service: principal }, Action: 'lambda:InvokeFunction', Resource: '*', Condition: { StringEquals: { 'AWS:SourceAccount': account }, ArnLike: { 'AWS:SourceArn': poolArn } } };
}

/** A workspace folder held in memory: bindings entries and handler files. */
function memoryFolder(files: Record<string, string>, entries: DoctorFolder['entries']): DoctorWorkspace {
  return { folders: [{ name: 'app', entries, readFile: (rel) => files[rel] }] };
}

const rules = (r: DoctorReport): string[] => r.findings.map((f) => f.rule);

/** The AWS CLI (Debian's awscli in CI), to run an `aws` fix exactly as printed; absent: those steps are skipped, saying so. */
const AWS_CLI = (process.env.PATH ?? '').split(path.delimiter).some((d) => fs.existsSync(path.join(d, 'aws')));

describe('doctor on cognito-local and the wire-protocol fake', () => {
  let cl: CognitoLocal;
  let fake: FakeAws;
  let clients: AwsClients;
  let counter = 0;

  const fn = (name: string, extra: Partial<FakeFunction> = {}): FakeFunction => {
    const f: FakeFunction = { name, arn: arn(name), runtime: 'nodejs24.x', statements: [], run: (e) => e, ...extra };
    fake.state.functions.push(f);
    return f;
  };
  /** A pool with this LambdaConfig; returns its id and ARN. */
  const pool = async (lambdaConfig: LambdaConfigType, name = `doctor-${++counter}`): Promise<{ id: string; arn: string; name: string }> => {
    const created = await clients.userPools.send(new CreateUserPoolCommand({ PoolName: name, LambdaConfig: lambdaConfig }));
    const d = await describeUserPool(clients, created.UserPool!.Id!);
    return { id: d.Id!, arn: d.Arn!, name };
  };
  /**
   * Runs an `aws` fix's command as printed (bash, the real AWS CLI), pointed at the fake by
   * --endpoint-url and AWS_ENDPOINT_URL, with dummy keys and no shared config: nothing leaves 127.0.0.1.
   */
  const runAwsFix = async (r: DoctorReport, rule: string): Promise<string> => {
    const fix = r.findings.find((f) => f.rule === rule)?.fix;
    assert.equal(fix?.kind, 'aws', `${rule} has an aws fix`);
    const env = { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), AWS_ENDPOINT_URL: fake.endpoint, AWS_ACCESS_KEY_ID: 'AKIDDUMMY', AWS_SECRET_ACCESS_KEY: 'dummy', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', AWS_EC2_METADATA_DISABLED: 'true' };
    // --endpoint-url on each command too: Debian's awscli 2.9 predates AWS_ENDPOINT_URL.
    const local = fix!.command.split(' && ').map((c) => `${c} --endpoint-url ${fake.endpoint}`).join(' && ');
    await promisify(execFile)('bash', ['-c', local], { env, timeout: 60_000 });
    return fix!.command;
  };
  /** Applies a finding's fix the way Bind Trigger does (plan, then apply), as the user's one step. */
  const applyFix = async (r: DoctorReport, rule: string): Promise<void> => {
    const fix = r.findings.find((f) => f.rule === rule)?.fix;
    assert.ok(fix?.bind, `${rule} has a bind fix`);
    const applied = await applyBind(clients, await planBind(clients, fix.bind));
    assert.equal(applied.partial, undefined);
  };

  before(async () => {
    isolateAwsEnv();
    [cl, fake] = await Promise.all([startCognitoLocal(), startFakeAws({ functions: [], identityPools: [{ id: IDENTITY_POOL, name: 'sync-pool', events: {} }], keys: [] })]);
    clients = await createAwsClients({ region: 'us-east-1', endpoints: { cognitoIdentityProvider: cl.endpoint, lambda: fake.endpoint, cognitoSync: fake.endpoint, cognitoIdentity: fake.endpoint, kms: fake.endpoint }, maxAttempts: 1 });
  });
  after(async () => {
    clients?.destroy();
    await Promise.all([cl?.stop(), fake?.stop()]);
  });

  it('a healthy pool has zero findings', async () => {
    const ok = fn('healthy');
    const p = await pool({ PreSignUp: ok.arn, PostConfirmation: ok.arn });
    ok.statements.push(allow(p.arn));
    const r = await doctorUserPool(clients, p.id, NO_WORKSPACE, { now: NOW });
    assert.deepEqual(r.findings, []);
    assert.deepEqual(r.counts, { error: 0, warning: 0, information: 0 });
    assert.deepEqual(r.checked.map((c) => c.slot), ['PreSignUp', 'PostConfirmation']);
    assert.equal(r.pool.name, p.name);
  });

  it('a deleted function: every sign-up fails; no permission check on a function that is not there', async () => {
    const p = await pool({ PreSignUp: arn('deleted-long-ago') });
    const r = await doctorUserPool(clients, p.id, NO_WORKSPACE, { now: NOW });
    assert.deepEqual(rules(r), ['doctor/function-missing']);
    const f = r.findings[0]!;
    assert.equal(f.severity, 'error');
    assert.ok(f.message.startsWith(`${p.name}: PreSignUp calls ${arn('deleted-long-ago')}, which does not exist`), f.message);
    assert.equal(f.source.url, 'https://repost.aws/knowledge-center/cognito-lambda-trigger-errors');
  });

  it('a missing permission: found, fixed through the bind path, then clean', async () => {
    const hook = fn('no-permission');
    const p = await pool({ PreSignUp: hook.arn });
    const r = await doctorUserPool(clients, p.id, NO_WORKSPACE, { now: NOW });
    assert.deepEqual(rules(r), ['doctor/permission-missing']);
    assert.match(r.findings[0]!.message, /does not let cognito-idp\.amazonaws\.com invoke it for this pool/);
    assert.equal(r.findings[0]!.fix?.command, `cognito-triggers bind --user-pool ${p.id} --trigger PreSignUp --function ${hook.arn}`);
    const updatesBefore = fake.callsOf('AddPermission').length;
    await applyFix(r, 'doctor/permission-missing');
    assert.equal(fake.callsOf('AddPermission').length, updatesBefore + 1);
    assert.deepEqual([fake.callsOf('AddPermission').at(-1)!.params.SourceArn, fake.callsOf('AddPermission').at(-1)!.params.SourceAccount], [p.arn, 'local']);
    assert.deepEqual((await doctorUserPool(clients, p.id, NO_WORKSPACE, { now: NOW })).findings, []);
  });

  it('a policy scoped to another pool is flagged (and fixed); one for another account too', async () => {
    const shared = fn('other-pool-only');
    const p = await pool({ PreAuthentication: shared.arn });
    shared.statements.push(allow(p.arn.replace(/userpool\/.*/, 'userpool/local_SomeoneElse')));
    const r = await doctorUserPool(clients, p.id, NO_WORKSPACE, { now: NOW });
    assert.deepEqual(rules(r), ['doctor/permission-other-pool']);
    assert.match(r.findings[0]!.message, /only for arn:aws:cognito-idp:local:local:userpool\/local_SomeoneElse, not for this pool/);
    await applyFix(r, 'doctor/permission-other-pool');
    assert.deepEqual((await doctorUserPool(clients, p.id, NO_WORKSPACE, { now: NOW })).findings, []);

    const foreign = fn('other-account');
    const q = await pool({ PreAuthentication: foreign.arn });
    foreign.statements.push({ ...allow(q.arn), Condition: { StringEquals: { 'AWS:SourceAccount': '999999999999' } } });
    assert.deepEqual(rules(await doctorUserPool(clients, q.id, NO_WORKSPACE, { now: NOW })), ['doctor/permission-other-account']);
  });

  it('a broad policy (no SourceArn): a warning whose AWS CLI fix adds a scoped statement and removes the broad one; then clean', async (t) => {
    const open = fn('broad');
    open.statements.push({ Sid: 'anyone', Effect: 'Allow', Principal: { Service: 'cognito-idp.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: open.arn });
    const p = await pool({ CustomMessage: open.arn });
    const r = await doctorUserPool(clients, p.id, NO_WORKSPACE, { now: NOW });
    assert.deepEqual(rules(r), ['doctor/permission-broad']);
    assert.equal(r.findings[0]!.severity, 'warning');
    assert.match(r.findings[0]!.message, /statement anyone .* any pool in any AWS account/);
    const sid = `CognitoTriggers-userpool-${p.id}`;
    assert.deepEqual(r.findings[0]!.fix, {
      title: 'Replace statement anyone with one scoped to this pool',
      kind: 'aws',
      command: `aws lambda add-permission --function-name ${open.arn} --statement-id ${sid} --action lambda:InvokeFunction --principal cognito-idp.amazonaws.com --source-arn ${p.arn} --source-account local --region us-east-1 && aws lambda remove-permission --function-name ${open.arn} --statement-id anyone --region us-east-1`,
      steps: [
        { op: 'addPermission', functionArn: open.arn, statementId: sid, principal: 'cognito-idp.amazonaws.com', sourceArn: p.arn, sourceAccount: 'local' },
        { op: 'removePermission', functionArn: open.arn, statementId: 'anyone' },
      ],
    });
    if (!AWS_CLI) return t.skip('no aws CLI on PATH: the printed command was not run');
    await runAwsFix(r, 'doctor/permission-broad');
    assert.deepEqual(open.statements.map((x) => x.Sid), [sid]);
    assert.deepEqual((await doctorUserPool(clients, p.id, NO_WORKSPACE, { now: NOW })).findings, []);
  });

  it("the editor's path for aws fixes: planned against the current state (nothing changes), applied through the SDK, then clean", async () => {
    const open = fn('broad-sdk');
    open.statements.push({ Sid: 'anyone', Effect: 'Allow', Principal: { Service: 'cognito-idp.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: open.arn });
    const p = await pool({ PreSignUp: open.arn });
    const r = await doctorUserPool(clients, p.id, NO_WORKSPACE, { now: NOW });
    const fix = r.findings.find((f) => f.rule === 'doctor/permission-broad')!.fix!;
    const calls = () => fake.calls.filter((c) => ['AddPermission', 'RemovePermission'].includes(c.operation)).length;
    const before = calls();
    const plan = await planAwsFix(clients, fix.title, fix.steps!);
    assert.equal(calls(), before, 'planning changes nothing');
    assert.equal(plan.changes, true);
    assert.match(plan.lines[1]!, /^1\. AddPermission on .*broad-sdk: statement CognitoTriggers-userpool-.* lets cognito-idp\.amazonaws\.com invoke it for .*\. Now: no statement lets/);
    assert.match(plan.lines[2]!, /^2\. RemovePermission on .*: statement anyone removed\. Now: statement anyone is in the policy\./);
    const applied = await applyAwsFix(clients, plan);
    assert.deepEqual([applied.applied.length, applied.notApplied, applied.skipped, applied.error], [2, [], [], undefined]);
    assert.deepEqual(open.statements.map((x) => x.Sid), [`CognitoTriggers-userpool-${p.id}`]);
    assert.deepEqual((await doctorUserPool(clients, p.id, NO_WORKSPACE, { now: NOW })).findings, []);
    // Planned again (a second click on a stale row): every step is already done, nothing is sent.
    const again = await planAwsFix(clients, fix.title, fix.steps!);
    assert.equal(again.changes, false);
    assert.match(again.lines.join('\n'), /Nothing to do: AddPermission .* is there[\s\S]*Nothing to do: RemovePermission .* not in the policy[\s\S]*Every step is already done/);
    const noop = await applyAwsFix(clients, again);
    assert.deepEqual([noop.applied, noop.skipped.length], [[], 2]);
    assert.equal(calls(), before + 2);

    // A key pending deletion: cancel, then enable (planned from one DescribeKey), through KMS.
    const mailer = fn('mailer-sdk');
    fake.state.keys = [...(fake.state.keys ?? []), { arn: KEY('doomed-sdk'), state: 'PendingDeletion' }];
    const k = await pool({ CustomEmailSender: { LambdaArn: mailer.arn, LambdaVersion: 'V1_0' }, KMSKeyID: KEY('doomed-sdk') });
    mailer.statements.push(allow(k.arn));
    const kr = await doctorUserPool(clients, k.id, NO_WORKSPACE, { now: NOW });
    const kfix = kr.findings.find((f) => f.rule === 'doctor/kms-key-unusable')!.fix!;
    assert.deepEqual(kfix.steps, [{ op: 'cancelKeyDeletion', keyId: KEY('doomed-sdk') }, { op: 'enableKey', keyId: KEY('doomed-sdk') }]);
    const kplan = await planAwsFix(clients, kfix.title, kfix.steps!);
    assert.deepEqual(kplan.steps.map((x) => x.todo), [true, true]);
    assert.deepEqual((await applyAwsFix(clients, kplan)).notApplied, []);
    assert.deepEqual((await doctorUserPool(clients, k.id, NO_WORKSPACE, { now: NOW })).findings, []);

    // A deprecated runtime: UpdateFunctionConfiguration, then clean.
    const old = fn('old-sdk', { runtime: 'nodejs16.x' });
    const o = await pool({ PreSignUp: old.arn });
    old.statements.push(allow(o.arn));
    const or = await doctorUserPool(clients, o.id, NO_WORKSPACE, { now: NOW });
    const rfix = or.findings.find((f) => f.rule === 'doctor/runtime-deprecated')!.fix!;
    assert.deepEqual((await applyAwsFix(clients, await planAwsFix(clients, rfix.title, rfix.steps!))).applied, [`UpdateFunctionConfiguration ${old.arn}: Runtime nodejs24.x (the code is not changed)`]);
    assert.equal(old.runtime, 'nodejs24.x');
    assert.deepEqual((await doctorUserPool(clients, o.id, NO_WORKSPACE, { now: NOW })).findings, []);
  });

  it('an aws fix whose second step AWS refuses: the first stays applied, the answer says which was not, and the doctor still finds it', async () => {
    const open = fn('broad-refused');
    open.statements.push({ Sid: 'wide', Effect: 'Allow', Principal: { Service: 'cognito-idp.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: open.arn });
    const p = await pool({ PreSignUp: open.arn });
    const fix = (await doctorUserPool(clients, p.id, NO_WORKSPACE, { now: NOW })).findings[0]!.fix!;
    fake.state.failures = { RemovePermission: { status: 403, type: 'AccessDeniedException', message: 'not allowed: lambda:RemovePermission', times: 1 } };
    try {
      const r = await applyAwsFix(clients, await planAwsFix(clients, fix.title, fix.steps!));
      assert.equal(r.applied.length, 1);
      assert.match(r.applied[0]!, /^AddPermission/);
      assert.equal(r.notApplied.length, 1);
      assert.match(r.notApplied[0]!, /^RemovePermission on .*statement wide removed/);
      assert.equal(r.error?.code, 'AccessDeniedException');
      assert.match(r.error!.message, /RemovePermission/);
    } finally {
      fake.state.failures = {};
    }
    // Cognito may invoke it now (the scoped statement) but the broad one is still there: still a warning.
    assert.deepEqual(open.statements.map((x) => x.Sid), ['wide', `CognitoTriggers-userpool-${p.id}`]);
    const after = await doctorUserPool(clients, p.id, NO_WORKSPACE, { now: NOW });
    assert.deepEqual(rules(after), ['doctor/permission-broad']);
    assert.match(after.findings[0]!.message, /statement CognitoTriggers-userpool-\S+ scopes its policy to this pool, but statement wide also lets/);
    // The rest of the fix: remove the broad statement, then clean.
    const rest = after.findings[0]!.fix!;
    assert.deepEqual(rest.steps, [{ op: 'removePermission', functionArn: open.arn, statementId: 'wide' }]);
    assert.equal((await applyAwsFix(clients, await planAwsFix(clients, rest.title, rest.steps!))).applied.length, 1);
    assert.deepEqual((await doctorUserPool(clients, p.id, NO_WORKSPACE, { now: NOW })).findings, []);
  });

  it('a deleted function: one finding per slot, each fixed by its own unbind (plan/apply), then clean', async () => {
    const gone = arn('gone-for-good');
    const p = await pool({ PreSignUp: gone, PostConfirmation: gone });
    const r = await doctorUserPool(clients, p.id, NO_WORKSPACE, { now: NOW });
    assert.deepEqual(rules(r), ['doctor/function-missing', 'doctor/function-missing']);
    assert.deepEqual(r.findings.map((f) => f.fix?.command), [`cognito-triggers unbind --user-pool ${p.id} --trigger PreSignUp`, `cognito-triggers unbind --user-pool ${p.id} --trigger PostConfirmation`]);
    await applyFix(r, 'doctor/function-missing');
    const again = await doctorUserPool(clients, p.id, NO_WORKSPACE, { now: NOW });
    assert.deepEqual(again.findings.map((f) => f.slot), ['PostConfirmation']);
    await applyFix(again, 'doctor/function-missing');
    const clean = await doctorUserPool(clients, p.id, NO_WORKSPACE, { now: NOW });
    assert.deepEqual([clean.findings, clean.checked], [[], []]);
  });

  it('a V1 pre token slot with a V2 handler: found, fixed by binding V2_0, then clean', async () => {
    const token = fn('token');
    const p = await pool({ PreTokenGenerationConfig: { LambdaArn: token.arn, LambdaVersion: 'V1_0' } });
    token.statements.push(allow(p.arn));
    const ws = memoryFolder(
      { 'src/preToken.ts': ["import type { PreTokenGenerationV2TriggerHandler } from 'aws-lambda';", 'export const handler: PreTokenGenerationV2TriggerHandler = async (event) => {', "  event.response.claimsAndScopeOverrideDetails = { idTokenGeneration: { claimsToAddOrOverride: { tier: 'gold' } } };", '  return event;', '};'].join('\n') },
      [{ file: 'src/preToken.ts', handler: 'handler', functionName: 'token' }],
    );
    const r = await doctorUserPool(clients, p.id, ws, { now: NOW });
    assert.deepEqual(rules(r), ['doctor/pre-token-version']);
    assert.match(r.findings[0]!.message, /LambdaVersion V1_0, but src\/preToken\.ts#handler is written for version 2/);
    assert.deepEqual(r.findings[0]!.fix?.bind, { kind: 'userPool', poolId: p.id, slot: 'PreTokenGenerationConfig', functionName: token.arn, lambdaVersion: 'V2_0' });
    await applyFix(r, 'doctor/pre-token-version');
    assert.equal((await describeUserPool(clients, p.id)).LambdaConfig?.PreTokenGenerationConfig?.LambdaVersion, 'V2_0');
    assert.deepEqual((await doctorUserPool(clients, p.id, ws, { now: NOW })).findings, []);
  });

  it('custom sender KMS key: unset, missing, disabled, pending deletion, asymmetric; an enabled key is clean', async () => {
    const mailer = fn('mailer');
    const sender = (keyId?: string): LambdaConfigType => ({ CustomEmailSender: { LambdaArn: mailer.arn, LambdaVersion: 'V1_0' }, ...(keyId ? { KMSKeyID: keyId } : {}) });
    fake.state.keys = [{ arn: KEY('good') }, { arn: KEY('off'), state: 'Disabled' }, { arn: KEY('doomed'), state: 'PendingDeletion' }, { arn: KEY('rsa'), keySpec: 'RSA_2048' }];
    const check = async (keyId?: string) => {
      const p = await pool(sender(keyId));
      mailer.statements.push(allow(p.arn, 'cognito-idp.amazonaws.com', `s${counter}`));
      return doctorUserPool(clients, p.id, NO_WORKSPACE, { now: NOW });
    };
    assert.deepEqual((await check(KEY('good'))).findings, []);
    const unset = await check();
    assert.deepEqual(rules(unset), ['doctor/kms-key-missing']);
    assert.match(unset.findings[0]!.message, /KMSKeyID is not set/);
    // The fix is a bind with a key only the user knows: the command says where it goes.
    const rebind = unset.findings[0]!.fix!;
    assert.deepEqual([rebind.kind, rebind.ask, rebind.command], ['bind', 'kmsKey', `cognito-triggers bind --user-pool ${unset.pool.id} --trigger CustomEmailSender --function ${mailer.arn} --lambda-version V1_0 --kms-key '<KMS key ARN>'`]);
    const bound = await applyBind(clients, await planBind(clients, { ...(rebind.bind as { kind: 'userPool'; poolId: string; slot: string }), kmsKeyId: KEY('good') }));
    assert.equal(bound.partial, undefined);
    assert.deepEqual((await doctorUserPool(clients, unset.pool.id, NO_WORKSPACE, { now: NOW })).findings, []);
    const missing = await check(KEY('never-created'));
    assert.deepEqual(rules(missing), ['doctor/kms-key-missing']);
    assert.match(missing.findings[0]!.message, /does not exist/);
    const off = await check(KEY('off'));
    assert.deepEqual(rules(off), ['doctor/kms-key-unusable']);
    assert.match(off.findings[0]!.message, /its state is Disabled.*Enable it/);
    assert.deepEqual([off.findings[0]!.fix?.kind, off.findings[0]!.fix?.command], ['aws', `aws kms enable-key --key-id ${KEY('off')} --region us-east-1`]);
    const doomed = await check(KEY('doomed'));
    assert.match(doomed.findings[0]!.message, /PendingDeletion.*Cancel the deletion, then enable it/);
    assert.equal(doomed.findings[0]!.fix?.command, `aws kms cancel-key-deletion --key-id ${KEY('doomed')} --region us-east-1 && aws kms enable-key --key-id ${KEY('doomed')} --region us-east-1`);
    const rsa = await check(KEY('rsa'));
    assert.match(rsa.findings[0]!.message, /RSA_2048 key, not a symmetric encryption key/);
    assert.deepEqual([rsa.findings[0]!.fix?.kind, rsa.findings[0]!.fix?.ask], ['bind', 'kmsKey']);
    if (AWS_CLI) {
      await runAwsFix(off, 'doctor/kms-key-unusable');
      assert.deepEqual((await doctorUserPool(clients, off.pool.id, NO_WORKSPACE, { now: NOW })).findings, []);
    }
    assert.ok(fake.callsOf('DescribeKey').every((c) => c.authorization.startsWith('AWS4-HMAC-SHA256')), 'DescribeKey is signed like a real KMS call');
  });

  it('a deprecated runtime is a warning, one deprecated soon information; a callback handler on nodejs24.x an error', async () => {
    const old = fn('old-runtime', { runtime: 'nodejs16.x' });
    const soon = fn('soon-runtime', { runtime: 'nodejs22.x' });
    const cb = fn('callback-style', { runtime: 'nodejs24.x' });
    const p = await pool({ PreSignUp: old.arn, PostConfirmation: soon.arn, PreAuthentication: cb.arn });
    for (const f of [old, soon, cb]) f.statements.push(allow(p.arn));
    const ws = memoryFolder({ 'cb.js': 'exports.handler = (event, context, callback) => {\n  callback(null, event);\n};\n', 'ok.js': 'exports.handler = async (event) => event;\n' }, [
      { file: 'cb.js', handler: 'handler', functionName: cb.arn },
      { file: 'ok.js', handler: 'handler', functionName: 'soon-runtime' },
    ]);
    const r = await doctorUserPool(clients, p.id, ws, { now: NOW });
    assert.deepEqual(rules(r).sort(), ['doctor/handler-style', 'doctor/runtime-deprecated', 'doctor/runtime-deprecating']);
    assert.match(r.findings.find((f) => f.rule === 'doctor/runtime-deprecated')!.message, /nodejs16\.x, deprecated since 2024-06-12/);
    assert.match(r.findings.find((f) => f.rule === 'doctor/runtime-deprecating')!.message, /nodejs22\.x, which Lambda deprecates on 2027-04-30/);
    const style = r.findings.find((f) => f.rule === 'doctor/handler-style')!;
    assert.equal(style.severity, 'error');
    assert.match(style.message, /cb\.js#handler .* is a callback-style handler: on nodejs24\.x the function fails/);
    assert.equal(style.source.url, 'https://aws.amazon.com/blogs/compute/node-js-24-runtime-now-available-in-aws-lambda/');
    // Each finding names the runtime to move to: the newest not deprecated; one that runs callbacks for a callback handler.
    const command = (rule: string) => r.findings.find((f) => f.rule === rule)!.fix?.command;
    assert.equal(command('doctor/runtime-deprecated'), `aws lambda update-function-configuration --function-name ${old.arn} --runtime nodejs24.x --region us-east-1`);
    assert.equal(command('doctor/runtime-deprecating'), `aws lambda update-function-configuration --function-name ${soon.arn} --runtime nodejs24.x --region us-east-1`);
    assert.equal(command('doctor/handler-style'), `aws lambda update-function-configuration --function-name ${cb.arn} --runtime nodejs22.x --region us-east-1`);
    if (!AWS_CLI) return;
    for (const rule of ['doctor/runtime-deprecated', 'doctor/handler-style']) await runAwsFix(r, rule);
    const after = await doctorUserPool(clients, p.id, ws, { now: NOW });
    // nodejs22.x runs the callback handler; it is itself deprecated soon, which stays as information.
    assert.deepEqual(rules(after).sort(), ['doctor/runtime-deprecating', 'doctor/runtime-deprecating']);
    assert.deepEqual(after.findings.map((f) => f.functionArn).sort(), [cb.arn, soon.arn]);
  });

  it("drift: the IaC wires a function the pool does not call (or nothing); binding the IaC's function makes it clean", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'doctor-iac-'));
    try {
      fs.mkdirSync(path.join(root, 'src'));
      fs.writeFileSync(path.join(root, 'src/preSignUp.js'), 'exports.handler = async (event) => event;\n');
      fs.writeFileSync(path.join(root, 'src/post.js'), 'exports.handler = async (event) => event;\n');
      const poolName = `shop-users-${++counter}`;
      fs.writeFileSync(
        path.join(root, 'serverless.yml'),
        ['service: shop', 'provider:', '  name: aws', '  runtime: nodejs24.x', 'functions:', '  preSignUp:', '    name: shop-pre-sign-up', '    handler: src/preSignUp.handler', '    events:', '      - cognitoUserPool:', `          pool: ${poolName}`, '          trigger: PreSignUp', '          existing: true', '  post:', '    name: shop-post', '    handler: src/post.handler', '    events:', '      - cognitoUserPool:', `          pool: ${poolName}`, '          trigger: PostConfirmation', '          existing: true', ''].join('\n'),
      );
      const iacFn = fn('shop-pre-sign-up');
      const stray = fn('hand-made');
      const post = fn('shop-post');
      const p = await pool({ PreSignUp: stray.arn }, poolName);
      for (const f of [iacFn, stray, post]) f.statements.push(allow(p.arn));
      const ws: DoctorWorkspace = { folders: [await diskFolder(root)] };
      const r = await doctorUserPool(clients, p.id, ws, { now: NOW });
      assert.deepEqual(rules(r), ['doctor/drift', 'doctor/drift']);
      assert.match(r.findings[0]!.message, /serverless\.yml:\d+ wires shop-pre-sign-up to PreSignUp, but the pool calls arn:aws:lambda:us-east-1:123456789012:function:hand-made/);
      assert.match(r.findings[1]!.message, /wires shop-post to PostConfirmation, but the pool calls nothing there/);
      for (const f of r.findings) {
        const applied = await applyBind(clients, await planBind(clients, f.fix!.bind!));
        assert.equal(applied.partial, undefined);
      }
      assert.deepEqual((await doctorUserPool(clients, p.id, ws, { now: NOW })).findings, []);
      // Another pool's name: the IaC is not compared with it, and the report says so.
      const other = await pool({ PreSignUp: iacFn.arn });
      iacFn.statements.push(allow(other.arn, 'cognito-idp.amazonaws.com', 'other'));
      const o = await doctorUserPool(clients, other.id, ws, { now: NOW });
      assert.deepEqual(o.findings, []);
      assert.match(o.notes.join('\n'), /names no pool called "doctor-\d+": drift not checked/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("drift for a pool whose name the template computes: matched by CloudFormation's logical-id tag; without tags, the note says why it could not be matched", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'doctor-cfn-'));
    try {
      fs.mkdirSync(path.join(root, 'src'));
      fs.writeFileSync(path.join(root, 'src/app.js'), 'exports.handler = async (event) => event;\n');
      fs.writeFileSync(
        path.join(root, 'template.yaml'),
        ['AWSTemplateFormatVersion: "2010-09-09"', 'Transform: AWS::Serverless-2016-10-31', 'Parameters:', '  Prefix: { Type: String }', 'Resources:', '  SignUpFn:', '    Type: AWS::Serverless::Function', '    Properties:', '      FunctionName: !Sub "${Prefix}-sign-up"', '      CodeUri: src/', '      Handler: app.handler', '      Runtime: nodejs24.x', '      Events:', '        SignUp:', '          Type: Cognito', '          Properties:', '            UserPool: !Ref Users', '            Trigger: PreSignUp', '  Users:', '    Type: AWS::Cognito::UserPool', '    Properties:', '      UserPoolName: !Sub "${Prefix}"', ''].join('\n'),
      );
      const stray = fn('by-hand');
      const ws: DoctorWorkspace = { folders: [await diskFolder(root)] };
      // Deployed by a stack: CloudFormation's tags name the template's resource (cognito-local keeps UserPoolTags).
      const name = `acme-${++counter}`;
      const created = await clients.userPools.send(new CreateUserPoolCommand({ PoolName: name, LambdaConfig: { PreSignUp: stray.arn }, UserPoolTags: { 'aws:cloudformation:logical-id': 'Users', 'aws:cloudformation:stack-name': 'shop' } }));
      const tagged = await describeUserPool(clients, created.UserPool!.Id!);
      stray.statements.push(allow(tagged.Arn!));
      const r = await doctorUserPool(clients, tagged.Id!, ws, { now: NOW });
      assert.deepEqual(rules(r), ['doctor/drift']);
      assert.match(r.findings[0]!.message, /template\.yaml:\d+ wires \*-sign-up to PreSignUp, but the pool calls \S+:function:by-hand/);
      // The same name without the tags: nothing to match the computed name with, and the report says why.
      const bare = await pool({ PreSignUp: stray.arn });
      stray.statements.push(allow(bare.arn, 'cognito-idp.amazonaws.com', 'bare'));
      const b = await doctorUserPool(clients, bare.id, ws, { now: NOW });
      assert.deepEqual(b.findings, []);
      assert.ok(b.notes.some((n) => /^Could not match the IaC's pool Users \(doctor-cfn-\w+\/template\.yaml:\d+\) with this pool: the name is computed from \$\{Prefix\}, which has no default, and the pool has no aws:cloudformation:logical-id tag to match its logical id Users instead\. Drift was not checked against it\.$/.test(n)), b.notes.join('\n'));
      // Another stack's pool with the same logical id is not this one.
      const other = await clients.userPools.send(new CreateUserPoolCommand({ PoolName: `other-${counter}`, LambdaConfig: { PreSignUp: stray.arn }, UserPoolTags: { 'aws:cloudformation:logical-id': 'Admins' } }));
      const o = await doctorUserPool(clients, other.UserPool!.Id!, ws, { now: NOW });
      assert.equal(o.findings.filter((x) => x.rule === 'doctor/drift').length, 0);
      assert.match(o.notes.join('\n'), /names no pool called "other-\d+": drift not checked/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('drift for a Terraform pool named from ${var.prefix}: the .tfvars value finds the pool; with no value, the wildcard name; with nothing literal, the note says why', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'doctor-tf-'));
    try {
      const poolName = `tfacme${++counter}-users`;
      const write = (rel: string, text: string) => fs.writeFileSync(path.join(root, rel), text);
      write('index.js', 'exports.handler = async (event) => event;\n');
      write('variables.tf', 'variable "prefix" {}\n');
      write('main.tf', ['resource "aws_cognito_user_pool" "users" {', '  name = "${var.prefix}-users"', '  lambda_config {', '    pre_sign_up = aws_lambda_function.pre.arn', '  }', '}', 'resource "aws_lambda_function" "pre" {', '  function_name = "tf-pre-sign-up"', '  handler       = "index.handler"', '  runtime       = "nodejs24.x"', '}', ''].join('\n'));
      write('terraform.tfvars', `prefix = "${poolName.replace(/-users$/, '')}"\n`);
      const stray = fn('tf-by-hand');
      const p = await pool({ PreSignUp: stray.arn }, poolName);
      stray.statements.push(allow(p.arn));
      const drift = async () => doctorUserPool(clients, p.id, { folders: [await diskFolder(root)] }, { now: NOW });
      const r = await drift();
      assert.deepEqual(rules(r), ['doctor/drift']);
      assert.match(r.findings[0]!.message, /main\.tf:4 wires tf-pre-sign-up to PreSignUp, but the pool calls \S+:function:tf-by-hand/);
      // Another value in .tfvars: another pool, not this one.
      write('terraform.tfvars', 'prefix = "blog"\n');
      assert.deepEqual(rules(await drift()), []);
      // No value at all: the wildcard *-users still finds it.
      fs.rmSync(path.join(root, 'terraform.tfvars'));
      assert.deepEqual(rules(await drift()), ['doctor/drift']);
      // A name that is nothing but the variable: nothing to match, and the note says why.
      write('main.tf', fs.readFileSync(path.join(root, 'main.tf'), 'utf8').replace('"${var.prefix}-users"', 'var.prefix'));
      const none = await drift();
      assert.deepEqual(rules(none), []);
      assert.ok(none.notes.some((n) => n.includes("Could not match the IaC's pool aws_cognito_user_pool.users") && n.includes('the name is computed from ${var.prefix}, which has no default and no .tfvars file sets it.')), none.notes.join('\n'));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("drift for a CDK pool: cdk.out's logical id matches the pool's aws:cloudformation:logical-id tag exactly; another hash is another pool", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'doctor-cdk-'));
    try {
      const write = (rel: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
        fs.writeFileSync(path.join(root, rel), text);
      };
      write('cdk.json', '{ "app": "npx ts-node bin/app.ts" }');
      write('lambda/pre.ts', 'export const handler = async (event) => event;\n');
      write('lib/auth.ts', ["import { Stack } from 'aws-cdk-lib';", "import * as cognito from 'aws-cdk-lib/aws-cognito';", "import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';", 'export class AuthStack extends Stack {', '  constructor(scope, id, props) {', '    super(scope, id, props);', "    const fn = new NodejsFunction(this, 'PreSignUp', { entry: 'lambda/pre.ts', functionName: 'cdk-pre-sign-up' });", "    new cognito.UserPool(this, 'Users', { lambdaTriggers: { preSignUp: fn } });", '  }', '}', ''].join('\n'));
      write('cdk.out/AuthStack.template.json', JSON.stringify({ Resources: { Users0A0EEA89: { Type: 'AWS::Cognito::UserPool', Metadata: { 'aws:cdk:path': 'AuthStack/Users/Resource' } } } }));
      const stray = fn('cdk-by-hand');
      const ws: DoctorWorkspace = { folders: [await diskFolder(root)] };
      const tagged = async (logicalId: string) => {
        const c = await clients.userPools.send(new CreateUserPoolCommand({ PoolName: `cdk-${++counter}`, LambdaConfig: { PreSignUp: stray.arn }, UserPoolTags: { 'aws:cloudformation:logical-id': logicalId, 'aws:cloudformation:stack-name': 'AuthStack' } }));
        const d = await describeUserPool(clients, c.UserPool!.Id!);
        stray.statements.push(allow(d.Arn!, 'cognito-idp.amazonaws.com', `cdk${counter}`));
        return doctorUserPool(clients, d.Id!, ws, { now: NOW });
      };
      const r = await tagged('Users0A0EEA89');
      assert.deepEqual(rules(r), ['doctor/drift']);
      assert.match(r.findings[0]!.message, /lib\/auth\.ts:\d+ wires cdk-pre-sign-up to PreSignUp, but the pool calls \S+:function:cdk-by-hand/);
      assert.deepEqual(rules(await tagged('UsersFFFFFFFF')), []);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('identity pool: a Sync trigger without the cognito-sync permission, fixed, then clean', async () => {
    const sync = fn('sync-handler');
    fake.state.identityPools[0]!.events = { SyncTrigger: sync.arn };
    const r = await doctorIdentityPool(clients, IDENTITY_POOL, NO_WORKSPACE, { now: NOW });
    assert.deepEqual(rules(r), ['doctor/permission-missing']);
    assert.ok(r.findings[0]!.message.startsWith('sync-pool: SyncTrigger calls'), r.findings[0]!.message);
    assert.match(r.findings[0]!.message, /cognito-sync\.amazonaws\.com/);
    await applyFix(r, 'doctor/permission-missing');
    assert.deepEqual((await doctorIdentityPool(clients, IDENTITY_POOL, NO_WORKSPACE, { now: NOW })).findings, []);
  });
});
