// Loads the handler module (require or import) and finds the export, with precise load errors.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { withArticle } from '../../events/json';

/** A load failure with the location Node reported, when it did. */
export interface LoadFailure {
  message: string;
  file?: string;
  line?: number;
  column?: number;
  exports?: string[];
}

// `import()` written so that the bundler keeps it a real dynamic import in the CommonJS runner.
const dynamicImport = (url: string): Promise<Record<string, unknown>> => import(url);

/** Where a syntax error is: Node puts `file:line` on the first line of the stack for both module kinds. */
function locate(err: unknown, fallback: string): Pick<LoadFailure, 'file' | 'line' | 'column'> {
  const stack = err instanceof Error ? (err.stack ?? '') : '';
  const first = /^(.+?):(\d+)\r?\n/.exec(stack);
  if (first?.[1] && first[2]) {
    const file = first[1].startsWith('file://') ? new URL(first[1]).pathname : first[1];
    // The caret line under the quoted source gives the column.
    const caret = /\n.*\n( *)\^/.exec(stack.slice(first[0].length - 1));
    return { file, line: Number(first[2]), ...(caret?.[1] !== undefined ? { column: caret[1].length + 1 } : {}) };
  }
  const at = /\((\/[^():]+):(\d+):(\d+)\)/.exec(stack) ?? /at (\/[^():]+):(\d+):(\d+)/.exec(stack);
  if (at?.[1] && at[2] && at[3]) return { file: at[1], line: Number(at[2]), column: Number(at[3]) };
  return { file: fallback };
}

/** Loads the module and returns the handler function, or a failure to report. */
export async function loadHandler(modulePath: string, esm: boolean, name: string): Promise<((...a: unknown[]) => unknown) | LoadFailure> {
  let mod: Record<string, unknown>;
  try {
    mod = esm ? await dynamicImport(pathToFileURL(modulePath).href) : (createRequire(modulePath)(modulePath) as Record<string, unknown>);
  } catch (e) {
    const err = e as Error & { code?: string };
    const what = err instanceof SyntaxError ? 'Syntax error' : 'Error while loading the handler module';
    return { message: `${what}: ${err?.message ?? String(e)}`, ...locate(e, modulePath) };
  }
  // An ESM import of a CommonJS module puts module.exports under `default`.
  const candidates = [mod, typeof mod.default === 'object' && mod.default ? (mod.default as Record<string, unknown>) : undefined];
  for (const c of candidates) {
    const fn = c?.[name];
    if (typeof fn === 'function') return fn as (...a: unknown[]) => unknown;
  }
  const exports = Object.keys(mod).filter((k) => k !== '__esModule');
  const fns = exports.filter((k) => typeof mod[k] === 'function');
  const found = mod[name];
  return {
    message:
      found === undefined
        ? `The module has no export named "${name}".${fns.length ? ` Its function exports: ${fns.join(', ')}.` : ' It exports no function.'}`
        : `The export "${name}" is ${found === null ? 'null' : withArticle(typeof found)}, not a function.`,
    file: modulePath,
    exports,
  };
}
