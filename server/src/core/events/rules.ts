// Trigger-level rules beyond one field: envelope quirks, region prefix, response presence, senders, Sync.
import { report, valueAt, type CheckContext } from './context';
import { isRecord } from './json';
import { SHARED_PARAMS_DOC } from '../model/common';
import { SOURCES } from '../model/sources';

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** Envelope rules of user pool events. */
export function checkEnvelope(ctx: CheckContext): void {
  const e = ctx.event;
  const pool = e.userPoolId;
  const region = e.region;
  if (typeof pool === 'string' && typeof region === 'string' && REGION.test(region)) {
    const prefix = /^([a-z]{2}(?:-[a-z]+)+-\d+)_/.exec(pool)?.[1];
    if (prefix && prefix !== region) {
      report(ctx, 'region-mismatch', 'warning', ['userPoolId'], `userPoolId "${pool}" is in ${prefix} but region is "${region}"; a pool ID starts with its Region (e.g. "${region}_${pool.slice(prefix.length + 1)}").`, SHARED_PARAMS_DOC);
    }
  }
  const caller = e.callerContext;
  if (isRecord(caller) && 'awsSdk' in caller) {
    report(ctx, 'caller-context-aws-sdk', 'warning', ['callerContext', 'awsSdk'], `callerContext.awsSdk is a key from old AWS doc and Powertools samples; Cognito sends "awsSdkVersion" (e.g. "aws-sdk-unknown-unknown").`, SHARED_PARAMS_DOC);
  }
  const hasResponseField = ctx.trigger.event.properties?.response !== undefined;
  if (hasResponseField && !('response' in e)) {
    report(ctx, 'missing-response', 'warning', [], `The event has no "response" key; Cognito always sends one (${ctx.trigger.id === 'PreSignUp' ? 'with the flags false' : 'e.g. {}'}), and handlers that set event.response.x fail without it.`, ctx.trigger.docs);
  }
  if (ctx.trigger.noResponse && 'response' in e) {
    report(ctx, 'unexpected-response', 'warning', ['response'], `${ctx.trigger.displayName} events have no "response" key: Cognito invokes the function asynchronously and ignores what it returns.`, ctx.trigger.docs);
  }
}

/**
 * Pre sign-up: `autoVerifyEmail`/`autoVerifyPhone` need the attribute in the request Cognito sent
 * ("If autoVerifyEmail is set to true, the email attribute must have a valid, non-null value. Otherwise
 * an error will occur and the user will not be able to complete sign-up."). The flags are ignored for
 * PreSignUp_AdminCreateUser, so nothing fails there.
 */
export function checkPreSignUp(ctx: CheckContext): void {
  if (ctx.trigger.id !== 'PreSignUp' || ctx.source === 'PreSignUp_AdminCreateUser') return;
  const attrs = valueAt(ctx, ['request', 'userAttributes']);
  const present = (k: string): boolean => isRecord(attrs) && typeof attrs[k] === 'string' && attrs[k] !== '';
  for (const [flag, attr] of [['autoVerifyEmail', 'email'], ['autoVerifyPhone', 'phone_number']] as const) {
    if (valueAt(ctx, ['response', flag]) !== true || present(attr)) continue;
    report(ctx, 'auto-verify-without-attribute', 'error', ['response', flag], `response.${flag} is true but request.userAttributes has no ${attr}: Cognito fails the sign-up ("the ${attr} attribute must have a valid, non-null value").`, SOURCES.preSignUpFlags.url);
  }
}

/** The custom senders: request.type must be this sender's literal. */
export function checkSender(ctx: CheckContext): void {
  if (!ctx.trigger.noResponse) return;
  const type = valueAt(ctx, ['request', 'type']);
  const expected = ctx.trigger.event.properties?.request?.properties?.type?.enum?.[0]?.value;
  if (typeof type !== 'string' || expected === undefined || type === expected) return;
  const other = type === 'customEmailSenderRequestV1' || type === 'customSMSSenderRequestV1';
  report(
    ctx,
    other ? 'sender-type-mismatch' : 'invalid-enum-value',
    'warning',
    ['request', 'type'],
    other
      ? `request.type is "${type}", the other custom sender's value (a Powertools for Python sample has this mix-up); ${ctx.trigger.displayName} events carry "${expected}".`
      : `request.type is "${type}"; Cognito sends "${expected}".`,
    ctx.trigger.docs,
  );
}

/** Sync records: a removed record's newValue is ignored. */
export function checkSync(ctx: CheckContext): void {
  if (ctx.trigger.binding.kind !== 'identityPool') return;
  const records = ctx.event.datasetRecords;
  if (!isRecord(records)) return;
  for (const [key, r] of Object.entries(records)) {
    if (isRecord(r) && r.op === 'remove' && typeof r.newValue === 'string') {
      report(ctx, 'sync-remove-with-value', 'warning', ['datasetRecords', key, 'newValue'], `datasetRecords.${key} has op "remove" but newValue "${r.newValue}": the record is deleted and the value ignored. Use op "replace" to keep it, or set newValue to null.`, ctx.trigger.docs);
    }
  }
}
