// The Terraform reader: lambda_config through aws_lambda_function, archive_file, local modules and variables.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readWiring, type WiredHandler } from '../../server/src/core/wiring';
import { memoryWiringFs } from '../../server/src/core/wiring/nodeFs';

const read = (files: Record<string, string>) => readWiring('/', { fs: memoryWiringFs(files) });
const brief = (h: WiredHandler) => `${h.kind} ${h.file ?? '?'}#${h.export} ${h.trigger}${h.lambdaVersion ? ` ${h.lambdaVersion}` : ''}${h.runtime ? ` ${h.runtime}` : ''}`;
const fact = (h: WiredHandler | undefined, f: string) => h?.evidence.find((e) => e.fact === f);

test('lambda_config: plain ARNs, pre_token_generation_config with its version, archive_file source_dir, commented-out triggers', async () => {
  const w = await read({
    'infra/main.tf': `resource "aws_cognito_user_pool" "pool" {
  name = "users"
  lambda_config {
    pre_sign_up = aws_lambda_function.pre.arn
    # post_confirmation = aws_lambda_function.post.arn
    pre_token_generation_config {
      lambda_arn     = aws_lambda_function.tok.arn
      lambda_version = "V2_0"
    }
    custom_email_sender {
      lambda_arn     = aws_lambda_function.mail.arn
      lambda_version = "V1_0"
    }
    kms_key_id = aws_kms_key.k.arn
  }
}
`,
    'infra/lambdas.tf': `data "archive_file" "pre" {
  type        = "zip"
  source_dir  = "\${path.module}/../Functions/PreSignUp"
  output_path = "\${path.module}/pre.zip"
}
resource "aws_lambda_function" "pre" {
  function_name = "pre-sign-up"
  filename      = data.archive_file.pre.output_path
  handler       = "index.handler"
  runtime       = "nodejs20.x"
}
resource "aws_lambda_function" "tok" {
  filename = "tok.zip"
  handler  = "tokens.lambda_handler"
  runtime  = "python3.12"
}
resource "aws_lambda_function" "mail" {
  image_uri = "123.dkr.ecr.us-east-1.amazonaws.com/mail:latest"
  package_type = "Image"
}
`,
    'functions/presignup/index.js': '',
    'infra/tokens.py': '',
  });
  assert.deepEqual(w.handlers.map(brief), ['terraform functions/presignup/index.js#handler PreSignUp nodejs20.x', 'terraform infra/tokens.py#lambda_handler PreTokenGenerationV2 V2_0 python3.12']);
  assert.deepEqual(fact(w.handlers[0], 'trigger'), { fact: 'trigger', file: 'infra/main.tf', line: 4, text: 'lambda_config.pre_sign_up of aws_cognito_user_pool.pool binds aws_lambda_function.pre to PreSignUp' });
  assert.equal(fact(w.handlers[0], 'runtime')?.file, 'infra/lambdas.tf');
  assert.equal(fact(w.handlers[1], 'lambdaVersion')?.line, 8);
  assert.deepEqual(w.handlers[0]?.pool, { ref: 'aws_cognito_user_pool.pool', name: 'users' });
  assert.deepEqual(w.unresolved.map((u) => `${u.line} ${u.reason}`), ['10 aws_lambda_function.mail is a container image; its handler is in the image\'s CMD']);
});

test('local modules: the pool module gets the ARN through a variable its caller sets from another module output', async () => {
  const w = await read({
    'main.tf': `module "auth" {
  source          = "./modules/auth"
  pre_sign_up_arn = module.fns.pre_arn
}
module "fns" {
  source = "./modules/fns"
}
`,
    'modules/auth/main.tf': `variable "pre_sign_up_arn" {}
resource "aws_cognito_user_pool" "this" {
  lambda_config {
    pre_sign_up     = var.pre_sign_up_arn
    user_migration  = var.not_set
  }
}
`,
    'modules/fns/main.tf': `resource "aws_lambda_function" "pre" {
  handler = "dist/pre.handler"
  runtime = "nodejs22.x"
  filename = "\${path.module}/build.zip"
}
output "pre_arn" { value = aws_lambda_function.pre.arn }
`,
    'modules/fns/src/pre.ts': '',
  });
  assert.deepEqual(w.handlers.map(brief), ['terraform modules/fns/src/pre.ts#handler PreSignUp nodejs22.x']);
  assert.equal(fact(w.handlers[0], 'trigger')?.file, 'modules/auth/main.tf');
  assert.deepEqual(w.unresolved.map((u) => u.reason), ['the ARN is variable not_set, set outside this repository']);
});

test('the terraform-aws-modules Lambda module', async () => {
  const w = await read({
    'main.tf': `module "pre" {
  source  = "terraform-aws-modules/lambda/aws"
  handler = "app.handler"
  runtime = "nodejs20.x"
  source_path = "\${path.module}/lambda"
}
resource "aws_cognito_user_pool" "p" {
  lambda_config {
    pre_authentication = module.pre.lambda_function_arn
  }
}
`,
    'lambda/app.mjs': '',
  });
  assert.deepEqual(w.handlers.map(brief), ['terraform lambda/app.mjs#handler PreAuthentication nodejs20.x']);
});
