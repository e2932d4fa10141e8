// The registry list: every definition in flow order, looked up by id or triggerSource.
import { createAuthChallenge } from './triggers/createAuthChallenge';
import { customEmailSender } from './triggers/customEmailSender';
import { customMessage } from './triggers/customMessage';
import { customSMSSender } from './triggers/customSMSSender';
import { defineAuthChallenge } from './triggers/defineAuthChallenge';
import { inboundFederation } from './triggers/inboundFederation';
import { postAuthentication } from './triggers/postAuthentication';
import { postConfirmation } from './triggers/postConfirmation';
import { preAuthentication } from './triggers/preAuthentication';
import { preSignUp } from './triggers/preSignUp';
import { preTokenGeneration } from './triggers/preTokenGeneration';
import { preTokenGenerationV2 } from './triggers/preTokenGenerationV2';
import { preTokenGenerationV3 } from './triggers/preTokenGenerationV3';
import { syncTrigger } from './triggers/syncTrigger';
import { userMigration } from './triggers/userMigration';
import { verifyAuthChallengeResponse } from './triggers/verifyAuthChallengeResponse';
import type { TriggerDefinition, TriggerId, TriggerSourceDefinition } from './types';


/**
 * Every trigger we model, in the order Cognito's flows reach them: sign-up, sign-in (custom
 * challenge, tokens), migration and messages, federation, then the identity pool Sync trigger.
 */
export const TRIGGERS: readonly TriggerDefinition[] = [
  preSignUp,
  postConfirmation,
  preAuthentication,
  postAuthentication,
  defineAuthChallenge,
  createAuthChallenge,
  verifyAuthChallengeResponse,
  preTokenGeneration,
  preTokenGenerationV2,
  preTokenGenerationV3,
  userMigration,
  customMessage,
  customEmailSender,
  customSMSSender,
  inboundFederation,
  syncTrigger,
];

const byId = new Map<string, TriggerDefinition>(TRIGGERS.map((t) => [t.id, t]));

/** The definition with this id, or undefined. */
export function getTrigger(id: string): TriggerDefinition | undefined {
  return byId.get(id);
}

/** The definition with this id; throws for an unknown id (programming error). */
export function trigger(id: TriggerId): TriggerDefinition {
  const t = byId.get(id);
  if (!t) throw new Error(`No trigger definition for ${id}`);
  return t;
}

/** Every (trigger, source) pair whose triggerSource value equals `value`. */
export function findSource(value: string): { trigger: TriggerDefinition; source: TriggerSourceDefinition }[] {
  const out: { trigger: TriggerDefinition; source: TriggerSourceDefinition }[] = [];
  for (const t of TRIGGERS) for (const s of t.sources) if (s.value === value) out.push({ trigger: t, source: s });
  return out;
}
