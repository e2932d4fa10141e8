// Deprecation dates of Lambda's Node.js and Python runtimes, and what a date means for a deployed function.
//
// Source: the Lambda runtimes page, https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
// (its "Supported runtimes" and "Deprecated runtimes" tables). The stored copies we could read stop
// before the tables, so the dates come from two public trackers that cite that page and agree where
// they overlap (endoflife.date "aws-lambda"; tflint-ruleset-aws rule aws_lambda_function_deprecated_runtime,
// November 2025). Check them against the page when it changes. A runtime missing here is not judged.

/** Deprecation date (UTC, yyyy-mm-dd) per runtime id. */
export const RUNTIME_DEPRECATION: Readonly<Record<string, string>> = {
  'nodejs24.x': '2028-04-30',
  'nodejs22.x': '2027-04-30',
  'nodejs20.x': '2026-04-30',
  'nodejs18.x': '2025-09-01',
  'nodejs16.x': '2024-06-12',
  'nodejs14.x': '2023-12-04',
  'nodejs12.x': '2023-03-31',
  'nodejs10.x': '2021-07-30',
  'nodejs8.10': '2020-03-06',
  'python3.14': '2029-06-30',
  'python3.13': '2029-06-30',
  'python3.12': '2028-10-31',
  'python3.11': '2026-06-30',
  'python3.10': '2026-06-30',
  'python3.9': '2025-12-15',
  'python3.8': '2024-10-14',
  'python3.7': '2023-12-04',
  'python3.6': '2022-07-18',
  'python2.7': '2021-07-15',
};

/** How soon "deprecated soon" starts: 180 days before the date. */
const SOON_MS = 180 * 24 * 3600 * 1000;

/** What the date means today: deprecated (since), deprecated soon (on), or nothing to say. */
export type RuntimeStatus = { kind: 'deprecated' | 'soon'; date: string } | { kind: 'ok' | 'unknown' };

/** The status of `runtime` at `now`. */
export function runtimeStatus(runtime: string, now: Date): RuntimeStatus {
  const date = RUNTIME_DEPRECATION[runtime];
  if (!date) return { kind: 'unknown' };
  const at = Date.parse(`${date}T00:00:00Z`);
  if (now.getTime() >= at) return { kind: 'deprecated', date };
  if (at - now.getTime() <= SOON_MS) return { kind: 'soon', date };
  return { kind: 'ok' };
}

/**
 * The runtime to move a function to: another runtime of the same language, not deprecated at `now`, with
 * the latest deprecation date; with `callbacks`, one that still runs callback-style Node.js handlers
 * (before Node.js 24). Undefined when none is known.
 */
export function successorRuntime(runtime: string, now: Date, callbacks = false): string | undefined {
  const family = /^[a-z]+/.exec(runtime)?.[0];
  if (!family) return undefined;
  const major = (id: string): number => Number(/^nodejs(\d+)/.exec(id)?.[1] ?? 0);
  const candidates = Object.entries(RUNTIME_DEPRECATION)
    .filter(([id]) => id.startsWith(family) && /^[a-z]+\d/.test(id) && (!callbacks || family !== 'nodejs' || major(id) < 24))
    .filter(([id]) => id !== runtime && runtimeStatus(id, now).kind !== 'deprecated')
    .sort((a, b) => b[1].localeCompare(a[1]));
  return candidates[0]?.[0];
}
