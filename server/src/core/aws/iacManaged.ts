// Warnings before a bind or unbind on a slot that infrastructure code manages: a pool from a
// CloudFormation stack (its aws:cloudformation:stack-name tag), or a slot the repository's IaC wires.
import type { UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import type { WiringResult } from '../wiring';
import { poolMatch } from '../wiring/deployed';

// CloudFormation tags the resources it creates with aws:cloudformation:stack-name and :logical-id:
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-resource-tags.html
// (whether DescribeUserPool lists these aws: tags in UserPoolTags is not documented in the Cognito API reference).
const CFN_DOCS = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-resource-tags.html';
const STACK_TAG = 'aws:cloudformation:stack-name';

/** The warnings, each a sentence with its evidence (the tag, or the IaC file:line); empty when nothing manages the slot. */
export function managedSlotWarnings(pool: UserPoolType, slotKey: string, wiring?: WiringResult): string[] {
  const out: string[] = [];
  const tags = pool.UserPoolTags ?? {};
  const stack = tags[STACK_TAG];
  if (stack) out.push(`This pool belongs to the CloudFormation stack "${stack}" (tag ${STACK_TAG}, ${CFN_DOCS}): the next deploy of that stack sets LambdaConfig from its template and undoes this change. Change the template instead, or deploy right after.`);
  const wired = (wiring?.handlers ?? []).filter((h) => h.lambdaConfigKey === slotKey);
  for (const h of wired) {
    const e = h.evidence.find((x) => x.fact === 'trigger');
    const where = e ? `${e.file}:${e.line} ${e.text}` : `${h.kind} wiring binds ${h.function.ref} to ${slotKey}`;
    // The doctor's matching: the logical-id (and stack) tags, else the name the IaC states or computes.
    const m = poolMatch(h.pool, { name: pool.Name ?? '', tags });
    const thisPool = ('match' in m && !!m.match) || (!!h.pool && h.pool.ref === pool.Name);
    out.push(
      thisPool
        ? `The repository's infrastructure code wires this slot (${where}): its next deploy sets ${slotKey} back and undoes this change.`
        : `The repository's infrastructure code wires ${slotKey} too (${where}); if that is this pool, its next deploy undoes this change.`,
    );
  }
  return out;
}
