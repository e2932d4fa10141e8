// The analysis areas the language server and the CLI route documents to, in order of precedence.
import { createEventJsonProvider } from './core/features/eventJson';
import { createHandlerCodeProvider } from './core/features/handlerCode';
import { guardProvider, type LanguageFeatureProvider } from './core/features/provider';
import { bindingHints } from './workspace/bindings';
import { handlerRuntime } from './workspace/runtime';

/** Every provider, each behind the guard that logs and answers nothing instead of throwing; the first whose `handles` is true answers for a document. */
export const PROVIDERS: LanguageFeatureProvider[] = [createEventJsonProvider(), createHandlerCodeProvider({ bindingHints, runtime: handlerRuntime })].map(guardProvider);
