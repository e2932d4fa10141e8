// Test helper process: calls runRemoteInvoke with the JSON options in argv and exits with its code.
import { runRemoteInvoke } from '../../server/src/cli/remoteInvoke';

const json = process.argv[process.argv.indexOf('--') + 1] ?? '{}';
void runRemoteInvoke(JSON.parse(json) as Parameters<typeof runRemoteInvoke>[0]).then((code) => {
  process.exitCode = code;
});
