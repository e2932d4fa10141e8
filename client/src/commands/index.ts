// Every command of the extension: id → factory. package.json `contributes.commands` must match (tested).
import type * as vscode from 'vscode';
import type { ExtensionState } from '../context';
import { restartServer } from './restartServer';
import { showOutput } from './showOutput';

/** A command factory: given the extension state, the callback VS Code runs. */
export type CommandFactory = (state: ExtensionState) => (...args: unknown[]) => unknown;

/** All commands, keyed by id. */
export const COMMANDS: Record<string, CommandFactory> = {
  'cognitoTriggers.restartServer': restartServer,
  'cognitoTriggers.showOutput': showOutput,
};

/** Registers every command. */
export function registerCommands(state: ExtensionState, register: (id: string, fn: (...args: unknown[]) => unknown) => vscode.Disposable): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, factory]) => register(id, factory(state)));
}
