// serve-lambda driven by a real emulator: cognito-local, its LambdaClient pointed at our endpoint, runs
// the project's handlers during a real SignUp and sign-in made with the AWS SDK.
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AdminConfirmSignUpCommand, CognitoIdentityProviderClient, CreateUserPoolClientCommand, CreateUserPoolCommand, InitiateAuthCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { parseTriggerFlag } from '../../server/src/core/flows';
import { functionMap, startLambdaEndpoint, type LambdaEndpoint, type ServedInvocation } from '../../server/src/core/flows/lambdaEndpoint';
import { LocalInvoker } from '../../server/src/core/invoke';
import { defaultSettings } from '../../server/src/core/settings';
import { isolateAwsEnv, startCognitoLocal, type CognitoLocal } from './cognitoLocal';
import { buildRunnerInto } from '../runnerBundle';

const FIX = path.resolve(__dirname, '../fixtures/flows');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-serve-'));
let invoker: LocalInvoker;
let endpoint: LambdaEndpoint;
let cognito: CognitoLocal;
const served: ServedInvocation[] = [];

before(async () => {
  isolateAwsEnv();
  const runner = path.join(tmp, 'runner.js');
  buildRunnerInto(tmp);
  invoker = new LocalInvoker(runner);
  const functions = functionMap([
    { name: 'app-pre-sign-up', handler: parseTriggerFlag('PreSignUp=preSignUp.js', FIX) },
    { name: 'app-post-confirmation', handler: parseTriggerFlag('PostConfirmation=postConfirmation.js', FIX) },
    { name: 'app-pre-token', handler: parseTriggerFlag('PreTokenGeneration=preTokenV1.js', FIX) },
  ]);
  endpoint = await startLambdaEndpoint({ invoker, folder: FIX, settings: { ...defaultSettings().invoke, envFile: '' }, functions, onInvocation: (i) => served.push(i) });
  cognito = await startCognitoLocal({
    LambdaClient: { endpoint: endpoint.url, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } },
    TriggerFunctions: { PreSignUp: 'app-pre-sign-up', PostConfirmation: 'app-post-confirmation', PreTokenGeneration: 'app-pre-token' },
  });
});
after(async () => {
  await cognito?.stop();
  await endpoint?.stop();
  invoker?.dispose();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('serve-lambda with cognito-local', () => {
  it('runs PreSignUp, PostConfirmation and pre token generation during SignUp, confirmation and sign-in', async () => {
    const idp = new CognitoIdentityProviderClient({ endpoint: cognito.endpoint, region: 'us-east-1' });
    const pool = await idp.send(new CreateUserPoolCommand({ PoolName: 'app' }));
    const poolId = pool.UserPool?.Id as string;
    const client = await idp.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }));
    const clientId = client.UserPoolClient?.ClientId as string;

    await assert.rejects(idp.send(new SignUpCommand({ ClientId: clientId, Username: 'mallory@evil.test', Password: 'Passw0rd!x', UserAttributes: [{ Name: 'email', Value: 'mallory@evil.test' }] })), (e: Error) => {
      assert.equal(e.name, 'UserLambdaValidationException');
      assert.match(e.message, /Sign-up is closed for mallory@evil\.test/);
      return true;
    });
    const up = await idp.send(new SignUpCommand({ ClientId: clientId, Username: 'sam@example.com', Password: 'Passw0rd!x', UserAttributes: [{ Name: 'email', Value: 'sam@example.com' }] }));
    assert.equal(up.UserConfirmed, false);
    await idp.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: 'sam@example.com' }));
    const auth = await idp.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'sam@example.com', PASSWORD: 'Passw0rd!x' } }));
    const idToken = auth.AuthenticationResult?.IdToken as string;
    const claims = JSON.parse(Buffer.from(idToken.split('.')[1] as string, 'base64url').toString('utf8')) as Record<string, unknown>;
    assert.equal(claims.tenant, 'acme', 'the local pre token generation handler added the claim');

    const sources = served.map((i) => `${i.functionName}:${String((i.result?.input as { triggerSource?: string } | undefined)?.triggerSource)}:${i.result?.outcome.kind}`);
    assert.ok(sources.includes('app-pre-sign-up:PreSignUp_SignUp:error'), sources.join(', '));
    assert.ok(sources.includes('app-pre-sign-up:PreSignUp_SignUp:returned'), sources.join(', '));
    assert.ok(sources.some((s) => s.startsWith('app-post-confirmation:PostConfirmation_ConfirmSignUp')), sources.join(', '));
    assert.ok(sources.some((s) => s.startsWith('app-pre-token:TokenGeneration_')), sources.join(', '));
    const failed = served.find((i) => i.result?.outcome.kind === 'error');
    assert.match(failed?.result?.summary.cognitoError ?? '', /PreSignUp failed with error Sign-up is closed/);
  });

  it('answers an unknown function with ResourceNotFoundException, as Lambda does', async () => {
    const r = await fetch(`${endpoint.url}/2015-03-31/functions/nope/invocations`, { method: 'POST', body: '{}' });
    assert.equal(r.status, 404);
    assert.equal(r.headers.get('x-amzn-errortype'), 'ResourceNotFoundException');
  });
});
