// The rule registry: every diagnostic code the product reports, with its sources, help and examples.
//
// Stable shape, for SARIF rule metadata, `check --json` documentation URLs and docs/rules.md:
//
//   RULES: readonly Rule[]           every rule, handler rules first, each id unique
//   ruleById(code): Rule | undefined the rule of a diagnostic code (`handler/no-return`, `missing-placeholder`)
//   Rule = {
//     id: string                     the code diagnostics carry; never renamed once released
//     area: 'handler' | 'event' | 'file'   handler code, event files (JSON), or any checked file (size, kind, suppressions)
//     name: string                   short title (SARIF `shortDescription`)
//     severity: 'error' | 'warning' | 'information'   default severity
//     help: string                   one paragraph, Markdown (SARIF `help.markdown`)
//     helpUri: string                the primary source's URL (AWS page with anchor, API page, issue)
//     docsUrl: string                this rule's section of docs/rules.md, relative to the repository root
//     sources: SourceRef & {quote?}  every source, primary first: kind docs | api | source | observed | undocumented | local
//     triggers / clean: {file, text} an example that raises the rule and one that does not (tested)
//   }
import { SOURCES, type Source } from '../model/sources';
import { EVENT_RULES } from './eventRules';
import { FILE_RULES } from './fileRules';
import { HANDLER_RULES } from './handlerRules';
import type { RuleArea, RuleDefinition, RuleExample, RuleSeverity } from './types';

export type { RuleArea, RuleDefinition, RuleExample, RuleSeverity } from './types';

/** Where the generated rule reference lives, relative to the repository root. */
export const RULES_DOC = 'docs/rules.md';

/** A rule as the registry publishes it. */
export interface Rule {
  readonly id: string;
  readonly area: RuleArea;
  readonly name: string;
  readonly severity: RuleSeverity;
  readonly help: string;
  readonly helpUri: string;
  readonly docsUrl: string;
  readonly sources: readonly Source[];
  readonly triggers: RuleExample;
  readonly clean: RuleExample;
}

/** The anchor of a rule's section in docs/rules.md (GitHub's heading slug of the code). */
export function ruleAnchor(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
}

function publish(area: RuleArea, d: RuleDefinition): Rule {
  const sources = d.sources.map((k) => SOURCES[k] as Source);
  const docsUrl = `${RULES_DOC}#${ruleAnchor(d.id)}`;
  return { id: d.id, area, name: d.name, severity: d.severity, help: d.help, helpUri: sources.find((s) => s.url)?.url ?? docsUrl, docsUrl, sources, triggers: d.triggers, clean: d.clean };
}

/** Every rule: handler rules, event rules, then the rules about files themselves. */
export const RULES: readonly Rule[] = [...HANDLER_RULES.map((d) => publish('handler', d)), ...EVENT_RULES.map((d) => publish('event', d)), ...FILE_RULES.map((d) => publish('file', d))];

const byId = new Map(RULES.map((r) => [r.id, r]));

/** The rule of a diagnostic code, or undefined for a code the registry does not know. */
export function ruleById(code: string): Rule | undefined {
  return byId.get(code);
}

/** The primary source URL of a code's rule (the diagnostic's `codeDescription.href` when it has no more precise one). */
export function ruleHref(code: string): string | undefined {
  return byId.get(code)?.helpUri;
}
