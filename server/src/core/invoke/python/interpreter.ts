// Which Python runs a handler: the setting, else the workspace's .venv/venv, else python3 on PATH; its version.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A resolved interpreter and where it came from (shown in messages). */
export interface PythonInterpreter {
  /** Absolute path of the executable. */
  path: string;
  source: 'setting' | 'venv' | 'PATH';
}

const WINDOWS = process.platform === 'win32';
const VENV_BIN = WINDOWS ? ['Scripts', 'python.exe'] : ['bin', 'python'];

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first `name` on PATH (with Windows' executable extensions), like a shell would find it. */
export function findOnPath(name: string, envPath = process.env.PATH ?? ''): string | undefined {
  const exts = WINDOWS ? (process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').concat('') : [''];
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const file = path.join(dir, name + ext);
      if (isExecutable(file)) return file;
    }
  }
  return undefined;
}

/** `.venv` or `venv` in the handler's folder or any folder above it up to the workspace folder. */
function findVenv(handlerFile: string, folder: string): string | undefined {
  const top = path.resolve(folder);
  for (let d = path.dirname(path.resolve(handlerFile)); ; d = path.dirname(d)) {
    for (const venv of ['.venv', 'venv']) {
      const python = path.join(d, venv, ...VENV_BIN);
      if (isExecutable(python)) return python;
    }
    if (d === top || !d.startsWith(top) || path.dirname(d) === d) return undefined;
  }
}

/**
 * The interpreter for a handler, or a message saying what to set. `setting` is
 * `cognitoTriggers.python.interpreter` (a path, relative to the workspace folder, or a command on PATH).
 */
export function resolvePythonInterpreter(handlerFile: string, folder: string, setting: string): PythonInterpreter | { error: string } {
  const wanted = setting.trim().replace(/^\$\{workspaceFolder\}/, folder);
  if (wanted) {
    const isPath = wanted.includes('/') || wanted.includes('\\');
    const found = isPath ? path.resolve(folder, wanted) : findOnPath(wanted);
    if (found && isExecutable(found)) return { path: found, source: 'setting' };
    return {
      error: `The Python interpreter "${setting}" (setting cognitoTriggers.python.interpreter) ${isPath ? `does not exist or is not executable: ${found}` : 'is not on PATH'}. Set it to the path of your interpreter, such as .venv/bin/python or /usr/bin/python3.`,
    };
  }
  const venv = findVenv(handlerFile, folder);
  if (venv) return { path: venv, source: 'venv' };
  for (const name of WINDOWS ? ['python3', 'python', 'py'] : ['python3']) {
    const found = findOnPath(name);
    if (found) return { path: found, source: 'PATH' };
  }
  return {
    error: `No Python interpreter found: python3 is not on PATH and there is no .venv or venv in the workspace. Install Python 3, create a virtual environment (python3 -m venv .venv), or set cognitoTriggers.python.interpreter to your interpreter's path.`,
  };
}

/** True for a `#!` script: the shims of pyenv and asdf, which find the real interpreter on every start. */
function isScript(file: string): boolean {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const head = Buffer.alloc(2);
      fs.readSync(fd, head, 0, 2, 0);
      return head.toString('latin1') === '#!';
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
}

const executables = new Map<string, string | 'pending'>();

/**
 * The program to start for `interpreter` in `cwd`. A shim script costs ~100 ms per start (measured with
 * pyenv), so the interpreter it starts (`sys.executable`) is asked once, in the background, and used
 * from the next run on; until then, and for a real executable, the path itself. `learn` = false: a
 * one-shot run (the CLI) would only pay for a question whose answer it never uses.
 */
export function executableFor(interpreter: string, cwd: string, learn = true): string {
  const key = `${interpreter}\0${cwd}`;
  const known = executables.get(key);
  if (known && known !== 'pending') return known;
  if (!known && learn) {
    if (!isScript(interpreter)) {
      executables.set(key, interpreter);
      return interpreter;
    }
    executables.set(key, 'pending');
    const child = execFile(interpreter, ['-c', 'import sys; print(sys.executable)'], { cwd, timeout: 10000 }, (err, stdout) => {
      const exe = stdout.trim();
      executables.set(key, !err && exe && isExecutable(exe) ? exe : interpreter);
    });
    // A one-shot CLI run does not wait for it.
    child.unref();
  }
  return interpreter;
}

const versions = new Map<string, Promise<string | undefined>>();

/** The interpreter's version (`3.12.4`), asked once per interpreter; undefined when it cannot say. */
export function pythonVersion(interpreter: string): Promise<string | undefined> {
  let v = versions.get(interpreter);
  if (!v) {
    v = new Promise((resolve) => {
      execFile(interpreter, ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3])'], { timeout: 5000 }, (err, stdout) => {
        resolve(err ? undefined : /^\d+\.\d+\.\d+/.exec(stdout.trim())?.[0]);
      });
    });
    versions.set(interpreter, v);
  }
  return v;
}

/**
 * A warning when the deployed runtime (`python3.12`, from the project's infrastructure code) is another
 * Python than the local interpreter: code that runs here may not run there (syntax, standard library).
 * Undefined when they match or the runtime is not Python.
 */
export function runtimeMismatch(runtime: string, localVersion: string, interpreter: string): string | undefined {
  const wanted = /^python(\d+)\.(\d+)$/.exec(runtime.trim());
  const have = /^(\d+)\.(\d+)/.exec(localVersion);
  if (!wanted || !have) return undefined;
  if (wanted[1] === have[1] && wanted[2] === have[2]) return undefined;
  return `The function is deployed on ${runtime} but ran here on Python ${localVersion} (${interpreter}): set cognitoTriggers.python.interpreter to a Python ${wanted[1]}.${wanted[2]} interpreter to run what Lambda runs.`;
}
