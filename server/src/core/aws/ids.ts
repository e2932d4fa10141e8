// Pure validation and parsing of the ids and ARNs we accept before any AWS call.
import { PlanError } from './planError';

/** Identity pool id: 1 to 55 characters, `REGION:GUID` (`[\w-]+:[0-9a-f-]+`). Throws PlanError otherwise. */
export function validateIdentityPoolId(id: string): string {
  if (id.length < 1 || id.length > 55 || !/^[\w-]+:[0-9a-f-]+$/.test(id)) {
    throw new PlanError(`"${id}" is not an identity pool id.`, 'An identity pool id looks like us-east-1:1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d (region, colon, GUID; at most 55 characters).');
  }
  return id;
}

/** User pool id: `REGION_ID`, 1 to 55 characters (`[\w-]+_[0-9a-zA-Z]+`). Throws PlanError otherwise. */
export function validateUserPoolId(id: string): string {
  if (id.length < 1 || id.length > 55 || !/^[\w-]+_[0-9a-zA-Z]+$/.test(id)) {
    throw new PlanError(`"${id}" is not a user pool id.`, 'A user pool id looks like us-east-1_AbC123xyz (region, underscore, id).');
  }
  return id;
}

/** The parts of an ARN (`arn:partition:service:region:account:resource`), or undefined. */
export function parseArn(arn: string): { partition: string; service: string; region: string; account: string; resource: string } | undefined {
  const m = /^arn:([\w-]+):([\w-]+):([\w-]*):([^:]*):(.+)$/.exec(arn);
  if (!m) return undefined;
  return { partition: m[1]!, service: m[2]!, region: m[3]!, account: m[4]!, resource: m[5]! };
}

/** The ARN Cognito Sync uses as SourceArn for an identity pool. */
export function identityPoolArn(partition: string, region: string, account: string, identityPoolId: string): string {
  return `arn:${partition}:cognito-identity:${region}:${account}:identitypool/${identityPoolId}`;
}
