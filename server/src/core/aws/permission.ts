// Pure: does a Lambda resource policy already let a Cognito pool invoke the function? And the statement to add.

/** Who must be allowed to invoke, from where. */
export interface PermissionNeed {
  /** `cognito-idp.amazonaws.com` (user pools) or `cognito-sync.amazonaws.com` (Sync trigger). */
  principal: string;
  /** The pool's ARN; the statement must allow it (exactly or by an ArnLike pattern). */
  sourceArn: string;
  sourceAccount: string;
}

/** The AddPermission input we send (without FunctionName). */
export interface PermissionStatement {
  StatementId: string;
  Action: 'lambda:InvokeFunction';
  Principal: string;
  SourceArn: string;
  SourceAccount: string;
}

/** Principals Cognito invokes triggers as. */
export const USER_POOL_PRINCIPAL = 'cognito-idp.amazonaws.com';
export const SYNC_PRINCIPAL = 'cognito-sync.amazonaws.com';

/** Statement ids we add start with this, so unbind removes only ours. */
export const STATEMENT_PREFIX = 'CognitoTriggers-';

/** A deterministic statement id for a pool ARN (AddPermission allows `[a-zA-Z0-9-_]{1,100}`). */
export function statementIdFor(sourceArn: string): string {
  const tail = sourceArn.split(/[/:]/).slice(-2).join('-');
  return `${STATEMENT_PREFIX}${tail}`.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 100);
}

/** The AddPermission input that grants `need`. */
export function statementFor(need: PermissionNeed): PermissionStatement {
  return { StatementId: statementIdFor(need.sourceArn), Action: 'lambda:InvokeFunction', Principal: need.principal, SourceArn: need.sourceArn, SourceAccount: need.sourceAccount };
}

/** What a policy grants for `need`. */
export interface PermissionMatch {
  /** The Sid of the statement that grants it. */
  sid?: string;
  /** It grants more than needed: no SourceArn condition (any pool of any account can invoke). */
  broad?: boolean;
}

/**
 * The statement in `policyJson` (GetPolicy's `Policy`; undefined = no policy) that allows `need`, or
 * undefined. Deny statements are not evaluated: we only decide whether adding one would be a duplicate.
 */
export function findPermission(policyJson: string | undefined, need: PermissionNeed): PermissionMatch | undefined {
  if (!policyJson) return undefined;
  let policy: { Statement?: unknown };
  try {
    policy = JSON.parse(policyJson) as { Statement?: unknown };
  } catch {
    return undefined;
  }
  const statements = Array.isArray(policy.Statement) ? policy.Statement : policy.Statement ? [policy.Statement] : [];
  for (const raw of statements) {
    const s = raw as { Sid?: string; Effect?: string; Principal?: unknown; Action?: unknown; Condition?: Record<string, Record<string, unknown>> };
    if (s.Effect !== 'Allow' || !principalMatches(s.Principal, need.principal) || !actionMatches(s.Action)) continue;
    const arns = conditionValues(s.Condition, 'aws:sourcearn');
    const accounts = conditionValues(s.Condition, 'aws:sourceaccount');
    if (accounts.length > 0 && !accounts.includes(need.sourceAccount)) continue;
    if (arns.length === 0) return { ...(s.Sid ? { sid: s.Sid } : {}), broad: true };
    if (arns.some((pattern) => arnMatches(pattern, need.sourceArn))) return s.Sid ? { sid: s.Sid } : {};
  }
  return undefined;
}

/** Sids of statements we added for this pool (unbind offers to remove these only). */
export function ourStatementIds(policyJson: string | undefined, sourceArn: string): string[] {
  const id = statementIdFor(sourceArn);
  if (!policyJson) return [];
  try {
    const p = JSON.parse(policyJson) as { Statement?: { Sid?: string }[] };
    return (p.Statement ?? []).map((s) => s.Sid).filter((sid): sid is string => sid === id);
  } catch {
    return [];
  }
}

function principalMatches(principal: unknown, service: string): boolean {
  if (principal === '*') return true;
  const svc = (principal as { Service?: unknown } | undefined)?.Service;
  return svc === service || (Array.isArray(svc) && svc.includes(service));
}

function actionMatches(action: unknown): boolean {
  const list = Array.isArray(action) ? action : [action];
  return list.some((a) => typeof a === 'string' && ['lambda:invokefunction', 'lambda:*', '*'].includes(a.toLowerCase()));
}

/** Values of a condition key (case-insensitive) under any operator (ArnLike, ArnEquals, StringEquals ...). */
function conditionValues(condition: Record<string, Record<string, unknown>> | undefined, key: string): string[] {
  const out: string[] = [];
  for (const block of Object.values(condition ?? {})) {
    for (const [k, v] of Object.entries(block ?? {})) {
      if (k.toLowerCase() !== key) continue;
      for (const item of Array.isArray(v) ? v : [v]) if (typeof item === 'string') out.push(item);
    }
  }
  return out;
}

/** IAM ArnLike matching: `*` any run, `?` one character; exact match otherwise. */
function arnMatches(pattern: string, arn: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(arn);
}
