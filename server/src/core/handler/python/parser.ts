// Loads tree-sitter (web-tree-sitter) and its Python grammar once, then parses synchronously. Loading is
// async (WebAssembly): hosts call `loadPython()` at start or first use and await it before analysing.
import * as path from 'node:path';
import { Language, Parser, type Tree } from 'web-tree-sitter';
import { initTreeSitter } from '../../treeSitter';
import { copyTree, type Node } from './tree';

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

/** Parses Python text into plain JavaScript nodes (tree.ts) and its comments; undefined before the parser is loaded. */
export function parsePythonNodes(text: string): { root: Node; comments: Node[] } | undefined {
  const tree = parsePython(text);
  if (!tree) return undefined;
  try {
    return copyTree(tree, text);
  } finally {
    tree.delete();
  }
}
