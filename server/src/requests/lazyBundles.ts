// Bundles the server loads on first use from beside dist/server.js, so that code no editing feature needs
// (the Encryption SDK, the KMS client, jose) is neither parsed nor run at start-up (see esbuild.mjs
// entryPoints; requests/aws.ts loads dist/awsOperations.js the same way).
import * as path from 'node:path';

const loaded = new Map<string, Promise<unknown>>();

function sibling<T>(name: string): Promise<T> {
  let p = loaded.get(name);
  if (!p) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime path to a sibling bundle, on purpose not bundled here
    p = Promise.resolve().then(() => require(path.join(__dirname, `${name}.js`)) as unknown);
    loaded.set(name, p);
  }
  return p as Promise<T>;
}

/** dist/flows.js: the flow engine and the sender crypto (server/src/core/flows/bundle.ts). */
export const flowsBundle = (): Promise<typeof import('../core/flows/bundle.js')> => sibling('flows');
