// Starts a child process that can later be ended together with every process it started, as Lambda
// ends a whole execution environment. Shared by every runner (Node, Python, ...).
//
// API (small on purpose):
//   const tree = spawnTree(command, args, options);   // like child_process.spawn
//   tree.child                                         // the ChildProcess
//   tree.kill()                                        // SIGKILL the child and all its descendants
//   listTree(tree.tag)                                 // pids still alive (Linux), for tests/diagnostics
//
// How descendants are found (why three ways): the child leads its own process group (POSIX), so one
// kill(-pgid) ends every descendant that stayed in it. A descendant that left it (setsid, spawn with
// `detached: true`, a daemonising fork) is still found on Linux by a tag every descendant inherits in
// its environment, and, while the child lives, by walking parent pids. On Windows `taskkill /T` ends
// the tree.
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';

/** The environment variable carrying the tree's tag into every descendant. */
export const TREE_TAG_VARIABLE = '_COGNITO_TRIGGERS_PROCESS_TREE';

/** A spawned child and the means to end its whole tree. */
export interface ProcessTree {
  readonly child: ChildProcess;
  /** Unique per spawn; inherited by descendants through TREE_TAG_VARIABLE. */
  readonly tag: string;
  /** Ends the child and every descendant found (SIGKILL). Safe to call many times, also after exit. */
  kill(): void;
}

/** `spawn` with the child in its own process group and tagged, so that `kill()` ends all it started. */
export function spawnTree(command: string, args: readonly string[], options: SpawnOptions = {}): ProcessTree {
  const tag = randomUUID();
  const env = { ...(options.env ?? process.env), [TREE_TAG_VARIABLE]: tag };
  // detached on POSIX = setsid: a new session and process group led by the child. On Windows it would
  // open a console window instead, so it stays off there.
  const child = spawn(command, args, { ...options, env, detached: process.platform !== 'win32' });
  return { child, tag, kill: () => killTree(child, tag) };
}

/** Ends `child` and its descendants: group kill, parent-pid walk and (Linux) the environment tag. */
export function killTree(child: ChildProcess, tag: string): void {
  const pid = child.pid;
  if (process.platform === 'win32') {
    if (pid !== undefined && child.exitCode === null && child.signalCode === null) spawnSync('taskkill', ['/T', '/F', '/PID', String(pid)], { stdio: 'ignore', windowsHide: true });
    return;
  }
  const alive = pid !== undefined && child.exitCode === null && child.signalCode === null;
  // Freeze before collecting: once the leader dies its children are re-parented and the walk loses
  // them, and a descendant that is not stopped can fork again between the walk and the kill. A
  // descendant that left the group (setsid) and dropped the tag (env -i) is found only by this walk.
  if (alive) signal(pid, 'SIGSTOP');
  const targets = frozenDescendants(pid, tag);
  if (pid !== undefined) signal(-pid);
  if (alive) signal(pid);
  for (const p of targets) signal(p);
}

/**
 * Stops (SIGSTOP) every descendant of `pid` and every process carrying `tag`, walking again until a
 * walk finds no new one (a process forking during a walk shows up in the next), and returns them.
 */
function frozenDescendants(pid: number | undefined, tag: string): Set<number> {
  const found = new Set<number>();
  // Bounded: every round stops at least one more process, and a stopped one forks no more.
  for (let round = 0; round < 50; round++) {
    const table = processTable();
    const fresh = [...descendantsOf(pid, table), ...taggedIn(tag, table)].filter((p) => p !== process.pid && p !== pid && !found.has(p));
    if (fresh.length === 0) break;
    for (const p of fresh) {
      found.add(p);
      signal(p, 'SIGSTOP');
    }
  }
  return found;
}

/** Pids of live processes carrying `tag` (Linux; elsewhere an empty list). */
export function listTree(tag: string): number[] {
  return taggedIn(tag, processTable()).filter((p) => !isZombie(p));
}

function signal(pid: number, name: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(pid, name);
  } catch {
    // ESRCH (already gone) or EPERM (not ours): nothing more to do.
  }
}

interface Proc {
  pid: number;
  ppid: number;
}

/** Every process of this machine with its parent (Linux /proc); empty where there is no /proc. */
function processTable(): Proc[] {
  let names: string[];
  try {
    names = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  const out: Proc[] = [];
  for (const n of names) {
    if (!/^\d+$/.test(n)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${n}/stat`, 'utf8');
      // The command name (field 2) is in parentheses and may contain spaces: fields follow the last ')'.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.push({ pid: Number(n), ppid: Number(rest[1]) });
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

function descendantsOf(pid: number | undefined, table: readonly Proc[]): number[] {
  if (pid === undefined) return [];
  const children = new Map<number, number[]>();
  for (const p of table) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const c of children.get(queue.pop() as number) ?? []) {
      found.push(c);
      queue.push(c);
    }
  }
  return found;
}

function taggedIn(tag: string, table: readonly Proc[]): number[] {
  const needle = `${TREE_TAG_VARIABLE}=${tag}\0`;
  const found: number[] = [];
  for (const p of table) {
    if (p.pid === process.pid) continue;
    try {
      // Only our own processes are readable; others throw EACCES and are skipped.
      if (fs.readFileSync(`/proc/${p.pid}/environ`, 'latin1').includes(needle)) found.push(p.pid);
    } catch {
      // Not ours, or gone.
    }
  }
  return found;
}

function isZombie(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}
