// Where the handler code and the project's IaC wiring disagree: a wired export the file does not
// have, or a handler typed (or commented) for one trigger that the IaC binds to another.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { BindingHint, DocumentAnalysis } from '../../handler/description';
import { getTrigger } from '../../model';
import { toDiagnostic } from './problems';

/** Diagnostics for the IaC hints (those with `at`) that the code contradicts, linking to the IaC line. */
export function wiringDiagnostics(doc: TextDocument, a: DocumentAnalysis, hints: readonly BindingHint[]): Diagnostic[] {
  // Not analysed (unparsable, or too large: reading megabytes per keystroke for this check would stall the server).
  if (a.unparsed || a.tooLarge !== undefined) return [];
  const out: Diagnostic[] = [];
  const text = doc.getText();
  const link = (h: BindingHint, d: Diagnostic): Diagnostic => (h.at ? { ...d, relatedInformation: [{ location: { uri: h.at.uri, range: { start: { line: h.at.line - 1, character: 0 }, end: { line: h.at.line - 1, character: 0 } } }, message: h.why ?? 'the IaC binding' }] } : d);
  const exported = new Set(a.handlers.map((h) => h.name));
  const reported = new Set<string>();
  for (const h of hints) {
    if (!h.at || reported.has(`${h.handler}|${h.trigger}`)) continue;
    reported.add(`${h.handler}|${h.trigger}`);
    const site = a.handlers.find((x) => x.name === h.handler);
    if (!site) {
      // Only when the name appears nowhere: an export our analysis cannot see (a re-export, a factory) must not be flagged.
      if (new RegExp(`\\b${h.handler.replace(/[$]/g, '\\$')}\\b`).test(text)) continue;
      const names = [...exported];
      out.push(link(h, toDiagnostic(doc, { key: 'wiredExportMissing', severity: 'warning', start: 0, end: 0, message: `${h.why ?? 'The IaC'} names export \`${h.handler}\`, which this file does not have${names.length ? ` (it exports ${names.map((n) => `\`${n}\``).join(', ')})` : ''}: Lambda will fail with Runtime.HandlerNotFound.`, href: '' })));
      continue;
    }
    const inf = site.inference;
    if (inf.signal !== 'type' && inf.signal !== 'comment') continue;
    if (inf.candidates.some((c) => c.trigger.id === h.trigger)) continue;
    const wired = getTrigger(h.trigger);
    const said = inf.candidates.map((c) => c.trigger.id).join(', ');
    out.push(link(h, toDiagnostic(doc, { key: 'wiredTriggerMismatch', severity: 'warning', start: site.nameStart, end: site.nameEnd, message: `\`${site.name}\` is ${inf.signal === 'type' ? 'typed' : 'marked'} for ${said}, but ${h.why ?? 'the IaC'}: Cognito will send it the ${wired?.displayName ?? h.trigger} event.`, href: wired?.docs ?? '' })));
  }
  return out;
}
