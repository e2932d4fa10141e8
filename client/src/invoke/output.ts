// Streams a running handler's console output (server notification) into the log channel, line by line.
import type { LanguageClient } from 'vscode-languageclient/node';
import { InvokeOutputNotification } from '../../../server/src/core/protocol';
import { onNotification } from '../languageClient';
import { log } from '../log';

const listening = new WeakSet<LanguageClient>();
const partial = new Map<string, string>();

/** Writes complete lines; keeps a trailing partial line until its end arrives. */
function write(p: InvokeOutputNotification.Params): void {
  const key = `${p.runId}|${p.stream}`;
  const text = (partial.get(key) ?? '') + p.text;
  const lines = text.split(/\r?\n/);
  const rest = lines.pop() ?? '';
  if (rest) partial.set(key, rest);
  else partial.delete(key);
  for (const line of lines) {
    if (p.stream === 'info') log().info(line);
    else if (p.stream === 'stderr') log().warn(`  │ ${line}`);
    else log().info(`  │ ${line}`);
  }
}

/** Flushes what is left of a run's output (a last line without a newline). */
export function flushOutput(runId: string): void {
  for (const stream of ['stdout', 'stderr'] as const) {
    const rest = partial.get(`${runId}|${stream}`);
    if (rest) write({ runId, stream, text: '\n' });
  }
}

/** Subscribes the client (once per client: a restart creates a new one) to invoke output. */
export function ensureOutputListener(client: LanguageClient): void {
  if (listening.has(client)) return;
  listening.add(client);
  onNotification(client, InvokeOutputNotification.type, write);
}
