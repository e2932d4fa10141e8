// Loads tree-sitter (web-tree-sitter) and its Python grammar once, then parses synchronously. Loading is
// async (WebAssembly): hosts call `loadPython()` at start or first use and await it before analysing.
import * as path from 'node:path';
import { Edit, Language, Parser, type Point, type Tree } from 'web-tree-sitter';
import { commonPrefix, commonSuffix } from '../offsets';
import { initTreeSitter } from '../../treeSitter';
import { copyTree, type Node, type Reuse } from './tree';

/** The two WebAssembly files: tree-sitter's runtime and the Python grammar. */
export interface PythonWasmFiles {
  readonly runtime: string;
  readonly grammar: string;
}

/** File names the build copies into dist/ (esbuild.mjs), next to the bundles. */
export const PYTHON_WASM = { runtime: 'web-tree-sitter.wasm', grammar: 'tree-sitter-python.wasm' } as const;

/** `true` in the esbuild bundles (esbuild.mjs defines it); undeclared when the sources run (tests). */
declare const IN_BUNDLE: boolean | undefined;

/**
 * Where the files are: next to the running bundle (dist/, in the .vsix and npm package), else in
 * node_modules (tests run the sources). A bundle does not ask `require.resolve`: it walks package
 * exports (a few ms of a cold start) and throws in a package without node_modules.
 */
function defaultFiles(): PythonWasmFiles {
  const here = { runtime: path.join(__dirname, PYTHON_WASM.runtime), grammar: path.join(__dirname, PYTHON_WASM.grammar) };
  if (typeof IN_BUNDLE !== 'undefined' && IN_BUNDLE) return here;
  try {
    return { runtime: require.resolve('web-tree-sitter/web-tree-sitter.wasm'), grammar: require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter-python.wasm') };
  } catch {
    return here;
  }
}

let parser: Parser | undefined;
let loading: Promise<void> | undefined;
let failure: string | undefined;

/** Loads the parser once; later calls return the same promise. Never rejects: see `pythonLoadError()`. */
export function loadPython(files: PythonWasmFiles = defaultFiles()): Promise<void> {
  loading ??= (async () => {
    try {
      await initTreeSitter(files.runtime);
      const language = await Language.load(files.grammar);
      const p = new Parser();
      p.setLanguage(language);
      parser = p;
    } catch (e) {
      failure = `The Python parser could not be loaded (${files.grammar}): ${e instanceof Error ? e.message : String(e)}`;
    }
  })();
  return loading;
}

/** Why the parser failed to load, if it did. */
export function pythonLoadError(): string | undefined {
  return failure;
}

/** True once `loadPython()` has finished successfully. */
export function pythonReady(): boolean {
  return parser !== undefined;
}

/** Parses Python text; undefined before the parser is loaded. Tree-sitter recovers from any error. */
export function parsePython(text: string): Tree | undefined {
  return parser?.parse(text) ?? undefined;
}

/** Documents this large keep their tree and copy for the next version (smaller ones copy in a few ms). */
export const INCREMENTAL_MIN_CHARS = 16 * 1024;
/** How many documents keep them (the ones being edited; each holds a tree in WebAssembly memory). */
const KEPT_DOCUMENTS = 2;

interface Kept {
  readonly text: string;
  readonly tree: Tree;
  readonly root: Node;
  readonly comments: Node[];
}
/** By document key, least recently parsed first. */
const kept = new Map<string, Kept>();

/** The row and column of `offset` in `text` (tree-sitter's edit needs both). */
function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** The one edit that turns `old` into `text`: their common prefix and suffix are untouched. */
function editBetween(old: string, text: string): Edit {
  const start = commonPrefix(old, text);
  const suffix = commonSuffix(old, text, start);
  const oldEnd = old.length - suffix;
  const newEnd = text.length - suffix;
  return new Edit({ startIndex: start, oldEndIndex: oldEnd, newEndIndex: newEnd, startPosition: pointAt(old, start), oldEndPosition: pointAt(old, oldEnd), newEndPosition: pointAt(text, newEnd) });
}

function forget(key: string): void {
  kept.get(key)?.tree.delete();
  kept.delete(key);
}

/**
 * Parses Python text into plain JavaScript nodes (tree.ts) and its comments; undefined before the parser
 * is loaded. With a `key` (the document's file name), a large document's next version is parsed
 * incrementally from the last one and only the top-level statements the edit touched are copied again.
 * Callers must not keep the nodes past their analysis: the next version of the document reuses them.
 */
export function parsePythonNodes(text: string, key?: string): { root: Node; comments: Node[] } | undefined {
  if (!parser) return undefined;
  const prev = key === undefined ? undefined : kept.get(key);
  if (prev && prev.text === text) {
    kept.delete(key as string);
    kept.set(key as string, prev);
    return { root: prev.root, comments: prev.comments };
  }
  let tree: Tree | null;
  let reuse: Reuse | undefined;
  if (prev) {
    const edit = editBetween(prev.text, text);
    prev.tree.edit(edit);
    tree = parser.parse(text, prev.tree);
    if (tree) reuse = { root: prev.root, start: edit.startIndex, oldEnd: edit.oldEndIndex, newEnd: edit.newEndIndex, changed: prev.tree.getChangedRanges(tree) };
  } else tree = parser.parse(text);
  if (key !== undefined) forget(key);
  if (!tree) return undefined;
  const copy = copyTree(tree, text, reuse);
  if (key === undefined || text.length < INCREMENTAL_MIN_CHARS) {
    tree.delete();
    return copy;
  }
  kept.set(key, { text, tree, ...copy });
  for (const k of kept.keys()) if (kept.size > KEPT_DOCUMENTS) forget(k);
  return copy;
}
