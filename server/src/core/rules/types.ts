// The shape of one diagnostic rule in the registry: code, severity, help, sources and two examples.
import type { SourceKey } from '../model/sources';

/** Severity a rule reports with by default (some rules vary it by context; `help` says when). */
export type RuleSeverity = 'error' | 'warning' | 'information';

/** Where a rule's findings come from: handler code (JS/TS/Python), event files (JSON), or any checked file (its size, kind, suppression comments). */
export type RuleArea = 'handler' | 'event' | 'file';

/** A file that does (or does not) raise the rule; executed by test/contract/rules.test.ts. */
export interface RuleExample {
  /** File name, relative: decides the language and (for handlers) part of the trigger inference. */
  readonly file: string;
  /** The whole file text. */
  readonly text: string;
  /** Event examples only: the trigger the event is used for (an invoke with a handler of that trigger). */
  readonly usedAs?: string;
  /** What docs/rules.md shows instead of `text`, when the text is too long to print (a 256 KB file). */
  readonly shown?: string;
  /** The file is padded with spaces to this many bytes (a file too large to print or to read). */
  readonly padTo?: number;
  /** The file is a named pipe (FIFO), not a regular file. */
  readonly fifo?: true;
  /** Files beside the example (an IaC file that wires it), relative to the same folder. */
  readonly beside?: Readonly<Record<string, string>>;
}

/** One rule as written in its area's list (`handlerRules.ts`, `eventRules.ts`). */
export interface RuleDefinition {
  /** The code diagnostics carry (`handler/no-return`, `missing-placeholder`): stable, never renamed. */
  readonly id: string;
  /** Short title. */
  readonly name: string;
  readonly severity: RuleSeverity;
  /** One paragraph, Markdown: what the rule finds, what Cognito does, how to fix it. */
  readonly help: string;
  /** Named sources (model/sources.ts), primary first. At least one; the contract test enforces it. */
  readonly sources: readonly SourceKey[];
  /** An example that raises the rule, and one that does not. */
  readonly triggers: RuleExample;
  readonly clean: RuleExample;
}
