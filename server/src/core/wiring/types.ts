// Plain-data results of reading a project's infrastructure code: which handler serves which Cognito trigger.
import type { TriggerId } from '../model/types';

/** The infrastructure-as-code tool a fact was read from. */
export type IacKind = 'serverless' | 'sam' | 'cloudformation' | 'cdk' | 'amplify-gen2' | 'amplify-gen1' | 'terraform';

/** Which fact of a wired handler a piece of evidence proves. */
export type Fact = 'trigger' | 'handler' | 'runtime' | 'lambdaVersion' | 'kmsKey' | 'pool';

/** A line of infrastructure code that proves one fact. */
export interface Evidence {
  readonly fact: Fact;
  /** The IaC file, relative to the root, '/'-separated. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** What the line says, as a sentence fragment: `binds functions.preSignUp to PreSignUp of UserPool`. */
  readonly text: string;
}

/** One handler the project wires to one Cognito trigger slot. A function bound to two slots gives two. */
export interface WiredHandler {
  readonly kind: IacKind;
  /** The handler's source file, relative to the root, '/'-separated; undefined when it was not found (see `unresolved`). */
  readonly file?: string;
  /** The exported name the Lambda runtime calls (`handler`, `main`, ...). */
  readonly export: string;
  /** What the IaC names as the handler, verbatim (`dist/preSignUp.handler`, `app.lambda_handler`). */
  readonly handlerSpec: string;
  /** The `LambdaConfig` key (`PreSignUp`, `PreTokenGenerationConfig`, `CustomEmailSender`, ...). */
  readonly lambdaConfigKey: string;
  /** The model's trigger id; for pre token generation it follows `lambdaVersion` (V1 when unstated). */
  readonly trigger: TriggerId;
  /** `V1_0` / `V2_0` / `V3_0` for the keys that take a version, when the IaC states it. */
  readonly lambdaVersion?: string;
  /** The custom sender KMS key as the IaC names it (an ARN, `!GetAtt Key.Arn`, `aws_kms_key.k.arn`). */
  readonly kmsKey?: string;
  /** The user pool: its IaC id (logical id, Terraform address, CDK variable) and what the IaC says of its deployed identity. */
  readonly pool?: WiredPool;
  /** The function: its IaC id and, when the IaC states or implies one, its deployed name (`*` = a part not known statically). */
  readonly function: { readonly ref: string; readonly name?: string };
  /** Lambda runtime identifier (`nodejs20.x`, `python3.12`), when stated. */
  readonly runtime?: string;
  /** The file:line behind each fact; `trigger` and `handler` are always present. */
  readonly evidence: readonly Evidence[];
}

/** A user pool as the IaC declares it, for matching a deployed pool (by name, or by CloudFormation's tags). */
export interface WiredPool {
  /** Logical id, Terraform address or CDK construct id. */
  readonly ref: string;
  /** The deployed name as far as the IaC says (`*` = a part not known statically: `*-users`). */
  readonly name?: string;
  readonly existing?: boolean;
  /** Why the name is not known in full, after "the name is": `computed from ${Stage}, which has no default`. */
  readonly nameWhy?: string;
  /** The CloudFormation logical id the deployed pool is tagged with (`aws:cloudformation:logical-id`; `*` = CDK's hash). */
  readonly logicalId?: string;
  /** The stack the project deploys it to, when stated (samconfig.toml `stack_name`). */
  readonly stackName?: string;
}

/** Something the IaC wires that could not be followed to a handler, and why. */
export interface Unresolved {
  readonly kind: IacKind;
  readonly file: string;
  readonly line: number;
  /** What was being resolved: `LambdaConfig.PreSignUp`, `functions.preSignUp.handler`. */
  readonly what: string;
  readonly reason: string;
}

/** Everything read from one root. */
export interface WiringResult {
  readonly handlers: readonly WiredHandler[];
  readonly unresolved: readonly Unresolved[];
  /** IaC files read, relative to the root, sorted. */
  readonly files: readonly string[];
}

/**
 * File access the readers use, relative to the root ('/'-separated). Injected so readers stay
 * testable on in-memory fixtures; `nodeFs.ts` is the disk implementation.
 */
export interface WiringFs {
  /** The file's text, or undefined when missing or unreadable. */
  readFile(rel: string): string | undefined;
  /**
   * A cheap token that changes whenever the file does (disk: inode, size and mtime from one stat), or
   * undefined when missing. Optional: without it a cache trusts that it is told of every change.
   */
  version?(rel: string): string | undefined;
  /** The text and the version it was read at, in one go (what `readFile` and `version` would say). */
  readVersioned?(rel: string): { text: string | undefined; version: string | undefined };
  exists(rel: string): boolean;
  /** Names in a folder (files and folders), or [] when missing. */
  list(rel: string): string[];
  /** Candidate IaC files under the root (skipping node_modules, build output, ...), sorted. */
  walk(keep: (rel: string) => boolean): string[];
}

/** What one reader produced from one project (a serverless.yml and its includes, a template, a CDK app...). */
export interface ReaderOutput {
  handlers: WiredHandler[];
  unresolved: Unresolved[];
  /** Every file the result depends on (IaC files and the files they include), for incremental updates. */
  files: string[];
}
