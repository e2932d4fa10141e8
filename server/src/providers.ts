// The analysis areas the language server and the CLI route documents to, in order of precedence.
import { createEventJsonProvider } from './core/features/eventJson';
import { createHandlerCodeProvider, type HandlerCodeOptions } from './core/features/handlerCode';
import { guardProvider, type LanguageFeatureProvider } from './core/features/provider';
import { bindingHints } from './workspace/bindings';
import { handlerRuntime } from './workspace/runtime';

/**
 * Every provider, each behind the guard that logs and answers nothing instead of throwing; the first whose
 * `handles` is true answers for a document. The language server passes `offThread` (a worker thread for
 * large handlers); the CLI checks one file at a time and analyses in place.
 */
export function createProviders(offThread?: HandlerCodeOptions['offThread']): LanguageFeatureProvider[] {
  return [createEventJsonProvider(), createHandlerCodeProvider({ bindingHints, runtime: handlerRuntime, ...(offThread ? { offThread } : {}) })].map(guardProvider);
}

/** The providers without a worker thread (the CLI, tests). */
export const PROVIDERS: LanguageFeatureProvider[] = createProviders();
