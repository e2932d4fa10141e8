// The shape of a scaffold recipe: the teaching content of one trigger's handler, language-neutral.

/** Code that differs between JavaScript and TypeScript; `ts` defaults to `js`. */
export interface Variant {
  js: readonly string[];
  ts?: readonly string[];
}

/** One trigger's handler template. Bodies are JavaScript that is also valid, strict TypeScript. */
export interface Recipe {
  /** The handler type from @types/aws-lambda (`PreSignUpTriggerHandler`); absent for the Sync trigger. */
  readonly handlerType?: string;
  /** TypeScript declarations used instead of @types/aws-lambda (Sync), ending with a `Handler` type alias. */
  readonly localTypes?: readonly string[];
  /** Comment lines at the top: what the example does and what to change. */
  readonly summary: readonly string[];
  /** Package imports as `[binding, module]`: `['{ DynamoDBClient, PutItemCommand }', '@aws-sdk/client-dynamodb']`. */
  readonly imports?: readonly (readonly [string, string])[];
  /** Module-level code before the handler. */
  readonly prelude?: Variant;
  /** Body of `async (event) => { … }`, without indentation. */
  readonly body: Variant;
  /** Test lines run after `const result = await handler(event, context)` for each sample event. */
  readonly testAssert: readonly string[];
  /** Fields merged into the model's sample event so that the example has something to do (Sync: a level-up). */
  readonly sampleFields?: Readonly<Record<string, unknown>>;
  /** Test lines run once before the tests (environment, mocks with node:test's `mock`). */
  readonly testSetup?: Variant;
  /** Test lines run before each invocation, after `event` is read (it may be changed: a sender's code encrypted). */
  readonly testPrepare?: readonly string[];
  /** An expression for node:test's `skip` option: false, or the reason the tests cannot run here. */
  readonly testSkip?: string;
}
