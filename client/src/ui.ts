// UI contributions that are not commands (CodeLens handlers, views, status bar); each area adds one line.
import type { ExtensionState } from './context';

/** Registers every UI contribution. */
export function registerUi(_state: ExtensionState): void {
  // Areas register here: views, status bar items, content providers.
}
