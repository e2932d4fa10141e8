// The CLI loads the AWS SDK only when a subcommand talks to AWS: nothing in the bundle's static import
// graph from cli.ts reaches @aws-sdk, @smithy or @aws-crypto (esbuild evaluates a module reached only
// through import() on first use), so `check` and local `invoke` do not pay for it at start-up.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(__dirname, '..', '..');

test('the CLI start-up graph has no AWS SDK module in it', async () => {
  const r = await esbuild.build({ absWorkingDir: ROOT, entryPoints: ['server/src/cli.ts'], bundle: true, write: false, metafile: true, platform: 'node', format: 'cjs', mainFields: ['module', 'main'], external: ['vscode'], logLevel: 'silent', define: { CLI_VERSION: '"test"', SERVER_VERSION: '"test"' } });
  const inputs = r.metafile.inputs;
  const from = new Map<string, string | undefined>([['server/src/cli.ts', undefined]]);
  const queue = ['server/src/cli.ts'];
  while (queue.length) {
    const file = queue.shift() as string;
    for (const i of inputs[file]?.imports ?? []) {
      if (i.kind === 'dynamic-import' || i.external || from.has(i.path)) continue;
      from.set(i.path, file);
      queue.push(i.path);
    }
  }
  const aws = [...from.keys()].filter((f) => /node_modules\/@(aws-sdk|smithy|aws-crypto)\//.test(f));
  const chain = (f: string | undefined): string[] => (f ? [...chain(from.get(f)), f] : []);
  assert.deepEqual(aws.slice(0, 1).map((f) => chain(f).join(' → ')), [], 'statically imported at start-up');
  // The bundle still holds the SDK for the AWS subcommands.
  assert.ok(Object.keys(inputs).some((f) => f.includes('@aws-sdk/client-cognito-identity-provider')));
});
