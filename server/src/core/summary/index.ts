// What Cognito would do with a trigger's answer: one pure summariser per trigger family, used by the
// local invoke, the remote invoke and the CLI.
import { getTrigger } from '../model/registry';
import type { TriggerDefinition, TriggerId } from '../model/types';
import type { InvokeOutcome, InvokeSummary, ResponseIssue } from '../protocol/invokeResult';
import { defineAuthChallenge, createAuthChallenge, verifyAuthChallengeResponse } from './challenge';
import { answerShapeSummary, failureSummary, info, obj, summary, warn, type ReturnedSummariser, type SummaryInput } from './common';
import { applyResponseIssues } from './issues';
import { customMessage, customSender } from './messages';
import { inboundFederation, userMigration } from './migration';
import { postAuthentication, postConfirmation, preAuthentication, preSignUp } from './signUp';
import { syncTrigger } from './sync';
import { preTokenGeneration } from './tokens';

export type { SummaryInput } from './common';
export { mergeDataset, type MergedRecord } from './sync';
export { isIgnoredByCognito, normalizeResponseIssues, rejectedIssues } from './issues';

const BY_TRIGGER: Record<TriggerId, ReturnedSummariser> = {
  PreSignUp: preSignUp,
  PostConfirmation: postConfirmation,
  PreAuthentication: preAuthentication,
  PostAuthentication: postAuthentication,
  DefineAuthChallenge: defineAuthChallenge,
  CreateAuthChallenge: createAuthChallenge,
  VerifyAuthChallengeResponse: verifyAuthChallengeResponse,
  PreTokenGeneration: preTokenGeneration,
  PreTokenGenerationV2: preTokenGeneration,
  PreTokenGenerationV3: preTokenGeneration,
  UserMigration: userMigration,
  CustomMessage: customMessage,
  CustomEmailSender: customSender,
  CustomSMSSender: customSender,
  InboundFederation: inboundFederation,
  SyncTrigger: syncTrigger,
};

/** Arguments of `summarize`. The trigger may be given by id (as the protocol carries it) or definition. */
export interface SummarizeArgs {
  triggerId?: string;
  trigger?: TriggerDefinition;
  triggerSource?: string;
  input: unknown;
  outcome: InvokeOutcome;
  ignoredReturn?: boolean;
  /** What the run printed (evidence of side effects before a timeout). */
  logs?: string;
  /** Problems the model found in the returned event; those Cognito rejects fail the operation. */
  issues?: readonly ResponseIssue[];
}

/** What Cognito would do with this outcome of the trigger. Pure; never throws for odd answers. */
export function summarize(args: SummarizeArgs): InvokeSummary {
  const trigger = args.trigger ?? (args.triggerId ? getTrigger(args.triggerId) : undefined);
  const i: SummaryInput = { input: args.input, outcome: args.outcome, ...(trigger ? { trigger } : {}), ...(args.triggerSource ? { triggerSource: args.triggerSource } : {}), ...(args.ignoredReturn ? { ignoredReturn: true } : {}), ...(args.logs ? { logs: args.logs } : {}) };
  const failed = failureSummary(i) ?? answerShapeSummary(i);
  if (failed) return failed;
  const value = obj((args.outcome as { value: unknown }).value) ?? {};
  if (!trigger) {
    return summary('The handler answered; the trigger is unknown, so Cognito’s rules cannot be applied.', 'localRun', true, [warn('The event was not recognised as any Cognito trigger’s: pick the trigger or fix triggerSource.', 'sharedParameters')]);
  }
  const s = BY_TRIGGER[trigger.id]({ ...i, value });
  if (args.ignoredReturn) s.lines.push(warn('The handler returned a plain value that Lambda discards (not async, no callback).', 'lambdaHandler'));
  if (trigger.noResponse) s.lines.push(info('This trigger has no response: the answer is ignored.', 'customSenders'));
  return applyResponseIssues(s, args.issues ?? [], trigger);
}
