// The shapes of a local Cognito flow: what it is asked to do, each step it took and how it ended.
import { FLOW_CHOICES } from '../protocol/flows';
import type { InvokeSummary } from '../protocol/invokeResult';

/** The flows the engine runs, named as the CLI names them (the protocol lists them for the VS Code picker). */
export type FlowName = (typeof FLOW_CHOICES)[number]['name'];
export const FLOW_NAMES: readonly FlowName[] = FLOW_CHOICES.map((c) => c.name);

/** The error the app receives when Cognito fails the operation (API exception name and message). */
export interface AppError {
  name: string;
  message: string;
  /** Index into `steps` of the step that caused it, when a step did. */
  step?: number;
  /** Where the rule comes from (AWS documentation, or an observed public issue). */
  source?: string;
}

/** One attempt at invoking a handler (Cognito retries a timed-out synchronous trigger). */
export interface Attempt {
  outcome: 'returned' | 'error' | 'timeout' | 'crashed' | 'failedToStart';
  ms: number;
  /** Console output of this attempt: side effects of a retried attempt show twice. */
  logs: string;
}

/**
 * One step of the flow. `kind: 'trigger'` is a handler invocation; `'cognito'` is something Cognito
 * does itself (checks a password, stores a user); `'app'` is the app's call or answer.
 */
export interface FlowStep {
  kind: 'trigger' | 'cognito' | 'app';
  /** Trigger id (`DefineAuthChallenge`), or the API operation for Cognito and app steps. */
  trigger: string;
  /** The triggerSource sent, or what the Cognito/app step did (`RespondToAuthChallenge`). */
  triggerSource: string;
  event: unknown;
  response: unknown;
  verdict: InvokeSummary;
  /** Invocations made (1 normally; up to 3 when the handler times out); 0 for Cognito/app steps. */
  attempts: number;
  attemptDetails?: Attempt[];
  ms: number;
  /** Handler `file#export` for trigger steps. */
  handler?: string;
  /** The documentation of the rule this step applies. */
  source?: string;
}

/** A message Cognito (or your sender) would deliver. */
export interface FlowMessage {
  via: 'email' | 'sms';
  /** Who delivers it: Cognito (default or custom message) or your custom sender handler. */
  sentBy: 'cognito' | 'custom-message' | 'custom-sender';
  to?: string;
  subject?: string;
  body?: string;
  /** The code (or temporary password) Cognito generated. */
  code: string;
  /** For custom senders: the ciphertext the handler got in request.code. */
  encryptedCode?: string;
  /** For custom senders: whether the handler's output contained the plaintext code. */
  handlerOutputContainsCode?: boolean;
}

/** A signed token and its decoded parts. */
export interface DecodedToken {
  jwt: string;
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

/** How a flow ended. */
export interface FlowResult {
  flow: FlowName;
  /** succeeded; failed (Cognito fails it: `error`); incomplete (waiting on the app, e.g. an answer). */
  outcome: 'succeeded' | 'failed' | 'incomplete';
  error: AppError | null;
  steps: FlowStep[];
  tokens: { id?: DecodedToken; access: DecodedToken } | null;
  messages: FlowMessage[];
  /** Notes about what was not simulated or why the flow stopped. */
  notes: string[];
}

/** A challenge shown to the app (custom auth), as RespondToAuthChallenge's caller sees it. */
export interface ChallengePrompt {
  challengeName: string;
  /** publicChallengeParameters of create auth challenge. */
  parameters: Record<string, string>;
  /** 1-based round. */
  round: number;
}
