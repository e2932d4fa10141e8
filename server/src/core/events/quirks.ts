// Type mismatches that published examples are known for: warnings that name what Cognito really sends.
import type { FieldDefinition } from '../model/types';
import { isOutput, report, type CheckContext } from './context';
import { showPath } from './issues';

type Path = readonly (string | number)[];

const ends = (path: Path, ...tail: string[]): boolean => tail.every((k, i) => path[path.length - tail.length + i] === k);

/**
 * Reports a known quirk for a value whose JSON type differs from the model, and returns true; returns
 * false when the mismatch is not a known quirk (the caller reports wrong-type).
 */
export function typeQuirk(ctx: CheckContext, value: unknown, field: FieldDefinition, path: Path): boolean {
  const at = showPath(path);
  if (path.length === 1 && path[0] === 'version' && typeof value === 'number' && ctx.trigger.binding.kind === 'userPool') {
    report(ctx, 'numeric-version', 'warning', path, `version is the number ${value}; Cognito sends the string "${value}" (old AWS doc samples show a number).`, field.docs);
    return true;
  }
  if (path[0] === 'request' && path[path.length - 2] === 'userAttributes' && typeof value === 'boolean') {
    report(ctx, 'boolean-attribute', 'warning', path, `${at} is the boolean ${value}; Cognito sends attribute values as strings: "${value}".`, field.docs);
    return true;
  }
  if (!isOutput(ctx, path) && ends(path, 'groupConfiguration', 'preferredRole') && Array.isArray(value)) {
    report(ctx, 'preferred-role-array', 'warning', path, `${at} is an array (as in two AWS doc test events); Cognito sends one role ARN string, or null when no group has a role.`, field.docs);
    return true;
  }
  if (path.length === 2 && path[0] === 'response' && path[1] === 'claimsAndScopeOverrideDetails' && Array.isArray(value) && value.length === 0) {
    report(ctx, 'claims-override-array', 'warning', path, `${at} is [] (as in the AWS doc V2 test events); Cognito sends null, and your function must return an object such as {"idTokenGeneration": {...}}.`, field.docs);
    return true;
  }
  return false;
}
