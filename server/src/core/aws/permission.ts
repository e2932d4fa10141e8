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
  // The first statement that grants it, in policy order: one scoped to this pool, or a broad one.
  const g = grantsFor(policyJson, need).find((x) => x.kind === 'thisPool' || x.kind === 'broad');
  if (!g) return undefined;
  return { ...(g.sid ? { sid: g.sid } : {}), ...(g.kind === 'broad' ? { broad: true } : {}) };
}

/** How one Allow statement for the principal relates to `need` (the doctor reports each kind). */
export type GrantKind = 'thisPool' | 'broad' | 'otherPool' | 'otherAccount';

/** An Allow statement of the policy for `need.principal` and lambda:InvokeFunction, classified. */
export interface Grant {
  sid?: string;
  kind: GrantKind;
  /** The statement's aws:SourceArn values (empty for a broad one). */
  sourceArns: string[];
  sourceAccounts: string[];
}

/**
 * Every Allow statement in `policyJson` that lets `need.principal` invoke the function, classified
 * against `need`: for this pool; broad (no SourceArn: any pool, of any account without SourceAccount);
 * scoped to other pools only; or to another account. Unparsable or absent policy: none.
 */
export function grantsFor(policyJson: string | undefined, need: PermissionNeed): Grant[] {
  const out: Grant[] = [];
  for (const s of statementsOf(policyJson)) {
    if (s.Effect !== 'Allow' || !principalMatches(s.Principal, need.principal) || !actionMatches(s.Action)) continue;
    const sourceArns = conditionValues(s.Condition, 'aws:sourcearn');
    const sourceAccounts = conditionValues(s.Condition, 'aws:sourceaccount');
    const kind: GrantKind =
      sourceAccounts.length > 0 && !sourceAccounts.includes(need.sourceAccount) ? 'otherAccount'
      : sourceArns.length === 0 ? 'broad'
      : sourceArns.some((pattern) => arnMatches(pattern, need.sourceArn)) ? 'thisPool'
      : 'otherPool';
    out.push({ ...(s.Sid ? { sid: s.Sid } : {}), kind, sourceArns, sourceAccounts });
  }
  return out;
}

type RawStatement = { Sid?: string; Effect?: string; Principal?: unknown; Action?: unknown; Condition?: Record<string, Record<string, unknown>> };

function statementsOf(policyJson: string | undefined): RawStatement[] {
  if (!policyJson) return [];
  try {
    const policy = JSON.parse(policyJson) as { Statement?: unknown };
    return (Array.isArray(policy.Statement) ? policy.Statement : policy.Statement ? [policy.Statement] : []) as RawStatement[];
  } catch {
    return [];
  }
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
