// VS Code snippets: the scaffold's handler templates (CommonJS, ESM, typed TypeScript, Python and, where
// Powertools for Python has a data class, Python with Powertools) for every trigger,
// so a snippet and `New Trigger Handler…` write the same idiomatic code.
import { TRIGGERS } from '../model/registry';
import type { TriggerDefinition } from '../model/types';
import { hasPowertoolsVariant } from '../scaffold/python/templates';
import { handlerTemplate, type ScaffoldLanguage } from '../scaffold/templates';

/** One entry of a .code-snippets file. */
interface Snippet {
  readonly scope: string;
  readonly prefix: string;
  readonly description: string;
  readonly body: string[];
}

/** The prefix users type: `cognito-presignup`, `cognito-pretokengenerationv2` … */
export const snippetPrefix = (t: TriggerDefinition): string => `cognito-${t.id.toLowerCase()}`;

/**
 * Snippet syntax gives `$` and `\` a meaning: escape them so the template comes out verbatim
 * (template literals such as `${event.request.codeParameter}` included), and end on `$0`.
 */
export function snippetBody(template: string): string[] {
  const lines = template.replace(/\n$/, '').split('\n').map((l) => l.replace(/\\/g, '\\\\').replace(/\$/g, '\\$'));
  return [...lines, '$0'];
}

const VARIANTS: readonly { language: ScaffoldLanguage; label: string; scope: string; suffix: string }[] = [
  { language: 'cjs', label: 'CommonJS', scope: 'javascript,javascriptreact', suffix: '' },
  { language: 'esm', label: 'ES module', scope: 'javascript,javascriptreact', suffix: '-esm' },
  { language: 'ts', label: 'TypeScript', scope: 'typescript,typescriptreact', suffix: '' },
  { language: 'py', label: 'Python', scope: 'python', suffix: '' },
  { language: 'py-powertools', label: 'Python, Powertools', scope: 'python', suffix: '-powertools' },
];

const DESCRIBED: Record<ScaffoldLanguage, string> = {
  cjs: 'CommonJS',
  esm: 'ES module',
  ts: 'typed with @types/aws-lambda',
  py: 'Python, type-hinted',
  'py-powertools': 'Python with a Powertools data class',
};

/** Every snippet, keyed by its name in the file. */
export function snippets(): Record<string, Snippet> {
  const out: Record<string, Snippet> = {};
  for (const t of TRIGGERS) {
    for (const v of VARIANTS) {
      if (v.language === 'py-powertools' && !hasPowertoolsVariant(t.id)) continue;
      out[`${t.displayName} (${v.label})`] = {
        scope: v.scope,
        prefix: `${snippetPrefix(t)}${v.suffix}`,
        description: `Cognito ${t.displayName} trigger handler (${DESCRIBED[v.language]}), as New Trigger Handler… writes it`,
        body: snippetBody(handlerTemplate(t.id, v.language)),
      };
    }
  }
  return out;
}

/** The snippets file content. */
export function snippetsFile(): string {
  return `${JSON.stringify(snippets(), null, 2)}\n`;
}
