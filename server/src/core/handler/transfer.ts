// A DocumentAnalysis as plain data for a worker thread's message, and back: the model's trigger
// definitions travel as their ids (a structured clone would copy the whole model per message).
import { getTrigger } from '../model';
import type { Candidate, DocumentAnalysis, HandlerSite } from './description';

/** A candidate whose trigger is named by id. */
type PlainCandidate = Omit<Candidate, 'trigger'> & { readonly trigger: string };
/** A DocumentAnalysis with every candidate's trigger named by id. */
export type PlainAnalysis = Omit<DocumentAnalysis, 'handlers'> & {
  readonly handlers: readonly (Omit<HandlerSite, 'inference'> & { readonly inference: Omit<HandlerSite['inference'], 'candidates'> & { readonly candidates: readonly PlainCandidate[] } })[];
};

export function toPlain(a: DocumentAnalysis): PlainAnalysis {
  return { ...a, handlers: a.handlers.map((h) => ({ ...h, inference: { ...h.inference, candidates: h.inference.candidates.map((c) => ({ ...c, trigger: c.trigger.id })) } })) };
}

export function fromPlain(a: PlainAnalysis): DocumentAnalysis {
  return {
    ...a,
    handlers: a.handlers.map((h) => ({
      ...h,
      inference: { ...h.inference, candidates: h.inference.candidates.flatMap((c) => { const trigger = getTrigger(c.trigger); return trigger ? [{ ...c, trigger }] : []; }) },
    })),
  };
}
