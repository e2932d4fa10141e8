// Test helper: structural validation of an event against its trigger's generated JSON Schema (vscode-json-languageservice), for the schema coverage test.
import { getLanguageService, type LanguageService } from 'vscode-json-languageservice';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { getTrigger, type TriggerDefinition } from '../../server/src/core/model';
import { triggerSchema, type Schema } from '../../server/src/core/generate/schema';
import { schemaUri, triggerOfSchemaRef } from '../../server/src/core/payload/classify';
import { jsonDepth, MAX_JSON_DEPTH } from '../../server/src/core/payload/document';

/** Supplies the schema of a trigger, in memory (default: the generator's, the same as schemas/*.json). */
export type SchemaSource = (trigger: TriggerDefinition) => Schema;

/**
 * One vscode-json-languageservice instance per trigger, each associated with every resource (`*`), so
 * a document is validated against exactly the schema of the trigger it was recognised as. Schemas are
 * served from memory through `schemaRequestService`, also when a document names one in `$schema`.
 */
export class SchemaValidator {
  private readonly services = new Map<string, LanguageService>();
  private readonly texts = new Map<string, string>();

  constructor(private readonly source: SchemaSource = triggerSchema) {}

  /** Schema problems of `doc` as the trigger's schema sees them; syntax errors are left to the JSON editor. */
  async validate(doc: TextDocument, trigger: TriggerDefinition): Promise<Diagnostic[]> {
    // The text parsed here is the document's now (it may be newer than the analysis): its parser
    // recurses per level, so check the depth of exactly this text.
    if (jsonDepth(doc.getText(), MAX_JSON_DEPTH) > MAX_JSON_DEPTH) return [];
    const ls = this.service(trigger);
    const jsonDoc = ls.parseJSONDocument(doc);
    // The schema is passed explicitly: the service would otherwise follow the document's `$schema`,
    // which may name another trigger (reported as a trigger mismatch, not as that schema's errors).
    const found = await ls.doValidation(doc, jsonDoc, { comments: 'ignore', trailingCommas: 'ignore', schemaValidation: 'error', schemaRequest: 'ignore' }, this.source(trigger) as never);
    // Keep schema problems only: VS Code's own JSON support already reports syntax (codes 0x100-0x2ff).
    return found.filter((d) => typeof d.code !== 'number' || d.code < 0x100);
  }

  /** The JSON language service for the trigger's schema, created on first use. */
  service(trigger: TriggerDefinition): LanguageService {
    let ls = this.services.get(trigger.id);
    if (ls) return ls;
    ls = getLanguageService({ schemaRequestService: (uri) => this.request(uri) });
    ls.configure({ validate: true, allowComments: true, schemas: [{ uri: schemaUri(trigger.id), fileMatch: ['*'], schema: this.source(trigger) }] });
    this.services.set(trigger.id, ls);
    return ls;
  }

  /** Serves a schema by URI: any URI ending in `<TriggerId>.schema.json` gets that trigger's schema. */
  private request(uri: string): Promise<string> {
    const t = triggerOfSchemaRef(uri) ?? getTrigger(uri);
    if (!t) return Promise.reject(new Error(`Cognito Triggers serves no schema at ${uri}`));
    let text = this.texts.get(t.id);
    if (!text) {
      text = JSON.stringify(this.source(t));
      this.texts.set(t.id, text);
    }
    return Promise.resolve(text);
  }
}
