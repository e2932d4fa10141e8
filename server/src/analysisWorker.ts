// Worker thread entry (dist/analysisWorker.js): analyses large handler documents for the language server,
// so that parsing one of them never holds up another document's requests (workspace/offThread.ts).
import { parentPort } from 'node:worker_threads';
import { analyzeDocumentAsync, type AnalyzeInput } from './core/handler/analyze';
import { toPlain } from './core/handler/transfer';

parentPort?.on('message', (m: { id: number; input: AnalyzeInput }) => {
  analyzeDocumentAsync(m.input).then(
    (a) => parentPort?.postMessage({ id: m.id, analysis: toPlain(a) }),
    (e: unknown) => parentPort?.postMessage({ id: m.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
});
