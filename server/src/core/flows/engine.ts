// Runs one whole Cognito flow locally through the workspace's handlers and says how the app sees it end.
import type { LocalInvoker } from '../invoke';
import type { Settings } from '../settings';
import { customAuth, signIn } from './auth';
import { sixDigits } from './messages';
import { clientCredentials, federatedSignIn, forgotPassword, refresh, sync } from './other';
import type { PoolConfig } from './pool';
import type { FlowRequest } from './request';
import { adminCreateUser, signUp, type FlowEnd } from './signUp';
import type { FlowContext } from './step';
import type { ChallengePrompt, FlowResult, FlowStep } from './types';
import type { UserStore } from './users';

/** What a flow run needs besides the request. */
export interface RunFlowOptions {
  invoker: LocalInvoker;
  folder: string;
  settings: Settings['invoke'];
  /** cognitoTriggers.python.interpreter (empty: .venv/venv, else python3) for Python handlers. */
  pythonInterpreter?: string;
  pool: PoolConfig;
  users: UserStore;
  clientMetadata?: Record<string, string>;
  /** Environment for the handlers (the local KMS endpoint). */
  env?: Record<string, string>;
  encryptCode?(code: string): Promise<string>;
  answer?(prompt: ChallengePrompt): Promise<string | undefined>;
  onStep?(step: FlowStep): void;
  onOutput?(text: string, stream: 'stdout' | 'stderr'): void;
  now?(): number;
  newCode?(): string;
}

/** Runs `req.flow`. Never rejects for handler problems: they end the flow as the app would see them. */
export async function runFlow(req: FlowRequest, o: RunFlowOptions): Promise<FlowResult> {
  const ctx: FlowContext = {
    invoker: o.invoker,
    folder: o.folder,
    settings: o.settings,
    ...(o.pythonInterpreter !== undefined ? { pythonInterpreter: o.pythonInterpreter } : {}),
    pool: o.pool,
    users: o.users,
    clientMetadata: o.clientMetadata ?? {},
    ...(o.env ? { env: o.env } : {}),
    ...(o.encryptCode ? { encryptCode: o.encryptCode } : {}),
    ...(o.answer ? { answer: o.answer } : {}),
    ...(o.onStep ? { onStep: o.onStep } : {}),
    ...(o.onOutput ? { onOutput: o.onOutput } : {}),
    now: o.now ?? Date.now,
    newCode: o.newCode ?? sixDigits,
    steps: [],
    messages: [],
    // The pool's own notes first (which app client the flow assumes).
    notes: [...(o.pool.notes ?? [])],
  };
  const out: { tokens: FlowResult['tokens'] } = { tokens: null };
  let end: FlowEnd;
  switch (req.flow) {
    case 'sign-up':
      end = await signUp(ctx, req);
      break;
    case 'admin-create-user':
      end = await adminCreateUser(ctx, req);
      break;
    case 'sign-in':
      end = await signIn(ctx, req, out);
      break;
    case 'custom-auth':
      end = await customAuth(ctx, req, out);
      break;
    case 'forgot-password':
      end = await forgotPassword(ctx, req);
      break;
    case 'refresh':
      end = await refresh(ctx, req, out);
      break;
    case 'client-credentials':
      end = await clientCredentials(ctx, req, out);
      break;
    case 'federated-sign-in':
      end = await federatedSignIn(ctx, req, out);
      break;
    case 'sync':
      end = await sync(ctx, req);
      break;
  }
  const outcome = end === 'incomplete' ? 'incomplete' : end ? 'failed' : 'succeeded';
  // The user store keeps what Cognito would have stored, also when a later step failed.
  o.users.save();
  return { flow: req.flow, outcome, error: end && end !== 'incomplete' ? end : null, steps: ctx.steps, tokens: outcome === 'succeeded' ? out.tokens : null, messages: ctx.messages, notes: ctx.notes };
}
