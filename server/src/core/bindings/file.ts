// The workspace bindings file (`cognito-triggers.json`): which handler builds which deployed function.
// Pure: the host reads the file and passes its text.

/** One handler → function mapping. */
export interface BindingEntry {
  /** Handler file, relative to the workspace folder, '/'-separated. */
  file: string;
  /** Exported handler name; default `handler`. */
  handler: string;
  /** Deployed Lambda function name or ARN. */
  functionName: string;
  /** Trigger id it serves (a `TriggerId`), when stated. */
  trigger?: string;
}

/** A problem in the file, with the JSON path that has it. */
export interface BindingsFileError {
  path: string;
  message: string;
}

/** Parsed bindings file: the valid entries and what was wrong with the rest. */
export interface BindingsFile {
  entries: BindingEntry[];
  errors: BindingsFileError[];
}

/** An example of the file, for error messages and docs. */
export const BINDINGS_FILE_EXAMPLE = {
  handlers: [{ file: 'src/preSignUp.ts', handler: 'handler', functionName: 'my-app-pre-sign-up', trigger: 'PreSignUp' }],
};

/**
 * Parses the file's text. Never throws: invalid JSON or entries become errors that say what to fix.
 * `isTrigger` validates trigger ids (injected so this module does not depend on the registry).
 */
export function parseBindingsFile(text: string, isTrigger: (id: string) => boolean): BindingsFile {
  const out: BindingsFile = { entries: [], errors: [] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    out.errors.push({ path: '', message: `Not valid JSON (${e instanceof Error ? e.message : String(e)}). Expected ${JSON.stringify(BINDINGS_FILE_EXAMPLE)}.` });
    return out;
  }
  const handlers = (data as { handlers?: unknown } | null)?.handlers;
  if (!Array.isArray(handlers)) {
    out.errors.push({ path: 'handlers', message: 'Expected a "handlers" array of {file, handler, functionName, trigger}.' });
    return out;
  }
  handlers.forEach((h: unknown, i) => {
    const at = `handlers[${i}]`;
    if (!h || typeof h !== 'object') return void out.errors.push({ path: at, message: 'Expected an object {file, handler, functionName, trigger}.' });
    const e = h as Record<string, unknown>;
    if (typeof e.file !== 'string' || !e.file) return void out.errors.push({ path: `${at}.file`, message: 'Expected the handler file path, relative to the workspace folder.' });
    if (typeof e.functionName !== 'string' || !e.functionName) return void out.errors.push({ path: `${at}.functionName`, message: 'Expected the deployed function name or ARN.' });
    if (e.handler !== undefined && typeof e.handler !== 'string') return void out.errors.push({ path: `${at}.handler`, message: 'Expected the exported handler name, e.g. "handler".' });
    if (e.trigger !== undefined && (typeof e.trigger !== 'string' || !isTrigger(e.trigger))) {
      return void out.errors.push({ path: `${at}.trigger`, message: `Unknown trigger ${JSON.stringify(e.trigger)}; use a trigger id such as "PreSignUp" (see \`cognito-triggers triggers\`).` });
    }
    out.entries.push({
      file: e.file.replace(/\\/g, '/').replace(/^\.\//, ''),
      handler: (e.handler as string | undefined) ?? 'handler',
      functionName: e.functionName,
      ...(typeof e.trigger === 'string' ? { trigger: e.trigger } : {}),
    });
  });
  return out;
}
