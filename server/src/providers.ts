// The analysis areas the language server and the CLI route documents to, in order of precedence.
import type { LanguageFeatureProvider } from './core/features/provider';

/** Every provider; the first whose `handles` is true answers for a document. */
export const PROVIDERS: LanguageFeatureProvider[] = [];
