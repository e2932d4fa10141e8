// "▶ Invoke locally" above each handler; the invoke command itself belongs to the invoke area.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeLens } from 'vscode-languageserver-types';
import type { DocumentAnalysis } from '../../handler/description';

/** The command the lens runs. */
export const INVOKE_LOCAL_COMMAND = 'cognitoTriggers.invokeLocal';

/** The single argument of `cognitoTriggers.invokeLocal`. */
export interface InvokeLocalArgs {
  uri: string;
  handlerName: string;
  /** Trigger ids the handler serves; empty when unknown (the invoke command then asks). */
  triggerIds: string[];
}

/** One lens per handler, on the line of its export. */
export function codeLenses(doc: TextDocument, a: DocumentAnalysis): CodeLens[] {
  return a.handlers.map((h) => {
    const pos = doc.positionAt(h.statementStart);
    const args: InvokeLocalArgs = {
      uri: doc.uri,
      handlerName: h.name,
      triggerIds: h.inference.known ? h.inference.candidates.map((c) => c.trigger.id) : [],
    };
    return { range: { start: pos, end: pos }, command: { title: '▶ Invoke locally', command: INVOKE_LOCAL_COMMAND, arguments: [args] } };
  });
}
