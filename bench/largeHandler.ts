// Bench: large handler files. (1) Scaling: analysis CPU time of JS and Python handlers at 16–256 KB, realistic
// (helpers, one big handler) and pathological (a long member chain, deep nesting, many branches), with the
// growth per doubling and the fitted exponent (1.0 = linear); (2) the JavaScript front end's cost by size up
// to multi-MB bundles; (3) over LSP, a small document's completion while a 5 MB bundle is opened and edited,
// against the same completion with no bundle open (the anchor). Printed: medians, p95 and the ratio.
import * as os from 'node:os';
import { analyzeDocument } from '../server/src/core/handler/analyze';
import { MAX_ANALYSED_HANDLER_CHARS } from '../server/src/core/handler/description';
import { analyzeJavaScript } from '../server/src/core/handler/javascript/analyze';
import { loadPython } from '../server/src/core/handler/python/parser';
import { HANDLER_SHAPES, jsHandler, pyHandler } from '../test/server/handlerShapes';
import { caret, startServer, type TestServer } from '../test/server/harness';
import { bundle } from '../test/server/bundle';

const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length - 1) * p))] ?? NaN;
const ms = (n: number): string => `${n.toFixed(1)} ms`;

/** CPU time of one call, ms (this thread; the machine's load inflates wall time, much less CPU time). */
function cpuMs(f: () => void): number {
  const c = process.cpuUsage();
  f();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
}

async function scaling(): Promise<void> {
  await loadPython();
  const sizes = [16, 32, 64, 128, 256];
  console.log('Analysis CPU time by size (min of 3 runs each, in process; growth: time ratio per doubling, 2.0 = linear):');
  console.log(`| language | shape | ${sizes.map((k) => `${k} KB`).join(' | ')} | growth per doubling | exponent 16→256 KB |`);
  console.log(`|---|---|${sizes.map(() => '---').join('|')}|---|---|`);
  for (const [lang, make, languageId, ext] of [['JavaScript', jsHandler, 'javascript', 'js'], ['Python', pyHandler, 'python', 'py']] as const) {
    for (const shape of HANDLER_SHAPES) {
      const notes = new Set<string>();
      // Warm the front end first (JIT), so the smallest size does not carry the start-up cost.
      analyzeDocument({ text: make(shape, 32 * 1024), languageId, fileName: `warm/${shape}.${ext}` });
      const times = sizes.map((kb) => {
        // Just under the size: 256 KB itself is the cap above which nothing is analysed.
        const text = make(shape, kb * 1024 - 2048);
        const runs = [0, 1, 2].map((run) =>
          cpuMs(() => {
            // A new file name each run: the JavaScript front end re-parses a known file incrementally.
            const a = analyzeDocument({ text, languageId, fileName: `src/${shape}-${kb}-${run}.${ext}` });
            if (a.tooDeep) notes.add(`${kb} KB+: too deep for the parser, one note`);
            if (a.tooLarge !== undefined) notes.add(`${kb} KB: over the cap`);
          }),
        );
        return Math.min(...runs);
      });
      const growth = times.slice(1).map((t, i) => (t / (times[i] as number)).toFixed(1)).join(' ');
      const exponent = Math.log((times[4] as number) / (times[0] as number)) / Math.log(16);
      console.log(`| ${lang} | ${shape}${notes.size ? ` (${[...notes][0]})` : ''} | ${times.map((t) => ms(t)).join(' | ')} | ${growth} | ${exponent.toFixed(2)} |`);
    }
  }
  console.log('');
}

function frontEnd(): void {
  console.log('JavaScript front end, in process (one run each, CPU time; the dispatcher column is wall time):');
  console.log('| size | front end | ms per MB | dispatcher (analyzeDocument) |');
  console.log('|---|---|---|---|');
  for (const kb of [64, 128, 256, 1024, 3072, 5120]) {
    const text = bundle(kb * 1024);
    const input = { text, languageId: 'javascript', fileName: 'dist/b.js' };
    // The front end alone (past the size cap, as the issue measured it: 3 MB 23 s, 5 MB 53 s then), CPU time.
    const c = process.cpuUsage();
    analyzeJavaScript(input);
    const used = process.cpuUsage(c);
    const d = (used.user + used.system) / 1000;
    const front = ms(d);
    const perMb = ms(d / (text.length / 1048576));
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
  console.log(`cores ${os.cpus().length}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  await scaling();
  if (process.env.BENCH_ONLY === 'scaling') return;
  frontEnd();
  await overLsp();
}

void main();
