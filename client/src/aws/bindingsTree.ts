// The Cognito Triggers view: pools → trigger slots → bound function and the workspace handler.
import * as vscode from 'vscode';
import { AwsBindingsRequest, type AwsError, type SlotView } from '../../../server/src/core/protocol';
import type { ExtensionState } from '../context';
import { awsCall, bindingsChanged } from './request';
import { invokeLocalArg } from './slotArgs';

/** A tree element. Slot elements carry the argument shapes the menu commands take. */
export type BindingsNode =
  | { type: 'pool'; poolKind: 'userPool' | 'identityPool'; poolId: string; name: string; slots: SlotView[]; error?: AwsError; described?: false }
  | {
      type: 'slot';
      poolKind: 'userPool' | 'identityPool';
      poolId: string;
      /** The pool's name: Bind, Unbind and their messages start with it. */
      poolName: string;
      slot: string;
      view: SlotView;
      /** For remote invoke. */
      functionName?: string;
      triggerId?: string;
      /** For `cognitoTriggers.invokeLocal` ({ uri, handlerName, triggerIds }). */
      uri?: string;
      handlerName?: string;
      triggerIds?: string[];
    }
  | { type: 'message'; text: string; hint?: string };

/** Which welcome content the view shows (none for `ok`). */
export type PoolsState = 'untrusted' | 'loading' | 'noRegion' | 'noCredentials' | 'error' | 'noPools' | 'ok';

/** Tree data for the view; reads AWS only when the view is shown or refreshed. */
export class BindingsTree implements vscode.TreeDataProvider<BindingsNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  /** The last snapshot (for tests and the refresh command's return value). */
  last: AwsBindingsRequest.Result | undefined;

  constructor(private readonly state: ExtensionState) {
    bindingsChanged.event(() => this.refresh());
    // Granting trust (the welcome content's Manage Workspace Trust) must show the pools at once.
    state.context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void this.reload()));
  }

  /**
   * What the view shows when it has no rows: package.json `viewsWelcome` picks its text and buttons
   * by this context key (Select AWS Region for no Region, and so on) instead of a truncated tree row.
   */
  private setState(state: PoolsState): void {
    this.shown = state;
    void vscode.commands.executeCommand('setContext', 'cognitoTriggers.poolsState', state);
  }
  private shown: PoolsState | undefined;
  /** The welcome state shown now (tests read it). */
  get poolsState(): PoolsState | undefined {
    return this.shown;
  }

  /** A load started by `reload`, picked up by the view's next read if recent (avoids reading twice). */
  private pending: { at: number; result: Promise<AwsBindingsRequest.Result | undefined> } | undefined;

  refresh(): void {
    this.changed.fire();
  }

  /**
   * Refresh: drops what the server kept (pool lists and descriptions), lists the pools again and shows
   * them; resolves with what the view shows. `expand`: pool ids also read (as an expand would), for tests.
   */
  async reload(expand: string[] = []): Promise<AwsBindingsRequest.Result | undefined> {
    const result = this.load(true);
    this.pending = { at: Date.now(), result };
    this.changed.fire();
    const r = await result;
    if (!r) return r;
    for (const list of [r.userPools, r.identityPools] as { id: string; name: string; slots: SlotView[]; described?: false }[][]) {
      for (const [i, p] of list.entries()) {
        if (!expand.includes(p.id)) continue;
        const read = await this.describe(list === r.userPools ? 'userPool' : 'identityPool', p.id, p.name);
        if (read) list[i] = read;
      }
    }
    return r;
  }

  /**
   * Lists the pools (every ListUserPools / ListIdentityPools page) without describing any: a pool is
   * read when it is expanded. The server keeps what it read until a refresh (`refresh`).
   */
  async load(refresh = false): Promise<AwsBindingsRequest.Result | undefined> {
    const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
    let failure: string | undefined;
    // The welcome content explains these two with a button; a toast on every view show would be noise.
    const quiet = ['NoRegion', 'NoCredentials'];
    this.last = await awsCall(this.state, AwsBindingsRequest.type, { folders, listOnly: true, ...(refresh ? { refresh } : {}) }, 'Reading pools and triggers', { quietFor: quiet, onError: (e) => (failure = e.code) });
    if (!this.last) this.setState(failure === 'NoRegion' ? 'noRegion' : failure === 'NoCredentials' ? 'noCredentials' : 'error');
    else this.setState(this.last.userPools.length + this.last.identityPools.length || this.last.identityPoolsError ? 'ok' : 'noPools');
    return this.last;
  }

  /** One pool read (DescribeUserPool or GetCognitoEvents, unless the server kept it). */
  private async describe(kind: 'userPool' | 'identityPool', poolId: string, name: string): Promise<AwsBindingsRequest.Result['userPools'][number] | undefined> {
    const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
    const ids = kind === 'userPool' ? { userPoolIds: [poolId], identityPoolIds: [] } : { userPoolIds: [], identityPoolIds: [poolId] };
    const r = await awsCall(this.state, AwsBindingsRequest.type, { folders, ...ids }, `${name || poolId}: reading the pool`);
    return r?.userPools[0] ?? r?.identityPools[0];
  }

  async getChildren(node?: BindingsNode): Promise<BindingsNode[]> {
    if (node?.type === 'pool') {
      // Listed only: read now, on expand.
      const read = node.described === false ? await this.describe(node.poolKind, node.poolId, node.name) : node;
      if (!read) return [{ type: 'message', text: `${node.name || node.poolId}: could not be read.`, hint: 'See the Cognito Triggers log, then Refresh.' }];
      const pool = { ...node, slots: read.slots };
      return read.error ? [{ type: 'message', text: read.error.message, hint: read.error.hint }] : read.slots.map((s) => slotNode(pool, s));
    }
    if (node) return [];
    // No rows: the welcome content (package.json viewsWelcome, by poolsState) explains and offers the fix.
    if (!vscode.workspace.isTrusted) {
      this.setState('untrusted');
      return [];
    }
    const pending = this.pending && Date.now() - this.pending.at < 5000 ? this.pending.result : undefined;
    this.pending = undefined;
    if (!pending) this.setState('loading');
    const r = await (pending ?? this.load());
    if (!r) return [];
    const pools: BindingsNode[] = [
      ...r.userPools.map((p): BindingsNode => ({ type: 'pool', poolKind: 'userPool', poolId: p.id, name: p.name, slots: p.slots, ...(p.error ? { error: p.error } : {}), ...(p.described === false ? { described: false as const } : {}) })),
      ...r.identityPools.map((p): BindingsNode => ({ type: 'pool', poolKind: 'identityPool', poolId: p.id, name: p.name, slots: p.slots, ...(p.error ? { error: p.error } : {}), ...(p.described === false ? { described: false as const } : {}) })),
    ];
    if (r.identityPoolsError) pools.push({ type: 'message', text: `Identity pools: ${r.identityPoolsError.message}`, hint: r.identityPoolsError.hint });
    return pools;
  }

  getTreeItem(node: BindingsNode): vscode.TreeItem {
    if (node.type === 'message') {
      const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      item.tooltip = node.hint ?? node.text;
      item.iconPath = new vscode.ThemeIcon('info');
      return item;
    }
    if (node.type === 'pool') {
      const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `${node.poolKind}:${node.poolId}`;
      item.description = `${node.poolId}${node.poolKind === 'identityPool' ? ' (identity pool)' : ''}`;
      item.contextValue = `cognitoTriggers.pool.${node.poolKind}`;
      item.iconPath = new vscode.ThemeIcon(node.poolKind === 'userPool' ? 'organization' : 'sync');
      return item;
    }
    const v = node.view;
    const item = new vscode.TreeItem(v.slot, vscode.TreeItemCollapsibleState.None);
    item.id = `${node.poolKind}:${node.poolId}:${v.slot}`;
    const fn = v.functionArn ? v.functionArn.split(':').slice(6).join(':') : '—';
    item.description = `${fn}${v.lambdaVersion ? ` (${v.lambdaVersion})` : ''}${v.handler ? ` ← ${v.handler.file}#${v.handler.handlerName}` : ''}`;
    item.tooltip = new vscode.MarkdownString(`**${v.displayName}** (\`${v.slot}\`)\n\n${v.functionArn ? `Bound: \`${v.functionArn}\`` : 'Not bound.'}${v.handler ? `\n\nBuilt from \`${v.handler.file}\` (export \`${v.handler.handlerName}\`)${v.handler.why ? `: ${v.handler.from === 'iac' ? 'the infrastructure code names it' : 'the bindings file names it'} (\`${v.handler.why.replace(/`/g, "'")}\`)` : ''}` : ''}`);
    item.contextValue = `cognitoTriggers.slot${v.functionArn ? '.bound' : ''}${v.handler ? '.handler' : ''}`;
    item.iconPath = new vscode.ThemeIcon(v.functionArn ? 'zap' : 'circle-outline');
    if (v.handler) item.command = { command: 'vscode.open', title: 'Open handler', arguments: [vscode.Uri.parse(v.handler.uri)] };
    return item;
  }
}

function slotNode(pool: Extract<BindingsNode, { type: 'pool' }>, v: SlotView): BindingsNode {
  return {
    type: 'slot',
    poolKind: pool.poolKind,
    poolId: pool.poolId,
    poolName: pool.name,
    slot: v.slot,
    view: v,
    ...(v.functionArn ? { functionName: v.functionArn } : {}),
    ...(v.triggerId ? { triggerId: v.triggerId } : {}),
    // VS Code passes this node itself to the context menu's Invoke Locally: it must carry the lens shape.
    ...invokeLocalArg(v),
  };
}
