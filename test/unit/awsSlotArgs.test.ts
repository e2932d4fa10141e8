// Unit: a bindings-view slot gives invokeLocal the handler lens shape, with a URI that names the file.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { it } from 'node:test';
import { URI } from 'vscode-uri';
import { invokeLocalArg } from '../../client/src/aws/slotArgs';
import { slotRows, type WorkspaceBinding } from '../../server/src/core/aws/bindingsView';

const HOOK = 'arn:aws:lambda:us-east-1:123456789012:function:hook';

it('a slot built by a workspace handler invokes that file and export for its trigger', () => {
  const folder = path.join(path.sep, 'work', 'my app');
  for (const file of ['handlers/preSignUp.js', 'handlers/pre sign#1 50%.ts']) {
    const entry: WorkspaceBinding = { file, handler: 'onSignUp', functionName: 'hook', folder: URI.file(folder).toString() };
    const row = slotRows({ PreSignUp: HOOK }, [entry]).find((r) => r.slot === 'PreSignUp')!;
    const arg = invokeLocalArg(row);
    assert.deepEqual(Object.keys(arg ?? {}).sort(), ['handlerName', 'triggerIds', 'uri'], 'exactly the handler lens shape');
    assert.equal(URI.parse(arg!.uri).fsPath, path.join(folder, file), `the URI names ${file}`);
    assert.deepEqual([arg!.handlerName, arg!.triggerIds], ['onSignUp', ['PreSignUp']]);
  }
  const unbuilt = slotRows({ PreSignUp: HOOK }, []).find((r) => r.slot === 'PreSignUp')!;
  assert.equal(invokeLocalArg(unbuilt), undefined);
});
