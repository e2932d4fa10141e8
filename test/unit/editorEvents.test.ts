// Issue 14's event editing: conversion to PreSignUp_ExternalProvider gives a federated userName, key completion inserts
// what Cognito sends, and usernameParameter is not offered where Cognito always sends it null.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeEvent } from '../../server/src/core/payload/analyze';
import { completeAt } from '../../server/src/core/payload/complete';
import { parseJson } from '../../server/src/core/payload/document';
import { convertText } from '../../server/src/core/payload/samples';
import { defaultSettings } from '../../server/src/core/settings';
import { fieldAt, getTrigger } from '../../server/src/core/model';
import { SOURCES } from '../../server/src/core/model/sources';
import { loadPython } from '../../server/src/core/handler/python/parser';
import { labels } from './handlerHelpers';

const signUp = JSON.stringify({ version: '1', triggerSource: 'PreSignUp_SignUp', region: 'us-east-1', userPoolId: 'us-east-1_abc', userName: 'jane', callerContext: { awsSdkVersion: 'aws-sdk-js-3', clientId: 'c1' }, request: { userAttributes: { email: 'jane@example.com' }, validationData: null }, response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false } });
const userNameOf = (text: string, source: string): unknown => {
  const r = convertText(text, { source });
  assert.ok(r.ok, JSON.stringify(r));
  return (r.event as { userName?: unknown }).userName;
};

test('converting to PreSignUp_ExternalProvider gives userName the federated form <provider name>_<id>; back to a sign-up, a local name', () => {
  const federated = userNameOf(signUp, 'PreSignUp_ExternalProvider');
  assert.equal(federated, 'Google_111111111111111111111');
  // A name already in that form is kept; another conversion between local sources keeps the name.
  assert.equal(userNameOf(signUp.replace('"jane"', '"Facebook_1613644848950245"'), 'PreSignUp_ExternalProvider'), 'Facebook_1613644848950245');
  assert.equal(userNameOf(signUp, 'PreSignUp_AdminCreateUser'), 'jane');
  const external = convertText(signUp, { source: 'PreSignUp_ExternalProvider' });
  assert.ok(external.ok);
  assert.equal(userNameOf(external.json, 'PreSignUp_SignUp'), 'jane.doe');
  // The form is modelled with its sources: the API reference (IdP prefix on Username) and the observed listing (underscore).
  const form = getTrigger('PreSignUp') && fieldAt(getTrigger('PreSignUp') as never, ['userName'], 'PreSignUp_ExternalProvider')?.formBySource?.PreSignUp_ExternalProvider;
  assert.deepEqual(form?.sources, ['federatedUserNamePrefix', 'federatedUserNameObserved']);
  assert.match(SOURCES.federatedUserNamePrefix.quote, /IdP prefix that Amazon Cognito appends to Username/);
  assert.equal(SOURCES.federatedUserNameObserved.kind, 'observed');
});

/** Completion entries (label → inserted text) at the `|` of an event file's text. */
function keysAt(src: string): Record<string, string> {
  const offset = src.indexOf('|');
  const text = src.slice(0, offset) + src.slice(offset + 1);
  const a = analyzeEvent(parseJson(text, 'file:///ws/events/a.json', 1), 'events/a.json', defaultSettings().eventFiles);
  assert.ok(a);
  return Object.fromEntries(completeAt(a, offset).map((e) => [e.label, e.insertText]));
}
const envelope = (source: string, request: string, response: string): string => `{"version":"1","triggerSource":"${source}","region":"us-east-1","userPoolId":"us-east-1_a","userName":"j","callerContext":{},"request":${request},"response":${response}}`;

test('key completion inserts the value Cognito sends: false for the pre sign-up flags, null or {username} for usernameParameter by source', () => {
  const flags = keysAt(envelope('PreSignUp_SignUp', '{"userAttributes":{}}', '{|}'));
  assert.equal(flags.autoVerifyPhone, '"autoVerifyPhone": ${1|false,true|}');
  assert.equal(flags.autoConfirmUser, '"autoConfirmUser": ${1|false,true|}');
  assert.equal(keysAt(envelope('CustomMessage_SignUp', '{|}', '{}')).usernameParameter, '"usernameParameter": ${1:null}');
  assert.equal(keysAt(envelope('CustomMessage_AdminCreateUser', '{|}', '{}')).usernameParameter, '"usernameParameter": "${1:{username\\}}"');
  assert.equal(keysAt(envelope('CustomMessage_SignUp', '{|}', '{}')).codeParameter, '"codeParameter": "${1:{####\\}}"');
});

const cm = (body: string): string => `// @cognito-trigger CustomMessage\nexports.handler = async (event) => {\n  ${body}\n  return event;\n};\n`;

test('usernameParameter is not offered in code narrowed to sources where Cognito always sends it null; it is for AdminCreateUser', () => {
  assert.ok(!labels(cm("if (event.triggerSource === 'CustomMessage_SignUp') {\n    event.request.|\n  }")).includes('usernameParameter'));
  assert.ok(labels(cm("if (event.triggerSource === 'CustomMessage_SignUp') {\n    event.request.|\n  }")).includes('codeParameter'));
  assert.ok(labels(cm("if (event.triggerSource === 'CustomMessage_AdminCreateUser') {\n    event.request.|\n  }")).includes('usernameParameter'));
  // Unnarrowed, the handler may serve AdminCreateUser: offered.
  assert.ok(labels(cm('event.request.|')).includes('usernameParameter'));
  const f = fieldAt(getTrigger('CustomMessage') as never, ['request', 'usernameParameter']);
  assert.deepEqual(f?.valueOnlyFor, { sources: ['CustomMessage_AdminCreateUser'], source: 'customMessageUsername' });
  assert.match(SOURCES.customMessageUsername.quote, /includes this parameter in requests that result from admin-created users/);
});

test('Python: usernameParameter is not offered in a branch narrowed to CustomMessage_ForgotPassword', async () => {
  await loadPython();
  const py = (branch: string): string => `# @cognito-trigger CustomMessage\ndef lambda_handler(event, context):\n    if event["triggerSource"] == "${branch}":\n        x = event["request"]["|"]\n    return event\n`;
  assert.ok(!labels(py('CustomMessage_ForgotPassword'), 'custom_message.py').includes('usernameParameter'));
  assert.ok(labels(py('CustomMessage_AdminCreateUser'), 'custom_message.py').includes('usernameParameter'));
});
