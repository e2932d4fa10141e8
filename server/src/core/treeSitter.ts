// web-tree-sitter's runtime, initialised once for every grammar (Python handlers, Terraform wiring). Why:
// a second Parser.init re-creates the WebAssembly module under the parsers the first one made; started at
// the same time as another, a grammar's setLanguage fails with "memory access out of bounds".
import { Parser } from 'web-tree-sitter';

let ready: Promise<void> | undefined;

/** Initialises the runtime from `runtimeWasm` (web-tree-sitter.wasm) on the first call; later calls share it. */
export function initTreeSitter(runtimeWasm: string): Promise<void> {
  ready ??= Parser.init({ locateFile: () => runtimeWasm }).catch((e: unknown) => {
    ready = undefined; // a later call may try again (e.g. with a path that exists)
    throw e;
  });
  return ready;
}
