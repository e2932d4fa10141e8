// CDK functions built by helpers (a class method, a module function, an imported one): the arguments at the call site stand for the parameters.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readWiring, type WiredHandler } from '../../server/src/core/wiring';
import { memoryWiringFs } from '../../server/src/core/wiring/nodeFs';

const read = (files: Record<string, string>) => readWiring('/', { fs: memoryWiringFs(files) });
const brief = (h: WiredHandler) => `${h.file ?? '?'}#${h.export} ${h.trigger}${h.runtime ? ` ${h.runtime}` : ''}${h.function.name ? ` name=${h.function.name}` : ''}`;
const IMPORTS = `import * as path from 'path';
import { join } from 'path';
import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
`;

test('a private method returning new lambda.Function: the name argument reaches the id, functionName and Code.fromAsset (with toLowerCase)', async () => {
  const w = await read({
    'infra/lib/stack.ts': `${IMPORTS}
export class AppStack extends Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const { stage } = props;
    this.pool = new cognito.UserPool(this, 'UserPool', {
      lambdaTriggers: {
        preSignUp: this.createCognitoTrigger('PreSignUp', stage),
        postAuthentication: this.createCognitoTrigger('PostAuth', stage, { TABLE: 't' }),
      },
    });
  }

  private createCognitoTrigger(name: string, stage: string, environment?: Record<string, string>): lambda.Function {
    return new lambda.Function(this, \`\${name}Function\`, {
      functionName: \`app-\${stage}-\${name.toLowerCase()}\`,
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, '..', 'lambda', 'cognito', name.toLowerCase())),
      environment,
    });
  }
}
`,
    'infra/lambda/cognito/presignup/index.ts': 'export const handler = async (e: unknown) => e;\n',
    'infra/lambda/cognito/postauth/index.js': 'exports.handler = async (e) => e;\n',
  });
  assert.deepEqual(w.handlers.map(brief), [
    'infra/lambda/cognito/presignup/index.ts#handler PreSignUp nodejs20.x name=app-*-presignup',
    'infra/lambda/cognito/postauth/index.js#handler PostAuthentication nodejs20.x name=app-*-postauth',
  ]);
  assert.deepEqual(w.unresolved, []);
  // The handler's line is in the helper, and the evidence names the call that reached it.
  const handler = w.handlers[0]?.evidence.find((e) => e.fact === 'handler');
  assert.equal(handler?.line, 24);
  assert.match(handler?.text ?? '', /PreSignUpFunction has handler index\.handler in infra\/lambda\/cognito\/presignup \(in the helper called as this\.createCognitoTrigger\('PreSignUp', stage\) \(line 14\)\)/);
  assert.equal(w.handlers[0]?.evidence.find((e) => e.fact === 'trigger')?.line, 14);
});

test('a module-level arrow that builds a NodejsFunction into a local and returns it, given to addTrigger (a bare entry is relative to cdk.json)', async () => {
  const w = await read({
    'cdk.json': '{}',
    'lib/triggers.ts': `${IMPORTS}
const createPreSignUpTrigger = (stack: Stack, table: unknown) => {
  const fn = new NodejsFunction(stack, \`\${stack.stackName}PreSignUp\`, {
    handler: 'preSignUp',
    entry: './lib/auth/triggers.src.ts',
    runtime: lambda.Runtime.NODEJS_22_X,
  });
  fn.addEnvironment('TABLE', String(table));
  return fn;
};

export class AuthStack extends Stack {
  constructor(scope, id) {
    super(scope, id);
    const pool = new cognito.UserPool(this, 'Pool');
    pool.addTrigger(cognito.UserPoolOperation.PRE_SIGN_UP, createPreSignUpTrigger(this, 'users'));
  }
}
`,
    'lib/auth/triggers.src.ts': 'export const preSignUp = async (e: unknown) => e;\n',
  });
  assert.deepEqual(w.handlers.map(brief), ['lib/auth/triggers.src.ts#preSignUp PreSignUp nodejs22.x']);
  assert.deepEqual(w.unresolved, []);
});

test('a function declaration called with literals (and a default parameter), through a variable; an entry-path helper inline', async () => {
  const w = await read({
    'stack.ts': `${IMPORTS}
function createLambda(scope: Stack, id: string, entry: string, runtime = lambda.Runtime.NODEJS_18_X) {
  return new NodejsFunction(scope, id, { entry, runtime });
}
const entryOf = (name: string) => join(__dirname, 'lambdas', 'cognito', \`\${name}.ts\`);

export class S extends Stack {
  constructor(scope, id) {
    super(scope, id);
    const pre = createLambda(this, 'Pre', 'src/pre.ts');
    const message = new NodejsFunction(this, 'Message', { entry: entryOf('customMessage') });
    const pool = new cognito.UserPool(this, 'Pool', { lambdaTriggers: { customMessage: message } });
    pool.addTrigger(cognito.UserPoolOperation.PRE_SIGN_UP, pre);
  }
}
`,
    'src/pre.ts': 'export const handler = async (e: unknown) => e;\n',
    'lambdas/cognito/customMessage.ts': 'export const handler = async (e: unknown) => e;\n',
  });
  assert.deepEqual(w.handlers.map(brief), ['lambdas/cognito/customMessage.ts#handler CustomMessage name=*Message*', 'src/pre.ts#handler PreSignUp nodejs18.x name=*Pre*']);
  assert.deepEqual(w.unresolved, []);
});

test('a helper taking one object (destructured), and one imported from another file of the repository', async () => {
  const w = await read({
    'lib/helpers.ts': `import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as path from 'path';
export function makeTrigger(scope: unknown, name: string) {
  return new NodejsFunction(scope as never, name, { entry: path.join(__dirname, '..', 'triggers', name, 'handler.ts') });
}
// The shape of Nazareh/padel-mate's utils.ts: an exported arrow, a computed id, a local returned.
export const createLambda = (scope: unknown, functionName: string, stackName: string, other: unknown) => {
  const fn = new NodejsFunction(scope as never, \`\${stackName}-\${functionName}\`, { entry: path.join(__dirname, \`../lambda/\${functionName}.ts\`), ...(other as object) });
  return fn;
};
`,
    'lib/stack.ts': `${IMPORTS}import { createLambda, makeTrigger } from './helpers';
export class S extends Stack {
  constructor(scope, id) {
    super(scope, id);
    this.pool = new cognito.UserPool(this, 'Pool', {
      lambdaTriggers: {
        defineAuthChallenge: this.fn({ name: 'define', dir: 'auth' }),
        verifyAuthChallengeResponse: makeTrigger(this, 'verify'),
      },
    });
    this.onboard = createLambda(this, 'onboard-player-fn', this.stackName, {});
    this.pool.addTrigger(cognito.UserPoolOperation.POST_CONFIRMATION, this.onboard);
  }
  private fn({ name, dir = 'x' }: { name: string; dir?: string }) {
    return new NodejsFunction(this, name, { entry: path.join(__dirname, \`../\${dir}/\${name}.ts\`) });
  }
}
`,
    'auth/define.ts': 'export const handler = async (e: unknown) => e;\n',
    'lambda/onboard-player-fn.ts': 'export const handler = async (e: unknown) => e;\n',
    'triggers/verify/handler.ts': 'export const handler = async (e: unknown) => e;\n',
  });
  assert.deepEqual(w.handlers.map(brief).sort(), ['auth/define.ts#handler DefineAuthChallenge name=*define*', 'lambda/onboard-player-fn.ts#handler PostConfirmation', 'triggers/verify/handler.ts#handler VerifyAuthChallengeResponse name=*verify*']);
  assert.ok(w.files.includes('lib/helpers.ts'), 'the helper file is a dependency of the stack');
  assert.deepEqual(w.unresolved, []);
});

test('what cannot be followed says why: an argument that is not a literal, a helper with two returns, a function passed in, a helper not in the repository', async () => {
  const w = await read({
    'stack.ts': `${IMPORTS}import { externalHelper } from '@company/cdk-helpers';
export class S extends Stack {
  constructor(scope, id, props) {
    super(scope, id);
    const pool = new cognito.UserPool(this, 'Pool', {
      lambdaTriggers: {
        preSignUp: this.make(props.entryFile),
        postConfirmation: this.either(props.prod),
        preAuthentication: this.wrap(props.fn),
        customMessage: externalHelper(this, 'msg'),
      },
    });
  }
  private make(file: string) {
    return new NodejsFunction(this, 'Make', { entry: file });
  }
  private either(prod: boolean) {
    if (prod) return new NodejsFunction(this, 'A', { entry: 'a.ts' });
    return new NodejsFunction(this, 'B', { entry: 'b.ts' });
  }
  private wrap(fn: NodejsFunction) {
    return fn;
  }
}
`,
    'a.ts': '',
    'b.ts': '',
  });
  assert.deepEqual(w.handlers, []);
  const reasons = w.unresolved.map((u) => `${u.what}@${u.line}: ${u.reason}`);
  assert.equal(reasons.length, 4, reasons.join('\n'));
  assert.match(reasons[0] ?? '', /^lambdaTriggers\.preSignUp@13: the entry of Make \(props\.entryFile\) is not a path this reader can compute \(in the helper called as this\.make\(props\.entryFile\) \(line 13\)\)$/);
  assert.match(reasons[1] ?? '', /^lambdaTriggers\.postConfirmation@14: this\.either\(props\.prod\) \(line 14\) calls a helper that returns in 2 places; only a helper with one return is followed$/);
  assert.match(reasons[2] ?? '', /^lambdaTriggers\.preAuthentication@15: fn is a parameter of the helper .*; the function is passed in, not built there$/);
  assert.match(reasons[3] ?? '', /^lambdaTriggers\.customMessage@16: externalHelper\(this, 'msg'\) is not a function this reader can follow: externalHelper is not a helper defined in this file or imported from the repository$/);
});

test('a helper whose function has inline code says so (observed: tanDivina/agent-scholar, three triggers from this.createXTrigger())', async () => {
  const w = await read({
    'stack.ts': `${IMPORTS}
export class S extends Stack {
  constructor(scope, id) {
    super(scope, id);
    new cognito.UserPool(this, 'Pool', { lambdaTriggers: { preSignUp: this.createPreSignUpTrigger() } });
  }
  private createPreSignUpTrigger(): lambda.Function {
    return new lambda.Function(this, 'PreSignUpTrigger', {
      runtime: lambda.Runtime.PYTHON_3_11,
      handler: 'index.handler',
      code: lambda.Code.fromInline('def handler(event, context):\\n    return event\\n'),
    });
  }
}
`,
    'index.py': '',
  });
  assert.deepEqual(w.handlers, []);
  assert.deepEqual(w.unresolved.map((u) => u.reason), ["the code of PreSignUpTrigger is inline (Code.fromInline), not in a file (in the helper called as this.createPreSignUpTrigger() (line 11))"]);
});

test("the repository's own construct class extending NodejsFunction: its constructor's super(...) is read with the new's arguments (observed: snaksa/bookmark-collector)", async () => {
  const w = await read({
    'lib/lambda/custom-message-lambda.ts': `import { Construct } from 'constructs';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as path from 'path';
export class CustomMessageLambda extends NodejsFunction {
  constructor(scope: Construct, id: string, props: { domain: string }) {
    super(scope, id, {
      entry: path.resolve(__dirname, './custom-message-lambda.handler.ts'),
      environment: { domain: props.domain },
    });
  }
}
`,
    'lib/lambda/custom-message-lambda.handler.ts': 'export const handler = async (e: unknown) => e;\n',
    'lib/stack.ts': `${IMPORTS}import { CustomMessageLambda } from './lambda/custom-message-lambda';
class TriggerFn extends NodejsFunction {
  constructor(scope: Construct, name: string) {
    super(scope, name, { entry: path.join(__dirname, 'triggers', \`\${name}.ts\`), runtime: lambda.Runtime.NODEJS_20_X });
    this.addEnvironment('X', '1');
  }
}
class Plain extends NodejsFunction {}
class Twice extends NodejsFunction {
  constructor(scope: Construct, id: string, flag: boolean) {
    if (flag) super(scope, id, { entry: 'a.ts' });
    else super(scope, id, { entry: 'b.ts' });
  }
}
export class S extends Stack {
  constructor(scope, id) {
    super(scope, id);
    const confirmationLambda = new CustomMessageLambda(this, 'CustomMessageLambda', { domain: 'example.com' });
    new cognito.UserPool(this, 'Pool', {
      lambdaTriggers: {
        customMessage: confirmationLambda,
        preSignUp: new TriggerFn(this, 'preSignUp'),
        postConfirmation: new Plain(this, 'Post', { entry: 'lib/post.ts' }),
        preAuthentication: new Twice(this, 'Pre', true),
      },
    });
  }
}
`,
    'lib/triggers/preSignUp.ts': 'export const handler = async (e: unknown) => e;\n',
    'lib/post.ts': 'export const handler = async (e: unknown) => e;\n',
  });
  assert.deepEqual(w.handlers.map(brief), [
    'lib/lambda/custom-message-lambda.handler.ts#handler CustomMessage name=*CustomMessageLambda*',
    'lib/triggers/preSignUp.ts#handler PreSignUp nodejs20.x name=*preSignUp*',
    'lib/post.ts#handler PostConfirmation name=*Post*',
  ]);
  assert.match(w.handlers[0]?.evidence.find((e) => e.fact === 'handler')?.text ?? '', /\(in the constructor of CustomMessageLambda built as new CustomMessageLambda\(this, 'CustomMessageLambda', \{ domain: 'example.com' \}\) \(line 24\)\)$/);
  assert.deepEqual(w.unresolved.map((u) => `${u.what}: ${u.reason}`), ["lambdaTriggers.preAuthentication: new Twice(this, 'Pre', true) (line 30) is a construct whose constructor calls super 2 times; only one call is followed"]);
});

test('lambdaTriggers under a condition: both branches are read, each trigger with its condition (observed: HoktusDevs/manpower-platform-app read nothing and said nothing)', async () => {
  const w = await read({
    'stack.ts': `${IMPORTS}
export class S extends Stack {
  constructor(scope, id, props) {
    super(scope, id);
    const environment = props.environment || 'dev';
    const strict = new NodejsFunction(this, 'Strict', { entry: 'src/strict.ts' });
    const auto = new NodejsFunction(this, 'Auto', { entry: 'src/auto.ts' });
    new cognito.UserPool(this, 'Pool', {
      lambdaTriggers: environment === 'prod' ? {
        preSignUp: strict,
        postConfirmation: this.post('confirm'),
      } : {
        preSignUp: auto,
      },
    });
    new cognito.UserPool(this, 'Other', {
      lambdaTriggers: {
        preAuthentication: props.audit ? new NodejsFunction(this, 'Audit', { entry: 'src/audit.ts' }) : undefined,
        customMessage: props.fancy ? strict : auto,
      },
    });
    new cognito.UserPool(this, 'Third', { lambdaTriggers: this.triggers() });
    new cognito.UserPool(this, 'Fourth', { lambdaTriggers: props.triggers });
  }
  private post(name: string) {
    return new NodejsFunction(this, name, { entry: \`src/\${name}.ts\` });
  }
  private triggers() {
    return { defineAuthChallenge: new NodejsFunction(this, 'Define', { entry: 'src/define.ts' }) };
  }
}
`,
    'src/strict.ts': '',
    'src/auto.ts': '',
    'src/confirm.ts': '',
    'src/audit.ts': '',
    'src/define.ts': '',
  });
  const slots = w.handlers.map((h) => `${h.pool?.ref} ${h.trigger} ${h.file} | ${h.evidence.find((e) => e.fact === 'trigger')?.text}`);
  assert.deepEqual(slots, [
    "Pool PreSignUp src/strict.ts | lambdaTriggers.preSignUp of Pool binds strict to PreSignUp (when environment === 'prod')",
    "Pool PostConfirmation src/confirm.ts | lambdaTriggers.postConfirmation of Pool binds this.post('confirm') to PostConfirmation (when environment === 'prod')",
    "Pool PreSignUp src/auto.ts | lambdaTriggers.preSignUp of Pool binds auto to PreSignUp (unless environment === 'prod')",
    "Other PreAuthentication src/audit.ts | lambdaTriggers.preAuthentication of Other binds props.audit ? new NodejsFunction(this, 'Audit', { entry: 'src/audit.ts' }) : undefined to PreAuthentication (when props.audit)",
    'Other CustomMessage src/strict.ts | lambdaTriggers.customMessage of Other binds props.fancy ? strict : auto to CustomMessage (when props.fancy)',
    'Other CustomMessage src/auto.ts | lambdaTriggers.customMessage of Other binds props.fancy ? strict : auto to CustomMessage (unless props.fancy)',
    'Third DefineAuthChallenge src/define.ts | lambdaTriggers.defineAuthChallenge of Third binds new NodejsFunction(this, \'Define\', { entry: \'src/define.ts\' }) to DefineAuthChallenge',
  ]);
  // Which branch deploys is not known: no deployed-name claim for the conditional ones, the unconditional one keeps it.
  assert.deepEqual(w.handlers.map((h) => h.function.name ?? '-'), ['-', '-', '-', '-', '-', '-', '*Define*']);
  assert.deepEqual(w.unresolved.map((u) => `${u.what}: ${u.reason}`), [
    'lambdaTriggers: lambdaTriggers is props.triggers, not an object literal this reader can read',
  ]);
});

test('lambda.Function whose code is a shared Code.fromAsset variable or comes in a spread of common props (observed: dentipal/DentiPalCDK, 3 of its 4 triggers)', async () => {
  const w = await read({
    'lib/stack.ts': `${IMPORTS}
const code = lambda.Code.fromAsset(path.join(__dirname, '../lambda'));
const common = { runtime: lambda.Runtime.NODEJS_20_X, code };
export class S extends Stack {
  constructor(scope, id) {
    super(scope, id);
    const define = new lambda.Function(this, 'Define', { runtime: lambda.Runtime.NODEJS_18_X, handler: 'dist/handlers/define.handler', code });
    const post = new lambda.Function(this, 'Post', { ...common, handler: 'post.handler' });
    const other = new lambda.Function(this, 'Other', { ...common, code: lambda.Code.fromAsset(path.join(__dirname, '../other')), handler: 'x.handler' });
    const pool = new cognito.UserPool(this, 'Pool', { lambdaTriggers: { postConfirmation: post, customMessage: other } });
    pool.addTrigger(cognito.UserPoolOperation.DEFINE_AUTH_CHALLENGE, define);
  }
}
`,
    'lambda/src/handlers/define.ts': 'export const handler = async (e: unknown) => e;\n',
    'lambda/post.js': 'exports.handler = async (e) => e;\n',
    'other/x.js': 'exports.handler = async (e) => e;\n',
  });
  assert.deepEqual(w.handlers.map(brief), ['lambda/post.js#handler PostConfirmation nodejs20.x name=*Post*', 'other/x.js#handler CustomMessage nodejs20.x name=*Other*', 'lambda/src/handlers/define.ts#handler DefineAuthChallenge nodejs18.x name=*Define*']);
  assert.deepEqual(w.unresolved, []);
});

test("helpers are followed after the folder idioms: the serverless.ts template's handlerPath(__dirname), defined in the repository, still names the function's folder", async () => {
  const w = await read({
    'serverless.ts': "import hello from './src/functions/hello';\nconst serverlessConfiguration = { service: 's', provider: { name: 'aws', runtime: 'nodejs20.x' }, functions: { hello } };\nmodule.exports = serverlessConfiguration;\n",
    'src/functions/hello/index.ts': "import { handlerPath } from '../../libs/handler-resolver';\nexport default {\n  handler: `${handlerPath(__dirname)}/handler.main`,\n  events: [{ cognitoUserPool: { pool: 'Users', trigger: 'PostConfirmation', existing: true } }],\n};\n",
    // The template's body: relative to process.cwd(), which a static reader cannot know.
    'src/libs/handler-resolver.ts': "export const handlerPath = (context: string) => {\n  return `${context.split(process.cwd())[1].substring(1).replace(/\\\\/g, '/')}`;\n};\n",
    'src/functions/hello/handler.ts': 'export const main = async (e: unknown) => e;\n',
  });
  assert.deepEqual(w.handlers.map((h) => `${h.file}#${h.export} ${h.trigger}`), ['src/functions/hello/handler.ts#main PostConfirmation']);
});
