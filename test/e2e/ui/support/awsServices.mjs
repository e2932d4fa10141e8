// For UI steps that call "AWS": starts cognito-local and the fake Lambda/Sync/Identity server (test/fakeAws) on 127.0.0.1,
// and gives the environment and settings that point a VS Code at them and nowhere else.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { createRequire } from 'node:module';
import * as path from 'node:path';

/** Dummy credentials: signed requests go to the local services only. */
export const CREDENTIALS = { accessKeyId: 'AKIDUIE2ENOTREAL', secretAccessKey: 'ui-e2e-secret-not-real' };
export const REGION = 'us-east-1';

/**
 * The TypeScript helpers the integration tests use (test/fakeAws/server.ts,
 * test/integration/cognitoLocal.ts), bundled by esbuild into one CommonJS file under .cache/ (inside
 * the repo, so cognito-local resolves from its node_modules) and loaded.
 * @returns {Promise<{ mod: { startFakeAws: Function, startCognitoLocal: Function }, dir: string }>}
 */
async function loadHelpers(root) {
  const dir = path.join(root, '.cache', 'e2e-out', `ui-aws-${process.pid}`);
  const outfile = path.join(dir, 'services.cjs');
  await esbuild.build({
    stdin: {
      contents: "export { startFakeAws } from './test/fakeAws/server';\nexport { startCognitoLocal } from './test/integration/cognitoLocal';\n",
      resolveDir: root,
      sourcefile: 'ui-aws-services.ts',
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  return { mod: createRequire(import.meta.url)(outfile), dir };
}

/**
 * One Cognito user pools API call (awsJson1.1) to cognito-local, which does not check signatures. A
 * plain request rather than the SDK: the test process stays free of the SDK's Node version notice.
 * @returns {Promise<any>}
 */
async function cognitoCall(endpoint, operation, body) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
      authorization: `AWS4-HMAC-SHA256 Credential=${CREDENTIALS.accessKeyId}/20260101/${REGION}/cognito-idp/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`cognito-local ${operation}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** An HTTP server that only counts requests: the catch-all AWS endpoint, which nothing may reach. */
async function startTripwire() {
  const hits = /** @type {string[]} */ ([]);
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url} ${req.headers['x-amz-target'] ?? ''}`.trim());
    res.writeHead(500, { 'content-type': 'application/json', 'x-amzn-ErrorType': 'UnexpectedEndpoint' });
    res.end(JSON.stringify({ message: 'ui e2e: a client used the catch-all endpoint instead of its configured one' }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    endpoint: `http://127.0.0.1:${port}`,
    hits,
    stop: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve(undefined));
    }),
  };
}

/**
 * Starts the services and runs `setup` on them (creating pools, writing files), stopping them again if setup
 * fails; gives the services and what a UI module's `environment.start` returns for them.
 * @param {{ root: string, tmp: string, state: import('../../../fakeAws/state').FakeState }} o
 * @param {(services: Awaited<ReturnType<typeof startAwsServices>>) => Promise<void>} setup
 */
export async function startAwsEnvironment(o, setup) {
  const services = await startAwsServices(o);
  try {
    await setup(services);
  } catch (e) {
    await services.stop();
    throw e;
  }
  return { services, environment: { env: services.env, machineSettings: services.machineSettings, stop: () => services.stop() } };
}

/**
 * Starts the services. `state` is the fake's data (functions, identity pools).
 * @param {{ root: string, tmp: string, state: import('../../../fakeAws/state').FakeState }} o
 */
export async function startAwsServices({ root, tmp, state }) {
  fs.mkdirSync(tmp, { recursive: true });
  const { mod, dir } = await loadHelpers(root);
  const [cognitoLocal, fake, tripwire] = await Promise.all([mod.startCognitoLocal(), mod.startFakeAws(state), startTripwire()]);
  const endpoints = { cognitoIdentityProvider: cognitoLocal.endpoint, lambda: fake.endpoint, cognitoIdentity: fake.endpoint, cognitoSync: fake.endpoint };
  for (const url of [...Object.values(endpoints), tripwire.endpoint]) if (!url.startsWith('http://127.0.0.1:')) throw new Error(`not a loopback endpoint: ${url}`);
  // No AWS_* variable of the machine may leak in (profiles, real keys, endpoints, container or web identity credentials).
  /** @type {Record<string, string | undefined>} */
  const env = Object.fromEntries(Object.keys(process.env).filter((k) => k.startsWith('AWS_')).map((k) => [k, undefined]));
  Object.assign(env, {
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_REGION: REGION,
    AWS_EC2_METADATA_DISABLED: 'true',
    // No shared config or credentials files: HOME is code-server's data folder, and these do not exist.
    AWS_CONFIG_FILE: path.join(tmp, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(tmp, 'no-aws-credentials'),
    // A client without its own endpoint would land on the tripwire (counted), never on AWS.
    AWS_ENDPOINT_URL: tripwire.endpoint,
  });
  return {
    cognitoLocal,
    fake,
    tripwire,
    endpoints,
    env,
    /**
     * The extension's AWS settings, as a person would set them: Region and per-service endpoints. They
     * are `machine-overridable`, so code-server (a remote window) reads them from the remote machine's
     * settings ("Preferences: Open Remote Settings"), not from the user settings.
     */
    machineSettings: { 'cognitoTriggers.aws.region': REGION, 'cognitoTriggers.aws.endpoints': endpoints },
    /** Calls cognito-local's API (awsJson1.1) from the test, e.g. `cognito('DescribeUserPool', { UserPoolId })`. */
    cognito: (operation, body) => cognitoCall(cognitoLocal.endpoint, operation, body),
    async stop() {
      await Promise.all([cognitoLocal.stop(), fake.stop(), tripwire.stop()]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
