// Loads tree-sitter (web-tree-sitter) and its Python grammar once, then parses synchronously. Loading is
// async (WebAssembly): hosts call `loadPython()` at start or first use and await it before analysing.
import * as path from 'node:path';
import { Language, Parser, Query, type Node, type Tree } from 'web-tree-sitter';
import { initTreeSitter } from '../../treeSitter';

/** The two WebAssembly files: tree-sitter's runtime and the Python grammar. */
export interface PythonWasmFiles {
  readonly runtime: string;
  readonly grammar: string;
}

/** File names the build copies into dist/ (esbuild.mjs), next to the bundles. */
export const PYTHON_WASM = { runtime: 'web-tree-sitter.wasm', grammar: 'tree-sitter-python.wasm' } as const;

/**
 * Where the files are: next to the running bundle (dist/, in the .vsix and npm package), else in
 * node_modules (tests run the sources). `require.resolve` throws in a package without node_modules.
 */
function defaultFiles(): PythonWasmFiles {
  try {
    return { runtime: require.resolve('web-tree-sitter/web-tree-sitter.wasm'), grammar: require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter-python.wasm') };
  } catch {
    return { runtime: path.join(__dirname, PYTHON_WASM.runtime), grammar: path.join(__dirname, PYTHON_WASM.grammar) };
  }
}

let parser: Parser | undefined;
let comments: Query | undefined;
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
      // Comments are found by a query (run inside WebAssembly): walking every node from JavaScript costs
      // far more on a big file.
      comments = new Query(language, '(comment) @comment');
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

/** Every comment node under `root`, in source order. */
export function commentNodes(root: Node): Node[] {
  return comments ? comments.captures(root).map((c) => c.node) : [];
}

/** Parses Python text; undefined before the parser is loaded. Tree-sitter recovers from any error. */
export function parsePython(text: string): Tree | undefined {
  return parser?.parse(text) ?? undefined;
}
