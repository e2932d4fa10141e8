// Unit: building the AWS clients silences the SDK's NodeVersionSupportWarning and no other warning.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createAwsClients } from '../../server/src/core/aws/clients';

it('no NodeVersionSupportWarning from our clients; other warnings still reach the process; env left as found', async () => {
  // node --test runs each file in its own process, so no SDK client was built before this one.
  const seen: string[] = [];
  const listener = (w: Error) => void seen.push(w.message);
  process.on('warning', listener);
  try {
    delete process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    const clients = await createAwsClients({ region: 'us-east-1', endpointUrl: 'http://127.0.0.1:9' });
    clients.destroy();
    (await createAwsClients({ region: 'us-east-1', endpointUrl: 'http://127.0.0.1:9' })).destroy();
    process.emitWarning('an unrelated warning');
    await new Promise((r) => setImmediate(r)); // warnings are delivered on the next tick
    assert.deepEqual(seen, ['an unrelated warning']);
    assert.equal(process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED, undefined, 'child processes keep their own warning');
  } finally {
    process.off('warning', listener);
  }
});
