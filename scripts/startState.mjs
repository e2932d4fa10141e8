// What `npm start` keeps between starts: the user's settings.json (only missing keys are added) and the port (trust lives per browser origin).
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { applyEdits, modify, parse } from 'jsonc-parser';

/**
 * Adds the keys of `wanted` that `file` (a VS Code settings.json, comments allowed) lacks; every key
 * the user set, in the Settings UI or by hand, stays as it is, comments included. Returns the keys
 * added, or `{ error }` when the file is not valid JSON (it is then left untouched).
 * @param {string} file
 * @param {Record<string, unknown>} wanted
 * @returns {{ added: string[] } | { error: string }}
 */
export function mergeSettingsFile(file, wanted) {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  /** @type {import('jsonc-parser').ParseError[]} */
  const errors = [];
  const current = text.trim() ? parse(text, errors, { allowTrailingComma: true }) : {};
  if (errors.length || typeof current !== 'object' || current === null || Array.isArray(current)) {
    return { error: `${file} is not a JSON object (fix it or delete it); it was left as it is` };
  }
  let out = text.trim() ? text : '{}\n';
  const added = [];
  for (const [key, value] of Object.entries(wanted)) {
    if (Object.prototype.hasOwnProperty.call(current, key)) continue;
    // Settings keys contain dots: one path segment, not a nested object.
    out = applyEdits(out, modify(out, [key], value, { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } }));
    added.push(key);
  }
  if (added.length || !fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, out.endsWith('\n') ? out : `${out}\n`);
  }
  return { added };
}

/** True when `port` can be listened on at 127.0.0.1 now. */
export function portIsFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/**
 * The port for this start: the one remembered in `file` when it is free (the browser keeps workspace
 * trust and window state per origin, so the same address keeps them), else a new free one, which
 * is remembered. `changed` says the remembered port was busy (trust must be given again).
 * @param {string} file
 * @param {() => Promise<number>} freePort
 * @returns {Promise<{ port: number, changed?: number }>}
 */
export async function rememberedPort(file, freePort) {
  const saved = fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8').trim()) : NaN;
  const valid = Number.isInteger(saved) && saved > 0 && saved <= 65535;
  if (valid && (await portIsFree(saved))) return { port: saved };
  const port = await freePort();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${port}\n`);
  return valid ? { port, changed: saved } : { port };
}
