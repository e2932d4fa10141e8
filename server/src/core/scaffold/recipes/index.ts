// Every trigger's scaffold recipe, keyed by trigger id.
import type { TriggerId } from '../../model/types';
import { createAuthChallenge, defineAuthChallenge, verifyAuthChallengeResponse } from './auth';
import { customEmailSender, customMessage, customSMSSender } from './messages';
import { inboundFederation, syncTrigger } from './other';
import { postAuthentication, postConfirmation, preAuthentication, preSignUp, userMigration } from './signUp';
import { preTokenGeneration, preTokenGenerationV2, preTokenGenerationV3 } from './tokens';
import type { Recipe } from './types';

export type { Recipe, Variant } from './types';

/** One recipe per trigger (the type makes a missing trigger a compile error). */
export const RECIPES: Readonly<Record<TriggerId, Recipe>> = {
  PreSignUp: preSignUp,
  PostConfirmation: postConfirmation,
  PreAuthentication: preAuthentication,
  PostAuthentication: postAuthentication,
  DefineAuthChallenge: defineAuthChallenge,
  CreateAuthChallenge: createAuthChallenge,
  VerifyAuthChallengeResponse: verifyAuthChallengeResponse,
  PreTokenGeneration: preTokenGeneration,
  PreTokenGenerationV2: preTokenGenerationV2,
  PreTokenGenerationV3: preTokenGenerationV3,
  UserMigration: userMigration,
  CustomMessage: customMessage,
  CustomEmailSender: customEmailSender,
  CustomSMSSender: customSMSSender,
  InboundFederation: inboundFederation,
  SyncTrigger: syncTrigger,
};
