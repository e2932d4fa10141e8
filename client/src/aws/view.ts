// Registers the bindings view (one instance, shared with the refresh command).
import * as vscode from 'vscode';
import type { ExtensionState } from '../context';
import { BindingsTree } from './bindingsTree';
import { registerAwsStatusBar } from './statusBar';

let tree: BindingsTree | undefined;

/** The view's data provider, once registered. */
export function bindingsTree(): BindingsTree | undefined {
  return tree;
}

/** Registers the `cognitoTriggers.bindings` view and the AWS status bar item. */
export function registerAwsUi(state: ExtensionState): void {
  tree = new BindingsTree(state);
  state.context.subscriptions.push(vscode.window.createTreeView('cognitoTriggers.bindings', { treeDataProvider: tree, showCollapseAll: true }));
  registerAwsStatusBar(state.context);
}
