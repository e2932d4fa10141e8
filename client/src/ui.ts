// UI contributions that are not commands (CodeLens handlers, views, status bar); each area adds one line.
import type { ExtensionState } from './context';
import { registerAwsUi } from './aws/view';
import { registerResultView } from './invoke/resultView';
import { flowTimeline } from './flows/timelineView';

/** Registers every UI contribution. */
export function registerUi(_state: ExtensionState): void {
  // Areas register here: views, status bar items, content providers.
  _state.context.subscriptions.push(...registerResultView());
  registerAwsUi(_state);
  flowTimeline(_state.context);
}
