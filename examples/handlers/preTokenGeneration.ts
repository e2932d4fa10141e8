// Pre token generation trigger, event version 2 (V2_0): adds a tenant claim to both tokens and OAuth scopes to the access token.
import type { PreTokenGenerationV2TriggerEvent, PreTokenGenerationV2TriggerHandler } from 'aws-lambda';

/** Scopes by group: admins may write orders, everyone may read them. */
const SCOPES_BY_GROUP: Record<string, string[]> = {
  admins: ['orders/read', 'orders/write'],
  customers: ['orders/read'],
};

export const handler: PreTokenGenerationV2TriggerHandler = async (event: PreTokenGenerationV2TriggerEvent) => {
  const groups = event.request.groupConfiguration.groupsToOverride ?? [];
  const tenant = event.request.userAttributes['custom:tenant_id'] ?? 'default';
  const scopes = [...new Set(groups.flatMap((g) => SCOPES_BY_GROUP[g] ?? []))];
  event.response = {
    claimsAndScopeOverrideDetails: {
      idTokenGeneration: {
        claimsToAddOrOverride: { tenant_id: tenant },
      },
      // Access token customisation needs the V2_0 (or V3_0) event, set on the user pool's LambdaConfig.
      accessTokenGeneration: {
        claimsToAddOrOverride: { tenant_id: tenant },
        scopesToAdd: scopes,
      },
    },
  };
  return event;
};
