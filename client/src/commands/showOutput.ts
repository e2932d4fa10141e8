// Command: show the Cognito Triggers log.
import type { ExtensionState } from '../context';
import { log } from '../log';

/** `cognitoTriggers.showOutput`. */
export const showOutput = (_state: ExtensionState) => (): void => log().show(true);
