// VS Code snippets: a handler skeleton per trigger, as CommonJS, ESM and typed TypeScript.
import { TRIGGERS } from '../model/registry';
import type { FieldDefinition, TriggerDefinition } from '../model/types';
import { typicalValue } from './schema';

/** One entry of a .code-snippets file. */
interface Snippet {
  readonly scope: string;
  readonly prefix: string;
  readonly description: string;
  readonly body: string[];
}

/** Snippet bodies treat `$` as a tabstop: escape literal ones. */
const esc = (s: string): string => s.replace(/\$/g, '\\$');

/** The prefix users type: `cognito-presignup`, `cognito-pretokengenerationv2` … */
export const snippetPrefix = (t: TriggerDefinition): string => `cognito-${t.id.toLowerCase()}`;

/** The @types/aws-lambda handler type; V3 needs a union because its @types type only covers ClientCredentials. */
function handlerType(t: TriggerDefinition): { imports: string[]; type: string; prelude: string[] } {
  if (t.id === 'PreTokenGenerationV3') {
    return {
      imports: ['Handler', 'PreTokenGenerationV2TriggerEvent', 'PreTokenGenerationV3TriggerEvent'],
      type: 'Handler<PreTokenGenerationV2TriggerEvent | PreTokenGenerationV3TriggerEvent>',
      prelude: ['// V3_0 events are V2 events plus TokenGeneration_ClientCredentials; @types types V3 as ClientCredentials only.'],
    };
  }
  const handler = t.typeNames.find((n) => n.endsWith('TriggerHandler'));
  if (handler) return { imports: [handler], type: handler, prelude: [] };
  // Cognito Sync has no @types/aws-lambda type: declare the event here.
  return {
    imports: ['Handler'],
    type: 'Handler<SyncTriggerEvent, SyncTriggerEvent>',
    prelude: [
      'interface SyncTriggerEvent {',
      '  version: number;',
      "  eventType: 'SyncTrigger';",
      '  region: string;',
      '  identityPoolId: string;',
      '  identityId: string;',
      '  datasetName: string;',
      "  datasetRecords: Record<string, { oldValue: string | null; newValue: string | null; op: 'replace' | 'remove' }>;",
      '}',
      '',
    ],
  };
}

/** The lines inside the handler: what the trigger may change, with tabstops. */
function bodyLines(t: TriggerDefinition): string[] {
  const lines = [`// triggerSource: ${t.sources.map((s) => s.value).join(' | ')}`];
  if (t.noResponse) {
    lines.push(
      '// event.request.code is encrypted with LambdaConfig.KMSKeyID: decrypt it with the AWS Encryption SDK',
      '// (@aws-crypto/client-node, KmsKeyringNode), then send the message with your own provider.',
      '${0}',
      'return;',
    );
    return lines;
  }
  if (t.binding.kind === 'identityPool') {
    lines.push('for (const [key, record] of Object.entries(event.datasetRecords)) {', '  ${0}// record.newValue = ...; record.op = \'replace\';', '}', 'return event;');
    return lines;
  }
  const response: FieldDefinition | undefined = t.event.properties?.response;
  const writable = Object.entries(response?.properties ?? {}).filter(([, f]) => f.writable);
  let stop = 1;
  for (const [key, f] of writable) {
    // Messages must contain the request's placeholders: reference them, never hard-code `{####}`.
    const value = f.constraints?.mustContain
      ? esc(`\`${key === 'emailMessage' ? '<p>Your verification code is ${event.request.codeParameter}.</p>' : 'Your verification code is ${event.request.codeParameter}.'}\``)
      : esc(JSON.stringify(typicalValue(f, true)));
    lines.push(stop === 1 ? `event.response.${key} = \${${stop}:${value.replace(/}/g, '\\}')}};` : `// event.response.${key} = ${value};`);
    stop++;
  }
  if (writable.length === 0) lines.push('// No return values: throw an Error to fail the operation.');
  lines.push('${0}', 'return event;');
  return lines;
}

/** The doc comment above the handler. */
function header(t: TriggerDefinition): string[] {
  return ['/**', ` * ${esc(t.displayName)} trigger: ${esc(t.description)}`, ` * @see ${t.docs}`, ' */'];
}

const indent = (lines: string[]): string[] => lines.map((l) => (l ? `  ${l}` : l));

/** Every snippet, keyed by its name in the file. */
export function snippets(): Record<string, Snippet> {
  const out: Record<string, Snippet> = {};
  for (const t of TRIGGERS) {
    const prefix = snippetPrefix(t);
    const body = indent(bodyLines(t));
    const what = `Cognito ${t.displayName} trigger handler`;
    out[`${t.displayName} (CommonJS)`] = {
      scope: 'javascript,javascriptreact',
      prefix,
      description: `${what} (CommonJS)`,
      body: [...header(t), 'exports.handler = async (event) => {', ...body, '};'],
    };
    out[`${t.displayName} (ES module)`] = {
      scope: 'javascript,javascriptreact',
      prefix: `${prefix}-esm`,
      description: `${what} (ES module)`,
      body: [...header(t), 'export const handler = async (event) => {', ...body, '};'],
    };
    const typed = handlerType(t);
    out[`${t.displayName} (TypeScript)`] = {
      scope: 'typescript,typescriptreact',
      prefix,
      description: `${what} typed with @types/aws-lambda`,
      body: [
        `import type { ${typed.imports.join(', ')} } from 'aws-lambda';`,
        '',
        ...typed.prelude,
        ...header(t),
        `export const handler: ${typed.type} = async (event) => {`,
        ...body,
        '};',
      ],
    };
  }
  return out;
}

/** The snippets file content. */
export function snippetsFile(): string {
  return `${JSON.stringify(snippets(), null, 2)}\n`;
}
