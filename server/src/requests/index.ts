// Custom requests of the language server, one module per area; each registers its own handlers.
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ProviderHost } from '../core/features/provider';
import { WarmPool } from '../core/invoke';
import type { InitializationOptions, UserFacingError } from '../core/protocol';
import type { SettingsCache } from '../workspace/settings';
import type { WorkspaceFolders } from '../workspace/folders';
import { registerCommandRequests } from './commands';
import { registerEventRequests } from './events';
import { registerFlowRequests } from './flows';
import { registerLambdaEndpointRequests } from './lambdaEndpoint';
import { registerInvokeRequests } from './invoke';
import { registerScaffoldRequests } from './scaffold';
import { registerAwsRequests } from './aws';
import { registerModelRequests } from './model';

/** What request modules get from the server. */
export interface RequestDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  settings: SettingsCache;
  folders: WorkspaceFolders;
  host: ProviderHost;
  init: InitializationOptions;
  /** Current workspace trust; handler code and AWS calls need it. */
  isTrusted(): boolean;
  /** The refusal an untrusted invoke gets; default: VS Code's Restricted Mode wording. */
  untrustedError?(): UserFacingError;
  /** The client supports window/showDocument (results of workspace/executeCommand are shown with it). */
  canShowDocument?(): boolean;
  /** The warm workers of the whole server: Invoke, Run Flow and every Local Lambda Endpoint share one cap. */
  warmPool?: WarmPool;
}

/** Registers every area's custom requests. */
export function registerRequests(deps: RequestDeps): void {
  deps.warmPool ??= new WarmPool();
  registerModelRequests(deps);
  registerAwsRequests(deps);
  const runInvoke = registerInvokeRequests(deps);
  registerCommandRequests(deps, runInvoke, () => deps.canShowDocument?.() ?? false);
  registerScaffoldRequests(deps);
  registerEventRequests(deps);
  registerFlowRequests(deps);
  registerLambdaEndpointRequests(deps);
}
