// The workspace file `cognito-triggers.json`: which handler builds which deployed function
// ("handlers"), and how `check` treats findings ("check": rule severities, ignored files).
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

/** A rule's configured severity; "off" drops its findings. */
export type RuleSetting = 'off' | 'error' | 'warning' | 'info' | 'hint';

/** The "check" section: `{ "rules": { "handler/no-return": "off" }, "ignore": ["generated/**"] }`. */
export interface CheckConfig {
  /** Severity per rule code, over the rule's own. */
  rules: Record<string, RuleSetting>;
  /** Globs, relative to the folder of the file, of files `check` skips. */
  ignore: string[];
}

/** Parsed bindings file: the valid entries and what was wrong with the rest. */
export interface BindingsFile {
  entries: BindingEntry[];
  errors: BindingsFileError[];
  /** The "check" section; empty rules and ignore when absent. */
  check: CheckConfig;
}

/** An example of the file, for error messages and docs. */
export const BINDINGS_FILE_EXAMPLE = {
  handlers: [{ file: 'src/preSignUp.ts', handler: 'handler', functionName: 'my-app-pre-sign-up', trigger: 'PreSignUp' }],
};

const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'error', 'warning', 'info', 'hint'];

/** Reads the "check" section into `out`, with an error for each value that is not understood. */
function parseCheck(value: unknown, out: BindingsFile, isRule: (code: string) => boolean): void {
  if (value === undefined) return;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return void out.errors.push({ path: 'check', message: 'Expected an object {"rules": {"<code>": "off" | "error" | "warning" | "info" | "hint"}, "ignore": ["<glob>", ...]}.' });
  const c = value as Record<string, unknown>;
  for (const key of Object.keys(c)) if (key !== 'rules' && key !== 'ignore') out.errors.push({ path: `check.${key}`, message: 'Unknown key; "check" has "rules" and "ignore".' });
  if (c.rules !== undefined) {
    if (!c.rules || typeof c.rules !== 'object' || Array.isArray(c.rules)) out.errors.push({ path: 'check.rules', message: 'Expected an object of rule code → "off" | "error" | "warning" | "info" | "hint".' });
    else {
      for (const [code, setting] of Object.entries(c.rules as Record<string, unknown>)) {
        if (!isRule(code)) out.errors.push({ path: `check.rules.${code}`, message: `Unknown rule ${JSON.stringify(code)}; use a code that findings show, such as "handler/no-return" (docs/rules.md lists them).` });
        else if (typeof setting !== 'string' || !RULE_SETTINGS.includes(setting as RuleSetting)) out.errors.push({ path: `check.rules.${code}`, message: `Expected one of ${RULE_SETTINGS.map((r) => `"${r}"`).join(', ')}, not ${JSON.stringify(setting)}.` });
        else out.check.rules[code] = setting as RuleSetting;
      }
    }
  }
  if (c.ignore !== undefined) {
    if (!Array.isArray(c.ignore) || !c.ignore.every((g) => typeof g === 'string' && g)) out.errors.push({ path: 'check.ignore', message: 'Expected an array of globs relative to this file\'s folder, e.g. ["generated/**", "**/*.test.js"].' });
    else out.check.ignore = (c.ignore as string[]).map((g) => g.replace(/\\/g, '/').replace(/^\.\//, ''));
  }
}

/**
 * Parses the file's text. Never throws: invalid JSON or entries become errors that say what to fix.
 * `isTrigger` validates trigger ids and `isRule` rule codes (injected so this module does not depend
 * on the registries).
 */
export function parseBindingsFile(text: string, isTrigger: (id: string) => boolean, isRule: (code: string) => boolean = () => true): BindingsFile {
  const out: BindingsFile = { entries: [], errors: [], check: { rules: {}, ignore: [] } };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    out.errors.push({ path: '', message: `Not valid JSON (${e instanceof Error ? e.message : String(e)}). Expected ${JSON.stringify(BINDINGS_FILE_EXAMPLE)}.` });
    return out;
  }
  const check = (data as { check?: unknown } | null)?.check;
  parseCheck(check, out, isRule);
  const handlers = (data as { handlers?: unknown } | null)?.handlers;
  // A file with only a "check" section is complete: "handlers" is needed only to map functions.
  if (handlers === undefined && check !== undefined) return out;
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
