// Pure: which slots of a LambdaConfig call a given Lambda function (name or ARN, qualifier-aware).
import { readSlots } from './slots';

/** A function reference split into its parts; absent parts were not stated. */
interface FunctionRef {
  name: string;
  qualifier?: string;
  partition?: string;
  region?: string;
  account?: string;
}

/** Parses `name`, `name:qualifier`, `ACCOUNT:function:name[:q]` or `arn:…:lambda:REGION:ACCOUNT:function:name[:q]`. */
function parseFunctionRef(ref: string): FunctionRef {
  const parts = ref.split(':');
  let rest = parts;
  let scope: Omit<FunctionRef, 'name' | 'qualifier'> = {};
  if (parts[0] === 'arn' && parts.length >= 7) {
    scope = { partition: parts[1]!, region: parts[3]!, account: parts[4]! };
    rest = parts.slice(6);
  } else if (parts[1] === 'function' && parts.length >= 3) {
    scope = { account: parts[0]! };
    rest = parts.slice(2);
  }
  // `$LATEST` is what an unqualified reference runs, and its policy is the unqualified one.
  const qualifier = rest[1] && rest[1] !== '$LATEST' ? rest[1] : undefined;
  return { name: rest[0] ?? ref, ...(qualifier ? { qualifier } : {}), ...scope };
}

/**
 * True when both references reach the same resource policy: same function and same qualifier.
 * Lambda keeps one policy per qualifier, so `hook` and `hook:prod` do not share a statement. Parts
 * stated on one side only (a bare name has no account) are not compared.
 */
export function sameFunctionPolicy(a: string, b: string): boolean {
  const x = parseFunctionRef(a);
  const y = parseFunctionRef(b);
  if (x.name !== y.name || x.qualifier !== y.qualifier) return false;
  return (['partition', 'region', 'account'] as const).every((k) => x[k] === undefined || y[k] === undefined || x[k] === y[k]);
}

/** Slots of `lambdaConfig` (as Describe returns it) that call `functionArn`, in the model's order. */
export function slotsCalling(lambdaConfig: Record<string, unknown> | undefined, functionArn: string): string[] {
  return readSlots(lambdaConfig)
    .filter((s) => sameFunctionPolicy(s.functionArn, functionArn))
    .map((s) => s.slot);
}
