// Every command of the extension: id → factory. package.json `contributes.commands` must match (tested).
import type * as vscode from 'vscode';
import type { ExtensionState } from '../context';
import { convertEvent } from './convertEvent';
import { invokeAgain } from './invokeAgain';
import { invokeLocal } from './invokeLocal';
import { newHandler } from './newHandler';
import { newSampleEvent } from './newSampleEvent';
import { bindTrigger } from './bindTrigger';
import { applyDoctorFix, checkPool, recheckPool } from './checkPool';
import { chooseAwsTarget } from './chooseAwsTarget';
import { refreshBindings } from './refreshBindings';
import { remoteInvoke } from './remoteInvoke';
import { selectProfile } from './selectProfile';
import { selectRegion } from './selectRegion';
import { unbindTrigger } from './unbindTrigger';
import { restartServer } from './restartServer';
import { rerunFlow, runFlow, showFlowJson } from './runFlow';
import { startLambdaEndpoint, stopLambdaEndpoint } from './lambdaEndpoint';
import { showOutput } from './showOutput';

/** A command factory: given the extension state, the callback VS Code runs. */
export type CommandFactory = (state: ExtensionState) => (...args: unknown[]) => unknown;

/** All commands, keyed by id. */
export const COMMANDS: Record<string, CommandFactory> = {
  'cognitoTriggers.restartServer': restartServer,
  'cognitoTriggers.bindTrigger': bindTrigger,
  'cognitoTriggers.unbindTrigger': unbindTrigger,
  'cognitoTriggers.remoteInvoke': remoteInvoke,
  'cognitoTriggers.selectProfile': selectProfile,
  'cognitoTriggers.selectRegion': selectRegion,
  'cognitoTriggers.chooseAwsTarget': chooseAwsTarget,
  'cognitoTriggers.refreshBindings': refreshBindings,
  'cognitoTriggers.checkPool': checkPool,
  'cognitoTriggers.recheckPool': recheckPool,
  'cognitoTriggers.applyDoctorFix': applyDoctorFix,
  'cognitoTriggers.showOutput': showOutput,
  'cognitoTriggers.invokeLocal': invokeLocal,
  'cognitoTriggers.invokeAgain': invokeAgain,
  'cognitoTriggers.newHandler': newHandler,
  'cognitoTriggers.newSampleEvent': newSampleEvent,
  'cognitoTriggers.convertEvent': convertEvent,
  'cognitoTriggers.runFlow': runFlow,
  'cognitoTriggers.rerunFlow': rerunFlow,
  'cognitoTriggers.startLambdaEndpoint': startLambdaEndpoint,
  'cognitoTriggers.stopLambdaEndpoint': stopLambdaEndpoint,
  'cognitoTriggers.showFlowJson': showFlowJson,
};

/** Registers every command. */
export function registerCommands(state: ExtensionState, register: (id: string, fn: (...args: unknown[]) => unknown) => vscode.Disposable): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, factory]) => register(id, factory(state)));
}
