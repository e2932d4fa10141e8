// Custom requests about the trigger model itself (lists for the client's pickers).
import { TRIGGERS } from '../core/model';
import { ListTriggersRequest } from '../core/protocol';
import { hasPowertoolsVariant } from '../core/scaffold/python/templates';
import type { RequestDeps } from './index';
import { onRequest } from './typed';

/** Registers `cognitoTriggers/listTriggers`. */
export function registerModelRequests({ connection }: RequestDeps): void {
  onRequest(connection, ListTriggersRequest.type, () =>
    TRIGGERS.map((t) => ({
      id: t.id,
      displayName: t.displayName,
      description: t.description,
      docs: t.docs,
      sources: t.sources.map((s) => ({ value: s.value, description: s.description })),
      binding: t.binding,
      ...(hasPowertoolsVariant(t.id) ? { powertools: true } : {}),
    })),
  );
}
