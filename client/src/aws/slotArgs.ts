// Pure: the arguments a bindings-view slot gives the commands of its context menu.
import type { SlotView } from '../../../server/src/core/protocol';

/** What `cognitoTriggers.invokeLocal` takes from a handler CodeLens: `{ uri, handlerName, triggerIds }`. */
export interface InvokeLocalArg {
  uri: string;
  handlerName: string;
  triggerIds: string[];
}

/**
 * The invoke-local argument of a slot whose function a workspace handler builds (bindings file entry):
 * the handler file's URI, its export and the slot's trigger. Undefined without a handler. Kept to
 * exactly the lens shape so invokeLocal takes the handler branch, not the active editor's.
 */
export function invokeLocalArg(v: SlotView): InvokeLocalArg | undefined {
  if (!v.handler) return undefined;
  return { uri: v.handler.uri, handlerName: v.handler.handlerName, triggerIds: v.triggerId ? [v.triggerId] : [] };
}
