// Bench: the worst-case target of performance-anchors.md ("any document: a 10 MB handler, a 100,000-key
// event, 10,000-deep nesting: no request waits over 2 s; other documents never wait behind it"), over LSP
// against dist/server.js. Each document is opened and edited (one-character incremental edits, as an
// editor sends them); every request to it (completion, hover, code lens, code actions, and the
// diagnostics after each edit) is timed, and so is a small handler's completion sent right after each
// edit. Anchors, in the same run: that completion with nothing else open, and the same sequence sent to a
// bare LSP server that does nothing with its documents (bench/bareServer.ts): LSP delivers messages in
// order on one pipe, so what a small document waits there is the protocol's floor (a request sent after
// a 10 MB didOpen is read after those 10 MB). Printed: the longest wait per document and the small
// document's p50/p95/max, ours beside the bare server's.
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { bundle } from '../test/server/bundle';
import { jsHandler } from '../test/server/handlerShapes';
import { caret, REPO_ROOT, startServer, type TestServer } from '../test/server/harness';

const EDITS = Number(process.env.WORST_CASE_EDITS ?? 30);
const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length - 1) * p))] ?? NaN;
const ms = (n: number): string => `${n.toFixed(0)} ms`;

const many = (n: number): string => JSON.stringify({ version: '1', triggerSource: 'PreSignUp_SignUp', region: 'us-east-1', userPoolId: 'us-east-1_x', userName: 'u', callerContext: { awsSdkVersion: '1', clientId: 'c' }, request: { userAttributes: { ...Object.fromEntries(Array.from({ length: n }, (_, i) => [`custom:k${i}`, `v${i}`])) } }, response: {} }, null, 2);

const CASES: { name: string; file: string; languageId: string; text: () => string }[] = [
  { name: '10 MB handler (a bundle)', file: 'dist/preSignUp.js', languageId: 'javascript', text: () => bundle(10 * 1024 * 1024) },
  { name: '100,000-key event', file: 'events/PreSignUp/many.json', languageId: 'json', text: () => many(100_000) },
  { name: '10,000-deep nesting, event JSON', file: 'events/PreSignUp/deep.json', languageId: 'json', text: () => `{"triggerSource": "PreSignUp_SignUp", "request": {"userAttributes": ${'['.repeat(10_000)}${']'.repeat(10_000)}}}` },
  { name: '10,000-deep nesting, handler', file: 'src/deep.js', languageId: 'javascript', text: () => `// @cognito-trigger PreSignUp\nexports.handler = async (event) => {\n${'{\n'.repeat(10_000)}${'}\n'.repeat(10_000)}  return event;\n};\n` },
  { name: '10,000-step member chain, handler', file: 'src/chain.js', languageId: 'javascript', text: () => `// @cognito-trigger PreSignUp\nexports.handler = async (event) => { event.response${'.a'.repeat(10_000)} = 1; return event; };\n` },
  { name: '250 KB handler, analysed (member chain)', file: 'src/big.js', languageId: 'javascript', text: () => jsHandler('member-chain', 250 * 1024) },
];

async function timed<T>(p: Promise<T>): Promise<number> {
  const t = performance.now();
  await p;
  return performance.now() - t;
}

async function smallCompletion(server: TestServer, uri: string, position: { line: number; character: number }): Promise<number> {
  return timed(server.request('textDocument/completion', { textDocument: { uri }, position }));
}

interface Small {
  readonly uri: string;
  readonly position: { line: number; character: number };
}

/** Opens a small handler and returns where its completion is asked, with the anchor waits (nothing else open). */
async function openSmall(server: TestServer): Promise<{ small: Small; alone: number[] }> {
  const c = caret('// @cognito-trigger PreSignUp\nexports.handler = async (event) => {\n  const a = event.request.|\n  return event;\n};\n');
  const small = { uri: `${server.workspaceUri}/src/preSignUp.js`, position: c.position };
  const opened = server.diagnostics(small.uri, 1);
  server.open(small.uri, c.text, 'javascript');
  await opened;
  const alone: number[] = [];
  for (let i = 0; i < 30; i++) alone.push(await smallCompletion(server, small.uri, small.position));
  return { small, alone };
}

/** One document opened, edited EDITS times and closed: its own longest wait and the small document's waits meanwhile. */
async function runCase(server: TestServer, c: (typeof CASES)[number], text: string, small: Small): Promise<{ openMs: number; longest: number; others: number[] }> {
  const uri = `${server.workspaceUri}/${c.file}`;
  const t0 = performance.now();
  const first = server.diagnostics(uri, 1);
  server.open(uri, text, c.languageId);
  const others: number[] = [await smallCompletion(server, small.uri, small.position)];
  await first;
  const openMs = performance.now() - t0;
  let longest = openMs;
  const lines = text.split('\n').length;
  for (let v = 2; v <= EDITS + 1; v++) {
    // Insert a space at the start, then delete it: the text stays valid and the same size.
    const change = v % 2 === 0 ? { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' } : { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: '' };
    const diagnosed = timed(server.diagnostics(uri, v));
    void server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [change] });
    const at = { line: Math.floor(lines / 2), character: 3 };
    const own = [
      timed(server.request('textDocument/completion', { textDocument: { uri }, position: at })),
      timed(server.request('textDocument/hover', { textDocument: { uri }, position: at })),
      timed(server.request('textDocument/codeLens', { textDocument: { uri } })),
      timed(server.request('textDocument/codeAction', { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [] } })),
    ];
    others.push(await smallCompletion(server, small.uri, small.position));
    for (const w of await Promise.all([...own, diagnosed])) longest = Math.max(longest, w);
  }
  server.close(uri);
  return { openMs, longest, others };
}

async function main(): Promise<void> {
  console.log(`cores ${os.cpus().length}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; n = ${EDITS} edits per document (+ its open)`);
  const bareScript = path.join(os.tmpdir(), 'cognito-bench-bareServer.js');
  await esbuild.build({ entryPoints: [path.join(REPO_ROOT, 'bench/bareServer.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: bareScript, mainFields: ['module', 'main'], logLevel: 'warning' });
  const server = await startServer();
  const bare = await startServer({ script: bareScript });
  try {
    const ours = await openSmall(server);
    const floor = await openSmall(bare);
    const trio = (xs: number[]): string => `${ms(pct(xs, 0.5))} / ${ms(pct(xs, 0.95))} / ${ms(Math.max(...xs))}`;
    console.log('\n| document | size | open → diagnostics | longest wait of any request to it | small document completion meanwhile, p50 / p95 / max | same sequence, bare LSP server | ratio p50 / p95 |');
    console.log('|---|---|---|---|---|---|---|');
    let worstAny = 0;
    let worstOther = 0;
    let worstFloor = 0;
    for (const c of CASES.filter((k) => !process.env.WORST_CASE_ONLY || k.name.includes(process.env.WORST_CASE_ONLY))) {
      const text = c.text();
      const r = await runCase(server, c, text, ours.small);
      const b = await runCase(bare, c, text, floor.small);
      worstAny = Math.max(worstAny, r.longest);
      worstOther = Math.max(worstOther, ...r.others);
      worstFloor = Math.max(worstFloor, ...b.others);
      const size = text.length >= 1024 * 1024 ? `${(text.length / 1024 / 1024).toFixed(1)} MB` : `${Math.round(text.length / 1024)} KB`;
      const ratio = (p: number): string => (pct(r.others, p) / Math.max(pct(b.others, p), 0.5)).toFixed(2);
      console.log(`| ${c.name} | ${size} | ${ms(r.openMs)} | ${ms(r.longest)} | ${trio(r.others)} | ${trio(b.others)} | ${ratio(0.5)}x / ${ratio(0.95)}x |`);
    }
    console.log(`\nanchor (small document completion, nothing else open, n = 30): ours p50 ${ms(pct(ours.alone, 0.5))}, p95 ${ms(pct(ours.alone, 0.95))}; bare server p50 ${ms(pct(floor.alone, 0.5))}, p95 ${ms(pct(floor.alone, 0.95))}`);
    console.log(`target: no request waits over 2 s: longest ${ms(worstAny)} (${worstAny <= 2000 ? 'met' : 'NOT met'}); other documents never wait behind it: the small document's longest wait ${ms(worstOther)}, against ${ms(worstFloor)} behind the same documents in the bare server`);
  } finally {
    await Promise.all([server.stop(), bare.stop()]);
  }
}

void main();
