// Worker thread entry (dist/analysisWorker.js): analyses large handler documents for the language server,
// so that parsing one of them never holds up another document's requests (workspace/offThread.ts).
import * as os from 'node:os';
import { parentPort } from 'node:worker_threads';
import { analyzeDocumentAsync, type AnalyzeInput } from './core/handler/analyze';
import { toPlain } from './core/handler/transfer';

// Below the server's own priority: on Linux setpriority(0) applies to the calling thread only, so the
// event loop (every other document's requests) wins the CPU over a long analysis. Elsewhere it may apply
// to the process or fail; either is harmless.
try {
  os.setPriority(os.constants.priority.PRIORITY_BELOW_NORMAL);
} catch {
  // not permitted: analyse at normal priority
}

parentPort?.on('message', (m: { id: number; input: AnalyzeInput }) => {
  analyzeDocumentAsync(m.input).then(
    (a) => parentPort?.postMessage({ id: m.id, analysis: toPlain(a) }),
    (e: unknown) => parentPort?.postMessage({ id: m.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
});
