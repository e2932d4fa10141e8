// The result of running a trigger (locally or deployed), shared by the invoke and AWS areas, the
// result view and the CLI, so a remote invoke is shown exactly like a local one.

/** How the run ended. */
export type InvokeOutcome =
  | { kind: 'returned'; value: unknown }
  /** The handler threw, rejected, or called back with / `context.fail` an error. */
  | { kind: 'error'; errorType: string; errorMessage: string; stack?: string[] }
  /** It ran past the time limit and was killed. */
  | { kind: 'timeout'; limitMs: number }
  /** The process died: process.exit, out of memory, a crash. */
  | { kind: 'crashed'; reason: string; exitCode?: number | null; signal?: string | null }
  /** It could not start: no such file or export, syntax error, event not valid JSON. */
  | { kind: 'failedToStart'; message: string; location?: { file: string; line?: number; column?: number } };

/**
 * Where a statement comes from. `docs`: an AWS guide page; `api`: an API reference page; `source`:
 * published runtime source code; `observed`: a public issue with a captured event or error (the text
 * says "observed"); `undocumented`: nothing published says it (the text says so); `local`: about this
 * tool's own run, not a claim about Cognito.
 */
export interface SourceRef {
  kind: 'docs' | 'api' | 'source' | 'observed' | 'undocumented' | 'local';
  /** Page, section anchor or issue; absent only for `local`. */
  url?: string;
  title: string;
}

/** One line of what Cognito would do with this answer, with the source that says so. */
export interface SummaryLine {
  severity: 'ok' | 'info' | 'warning' | 'error';
  text: string;
  source: SourceRef;
}

/** What Cognito would do with the answer, in the user's terms. */
export interface InvokeSummary {
  /** One sentence: "User auto-confirmed; email marked verified." / "Sign-up fails: ...". */
  headline: string;
  /** Where the headline's statement comes from. */
  source: SourceRef;
  /** Would the Cognito operation succeed with this answer? */
  succeeds: boolean;
  /** Details: claims added and dropped, message with the code substituted, merged dataset ... */
  lines: SummaryLine[];
  /** The text the app receives when the operation fails (`PreSignUp failed with error <message>.`). */
  cognitoError?: string;
}

/** A problem found by the model in the returned event (same shape as event diagnostics). */
export interface ResponseIssue {
  code: string;
  severity: 'error' | 'warning' | 'information' | 'hint';
  message: string;
  /** Path into the returned event. */
  path: (string | number)[];
}

/** Everything the result view and the CLI show for one run. */
export interface InvokeResult {
  /** 'local' (this machine) or 'remote' (a deployed function). */
  where: 'local' | 'remote';
  /** Handler file and export (local) or function name/ARN (remote). */
  target: string;
  /** The trigger the event belongs to, when recognised. */
  triggerId?: string;
  triggerSource?: string;
  /** The event sent. */
  input: unknown;
  outcome: InvokeOutcome;
  /** Wall time of the invoke, ms. */
  durationMs: number;
  /** Console output (local) or the decoded log tail (remote). */
  logs: string;
  issues: ResponseIssue[];
  summary: InvokeSummary;
}
