// The Lambda runtime a handler runs on, as far as the project says, and what it changes for callback rules.
import semver from 'semver';

/** Where the runtime came from, strongest first. */
export type RuntimeOrigin = 'iac' | 'setting' | 'engines';

/** The Lambda runtime of a handler (`nodejs24.x`), with where the project states it. */
export interface LambdaRuntime {
  readonly id: string;
  readonly from: RuntimeOrigin;
  /** Human-readable: `serverless.yml:12`, `cognitoTriggers.runtime`, `package.json engines.node ">=24"`. */
  readonly evidence: string;
}

/**
 * What matters for the callback rules: Node.js 24 and later accept only promise handlers; Node.js 22
 * and older run callbacks, and the first of callback and promise answers. `unknown` when the project does
 * not say (or says something that is not a Node.js runtime).
 */
export type NodeGeneration = 'promiseOnly' | 'callbacks' | 'unknown';

/** The major Node.js version of a Lambda runtime id (`nodejs22.x` → 22), or undefined. */
export function nodeMajor(id: string): number | undefined {
  const m = /^nodejs(\d+)\.x$/.exec(id.trim());
  return m ? Number(m[1]) : undefined;
}

/** The generation of a runtime; unknown without one. */
export function nodeGeneration(rt: LambdaRuntime | undefined): NodeGeneration {
  const major = rt ? nodeMajor(rt.id) : undefined;
  if (major === undefined) return 'unknown';
  return major >= 24 ? 'promiseOnly' : 'callbacks';
}

/** "the nodejs24.x runtime (serverless.yml:12)" for messages. */
export function runtimeLabel(rt: LambdaRuntime): string {
  return `the ${rt.id} runtime (${rt.evidence})`;
}

/**
 * The Lambda runtime a package.json `engines.node` range pins, when it pins one generation: a range only
 * Node.js 24+ satisfies means `nodejs24.x` behaviour, one only 22 and older satisfy the callback one. A
 * range open across both (`>=20`) says nothing about the deployed runtime: undefined.
 */
export function runtimeFromEngines(range: string): string | undefined {
  const r = semver.validRange(range.trim());
  if (!r) return undefined;
  const majors = [18, 20, 22, 24, 26].filter((m) => semver.intersects(r, `${m}.x`));
  if (majors.length === 0) return undefined;
  const promiseOnly = majors.every((m) => m >= 24);
  const callbacks = majors.every((m) => m < 24);
  if (!promiseOnly && !callbacks) return undefined;
  return `nodejs${majors[0]}.x`;
}
