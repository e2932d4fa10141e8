// Bench: multi-MB handler files (bundles). (1) The JavaScript front end's cost by size, in process, to show
// how it grows; (2) over LSP, a small document's completion while a 5 MB bundle is opened and edited,
// against the same completion with no bundle open (the anchor). Printed: medians, p95 and the ratio.
import { analyzeDocument } from '../server/src/core/handler/analyze';
import { MAX_ANALYSED_HANDLER_CHARS } from '../server/src/core/handler/description';
import { analyzeJavaScript } from '../server/src/core/handler/javascript/analyze';
import { caret, startServer, type TestServer } from '../test/server/harness';
import { bundle } from '../test/server/bundle';

const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length - 1) * p))] ?? NaN;
const ms = (n: number): string => `${n.toFixed(1)} ms`;

function frontEnd(): void {
  console.log('JavaScript front end, in process (one run each; machine load shows here):');
  console.log('| size | front end | ms per MB | dispatcher (analyzeDocument) |');
  console.log('|---|---|---|---|');
  for (const kb of [64, 128, 256, 1024, 3072, 5120]) {
    const text = bundle(kb * 1024);
    const input = { text, languageId: 'javascript', fileName: 'dist/b.js' };
    // The front end alone is measured only up to 1 MB: beyond, one run takes tens of seconds.
    let front = '(not run)';
    let perMb = '';
    if (kb <= 1024) {
      const t = performance.now();
      analyzeJavaScript(input);
      const d = performance.now() - t;
      front = ms(d);
      perMb = ms(d / (text.length / 1048576));
    }
    const t2 = performance.now();
    const a = analyzeDocument(input);
    const d2 = performance.now() - t2;
    console.log(`| ${kb} KB | ${front} | ${perMb} | ${ms(d2)}${a.tooLarge ? ' (too large: not analysed)' : ''} |`);
  }
  console.log(`(threshold: ${MAX_ANALYSED_HANDLER_CHARS} characters)`);
}

async function completions(server: TestServer, uri: string, position: { line: number; character: number }, n: number, between?: (i: number) => void): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    between?.(i);
    const t = performance.now();
    await server.request('textDocument/completion', { textDocument: { uri }, position });
    out.push(performance.now() - t);
  }
  return out;
}

async function overLsp(): Promise<void> {
  const server = await startServer();
  try {
    const small = caret('// @cognito-trigger PreSignUp\nexports.handler = async (event) => {\n  const a = event.request.|\n  return event;\n};\n');
    const uri = `${server.workspaceUri}/src/preSignUp.js`;
    const opened = server.diagnostics(uri, 1);
    server.open(uri, small.text, 'javascript');
    await opened;
    const N = 30;
    const anchor = await completions(server, uri, small.position, N);
    const big = bundle(5 * 1024 * 1024);
    const bigUri = `${server.workspaceUri}/dist/preSignUp.js`;
    server.open(bigUri, big, 'javascript');
    // Each completion right after an edit of the 5 MB document (a keystroke in the bundle).
    const withBundle = await completions(server, uri, small.position, N, (i) => server.change(bigUri, `${big}// ${i}\n`));
    console.log('\nCompletion in a small handler over LSP (dist/server.js), n = 30 each:');
    console.log('| | p50 | p95 |');
    console.log('|---|---|---|');
    console.log(`| anchor: no other document open | ${ms(pct(anchor, 0.5))} | ${ms(pct(anchor, 0.95))} |`);
    console.log(`| ours: right after each edit of a 5 MB bundle | ${ms(pct(withBundle, 0.5))} | ${ms(pct(withBundle, 0.95))} |`);
    console.log(`ratio p95 ours/anchor: ${(pct(withBundle, 0.95) / pct(anchor, 0.95)).toFixed(2)}x`);
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  frontEnd();
  await overLsp();
}

void main();
