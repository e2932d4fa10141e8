// Settings: the one declaration of every `cognitoTriggers.*` setting, its type, default and docs.
// package.json `contributes.configuration` is generated from SETTINGS (npm run generate).

/** Value types of the settings. */
export type TraceLevel = 'off' | 'messages' | 'verbose';

/** Endpoint overrides for local emulators; empty = AWS conventions (AWS_ENDPOINT_URL_*, profile endpoint_url). */
export interface EndpointSettings {
  lambda?: string;
  cognitoIdentityProvider?: string;
  cognitoIdentity?: string;
  cognitoSync?: string;
  /** KMS (the doctor's DescribeKey of a custom sender key). */
  kms?: string;
}

/** Resolved settings for one resource (file) as the server and the CLI see them. */
export interface Settings {
  trace: { server: TraceLevel };
  eventFiles: string[];
  invoke: { timeoutMs: number; envFile: string; env: Record<string, string>; warm: boolean; memoryLimitMb: number; warmIdleSeconds: number; maxWarmWorkers: number };
  python: { interpreter: string };
  aws: { profile: string; region: string; endpoints: EndpointSettings; timeoutMs: number };
  bindingsFile: string;
  /** Start Local Lambda Endpoint: the port on 127.0.0.1 (0 = any free port). Not clamped: a bad value is reported at start. */
  localEndpoint: { port: number };
  /** Lambda runtime of the handlers when the IaC does not state it (`nodejs24.x`); '' = from package.json engines, else unknown. */
  runtime: string;
}

/** One declared setting: its key under `cognitoTriggers.`, JSON schema and scope. */
export interface SettingDeclaration {
  readonly key: string;
  readonly schema: Record<string, unknown> & { default: unknown; markdownDescription: string };
  readonly scope: 'window' | 'resource' | 'machine-overridable' | 'application';
  /** Changing it needs the language server restarted. */
  readonly restart?: boolean;
  /**
   * What the value names that a repository must not choose for the user: in Restricted Mode VS Code
   * ignores the workspace's value of such a setting (package.json restrictedConfigurations, generated):
   * https://code.visualstudio.com/api/extension-guides/workspace-trust#static-declarations
   */
  readonly restricted?: 'path' | 'command' | 'endpoint' | 'environment' | 'profile';
}

/** Every setting. Order is the order shown in the Settings editor. */
export const SETTINGS: readonly SettingDeclaration[] = [
  {
    key: 'trace.server',
    scope: 'window',
    restart: false,
    schema: {
      type: 'string',
      enum: ['off', 'messages', 'verbose'],
      default: 'off',
      markdownDescription: 'Traces the communication between VS Code and the Cognito Triggers language server in the **Cognito Triggers** output channel.',
    },
  },
  {
    key: 'eventFiles',
    restricted: 'path',
    scope: 'resource',
    schema: {
      type: 'array',
      items: { type: 'string' },
      default: ['**/events/**/*.json', '**/*.event.json'],
      markdownDescription: 'Glob patterns of JSON files treated as Cognito trigger events even when their content does not name a trigger yet.',
    },
  },
  {
    key: 'invoke.timeoutMs',
    scope: 'resource',
    schema: {
      type: 'number',
      minimum: 100,
      maximum: 900000,
      default: 5000,
      markdownDescription: "Time limit for a local invoke, in milliseconds. Cognito waits **5 seconds** for a synchronous trigger; past the limit the handler's process is killed.",
    },
  },
  {
    key: 'invoke.envFile',
    restricted: 'path',
    scope: 'resource',
    schema: {
      type: 'string',
      default: '.env',
      markdownDescription: 'A dotenv file, relative to the workspace folder, whose variables are set for local invokes. Missing file = no variables.',
    },
  },
  {
    key: 'invoke.env',
    restricted: 'environment',
    scope: 'resource',
    schema: {
      type: 'object',
      additionalProperties: { type: 'string' },
      default: {},
      markdownDescription: 'Environment variables for local invokes; they override those of `#cognitoTriggers.invoke.envFile#`.',
    },
  },
  {
    key: 'invoke.warm',
    scope: 'resource',
    schema: {
      type: 'boolean',
      default: true,
      markdownDescription: 'Keep a worker per handler so that invoking again is nearly instant. An edit to the handler or its imports reloads it.',
    },
  },
  {
    key: 'invoke.memoryLimitMb',
    scope: 'resource',
    schema: {
      type: 'number',
      minimum: 32,
      default: 512,
      markdownDescription: "Heap limit of the handler's process, in MB. A handler that exhausts it is stopped with a clear message.",
    },
  },
  {
    key: 'invoke.warmIdleSeconds',
    scope: 'resource',
    schema: {
      type: 'number',
      minimum: 0,
      maximum: 86400,
      default: 600,
      markdownDescription: 'A warm worker not invoked for this many seconds is ended, with every process its handler started. 0 = keep it until the handler changes or the editor closes.',
    },
  },
  {
    key: 'invoke.maxWarmWorkers',
    scope: 'resource',
    schema: {
      type: 'number',
      minimum: 1,
      maximum: 64,
      default: 8,
      markdownDescription: 'At most this many warm workers live at once (each is a Node.js process of about 50 MB); starting another ends the least recently used.',
    },
  },
  {
    key: 'localEndpoint.port',
    // It chooses where the workspace's handlers listen: a repository must not choose it in Restricted Mode.
    restricted: 'endpoint',
    // 'window', not 'machine-overridable', for the reason given at aws.profile (remote windows).
    scope: 'window',
    schema: {
      type: 'integer',
      minimum: 0,
      maximum: 65535,
      default: 0,
      markdownDescription:
        'Port of **Start Local Lambda Endpoint** on 127.0.0.1, so that cognito-local (`LambdaClient.endpoint`) or your tests can keep one address. `0` = any free port, shown when the endpoint starts. The same as `cognito-triggers serve-lambda --port N`. Not read from the workspace in Restricted Mode.',
    },
  },
  {
    key: 'python.interpreter',
    restricted: 'command',
    scope: 'resource',
    schema: {
      type: 'string',
      default: '',
      markdownDescription:
        "Python interpreter that runs Python handlers for local invokes: a path (relative to the workspace folder, or absolute) or a command on `PATH`. Empty = the workspace's `.venv` or `venv`, else `python3`. Not read from the workspace in Restricted Mode.",
    },
  },
  {
    key: 'aws.profile',
    restricted: 'profile',
    // 'window', not 'machine-overridable': in a remote window (code-server, SSH) machine settings are
    // read only from the remote's settings, so a profile picked into User settings was shown in the
    // status bar but ignored by the language server.
    scope: 'window',
    schema: {
      type: 'string',
      default: '',
      markdownDescription: 'Named profile from the shared AWS config and credentials files. Empty = the default provider chain (`AWS_PROFILE`, environment, SSO, instance metadata, ...).',
    },
  },
  {
    key: 'aws.region',
    scope: 'window',
    schema: {
      type: 'string',
      default: '',
      markdownDescription: "AWS Region for remote invokes and bindings. Empty = the profile's region or `AWS_REGION`.",
    },
  },
  {
    key: 'aws.endpoints',
    restricted: 'endpoint',
    scope: 'window',
    schema: {
      type: 'object',
      properties: {
        lambda: { type: 'string' },
        cognitoIdentityProvider: { type: 'string' },
        cognitoIdentity: { type: 'string' },
        cognitoSync: { type: 'string' },
        kms: { type: 'string' },
      },
      additionalProperties: false,
      default: {},
      markdownDescription: 'Endpoint URLs for local emulators, per service. Empty = AWS conventions: `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`, then `endpoint_url` in the profile.',
    },
  },
  {
    key: 'aws.timeoutMs',
    scope: 'window',
    schema: {
      type: 'number',
      minimum: 1000,
      maximum: 600000,
      default: 30000,
      markdownDescription: 'Time limit of one AWS call, in milliseconds (connecting gets at most 10 seconds of it). An endpoint that accepts the connection and never answers fails with the name of the call that timed out instead of hanging.',
    },
  },
  {
    key: 'bindingsFile',
    restricted: 'path',
    scope: 'resource',
    schema: {
      type: 'string',
      default: 'cognito-triggers.json',
      markdownDescription: 'Workspace file that maps handler files to deployed function names, so the bindings view can show which handler builds each bound function.',
    },
  },
  {
    key: 'runtime',
    scope: 'resource',
    schema: {
      type: 'string',
      enum: ['', 'nodejs18.x', 'nodejs20.x', 'nodejs22.x', 'nodejs24.x'],
      enumDescriptions: ['From the infrastructure code, else package.json `engines.node`, else unknown.', 'Node.js 18', 'Node.js 20', 'Node.js 22', 'Node.js 24 (promise handlers only)'],
      default: '',
      markdownDescription: 'Lambda runtime of the handlers when the infrastructure code does not state it. The callback rules depend on it: Node.js 24 accepts only async handlers; on Node.js 22 and older the first of callback and promise answers. Empty: `engines.node` of the nearest package.json, else both behaviours are described (a warning).',
    },
  },
];

/** Default settings, built from SETTINGS so there is one place to change a default. */
export function defaultSettings(): Settings {
  const d = (k: string): unknown => SETTINGS.find((s) => s.key === k)?.schema.default;
  return {
    trace: { server: d('trace.server') as TraceLevel },
    eventFiles: [...(d('eventFiles') as string[])],
    invoke: {
      timeoutMs: d('invoke.timeoutMs') as number,
      envFile: d('invoke.envFile') as string,
      env: { ...(d('invoke.env') as Record<string, string>) },
      warm: d('invoke.warm') as boolean,
      memoryLimitMb: d('invoke.memoryLimitMb') as number,
      warmIdleSeconds: d('invoke.warmIdleSeconds') as number,
      maxWarmWorkers: d('invoke.maxWarmWorkers') as number,
    },
    python: { interpreter: d('python.interpreter') as string },
    aws: { profile: d('aws.profile') as string, region: d('aws.region') as string, endpoints: { ...(d('aws.endpoints') as EndpointSettings) }, timeoutMs: d('aws.timeoutMs') as number },
    bindingsFile: d('bindingsFile') as string,
    localEndpoint: { port: d('localEndpoint.port') as number },
    runtime: d('runtime') as string,
  };
}

/**
 * Settings from the raw `cognitoTriggers` configuration object VS Code returns (nested by dots),
 * falling back to defaults for anything missing or of the wrong type.
 */
export function resolveSettings(raw: unknown): Settings {
  const s = defaultSettings();
  if (!raw || typeof raw !== 'object') return s;
  const r = raw as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- untyped configuration from the host
  const str = (v: unknown, f: string): string => (typeof v === 'string' ? v : f);
  const num = (v: unknown, f: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : f);
  const bounded = (key: string, v: unknown, f: number): number => clampSetting(key, num(v, f));
  const bool = (v: unknown, f: boolean): boolean => (typeof v === 'boolean' ? v : f);
  const level = r.trace?.server;
  if (level === 'off' || level === 'messages' || level === 'verbose') s.trace.server = level;
  if (Array.isArray(r.eventFiles)) s.eventFiles = r.eventFiles.filter((g: unknown): g is string => typeof g === 'string');
  s.invoke.timeoutMs = bounded('invoke.timeoutMs', r.invoke?.timeoutMs, s.invoke.timeoutMs);
  s.invoke.envFile = str(r.invoke?.envFile, s.invoke.envFile);
  if (r.invoke?.env && typeof r.invoke.env === 'object') {
    s.invoke.env = Object.fromEntries(Object.entries(r.invoke.env).filter((e): e is [string, string] => typeof e[1] === 'string'));
  }
  s.invoke.warm = bool(r.invoke?.warm, s.invoke.warm);
  s.invoke.memoryLimitMb = bounded('invoke.memoryLimitMb', r.invoke?.memoryLimitMb, s.invoke.memoryLimitMb);
  s.invoke.warmIdleSeconds = bounded('invoke.warmIdleSeconds', r.invoke?.warmIdleSeconds, s.invoke.warmIdleSeconds);
  s.invoke.maxWarmWorkers = bounded('invoke.maxWarmWorkers', r.invoke?.maxWarmWorkers, s.invoke.maxWarmWorkers);
  s.aws.timeoutMs = bounded('aws.timeoutMs', r.aws?.timeoutMs, s.aws.timeoutMs);
  s.python.interpreter = str(r.python?.interpreter, s.python.interpreter);
  s.aws.profile = str(r.aws?.profile, s.aws.profile);
  s.aws.region = str(r.aws?.region, s.aws.region);
  if (r.aws?.endpoints && typeof r.aws.endpoints === 'object') {
    for (const k of ['lambda', 'cognitoIdentityProvider', 'cognitoIdentity', 'cognitoSync'] as const) {
      const v = r.aws.endpoints[k];
      if (typeof v === 'string' && v) s.aws.endpoints[k] = v;
    }
  }
  s.bindingsFile = str(r.bindingsFile, s.bindingsFile);
  // Any number is kept as given: a port out of range is named at start, not silently changed into another.
  s.localEndpoint.port = num(r.localEndpoint?.port, s.localEndpoint.port);
  s.runtime = str(r.runtime, s.runtime).trim();
  return s;
}

/**
 * `value` kept within the setting's schema `minimum`/`maximum` (a value past them from a settings file
 * or the command line would otherwise misbehave: a timer past 2^31-1 ms fires at once).
 */
export function clampSetting(key: string, value: number): number {
  const schema = SETTINGS.find((s) => s.key === key)?.schema;
  const min = typeof schema?.minimum === 'number' ? schema.minimum : -Infinity;
  const max = typeof schema?.maximum === 'number' ? schema.maximum : Infinity;
  return Math.min(max, Math.max(min, value));
}

/** package.json `capabilities.untrustedWorkspaces.restrictedConfigurations`, generated from SETTINGS. */
export function restrictedConfigurations(): string[] {
  return SETTINGS.filter((s) => s.restricted).map((s) => `cognitoTriggers.${s.key}`);
}

/** package.json `contributes.configuration.properties`, generated from SETTINGS. */
export function configurationProperties(): Record<string, unknown> {
  return Object.fromEntries(SETTINGS.map((s) => [`cognitoTriggers.${s.key}`, { ...s.schema, scope: s.scope }]));
}

/** Settings whose values are secrets (API keys, passwords): traces and logs show them as ****. */
export const SECRET_SETTINGS = ['invoke.env'] as const;

/** The secret values in a raw `cognitoTriggers` section (as resolveSettings takes it), to redact by value. */
export function secretSettingValues(raw: unknown): string[] {
  const env = resolveSettings(raw).invoke.env;
  return Object.values(env).filter((v) => v.length >= 4);
}

/**
 * `text` (an LSP trace line, a log line) with secret setting values hidden: every `"env": { … }` JSON
 * object's values (whoever's they are), and the `known` values wherever they appear, raw or JSON-escaped.
 */
export function redactSecretSettings(text: string, known: readonly string[] = []): string {
  let out = redactEnvObjects(text);
  const forms = new Set<string>();
  for (const v of known) {
    if (v.length < 4) continue;
    forms.add(v);
    forms.add(JSON.stringify(v).slice(1, -1));
  }
  for (const f of [...forms].sort((a, b) => b.length - a.length)) out = out.split(f).join('****');
  return out;
}

/** Replaces the string values of each `"env": {"K": "V", …}` object in JSON text by "****". */
function redactEnvObjects(text: string): string {
  const opener = /"env"\s*:\s*\{/g;
  let out = '';
  let last = 0;
  for (let m = opener.exec(text); m; m = opener.exec(text)) {
    let i = m.index + m[0].length;
    out += text.slice(last, i);
    let afterColon = false;
    while (i < text.length && text[i] !== '}') {
      const c = text[i] as string;
      if (c === '"') {
        let j = i + 1;
        while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
        out += afterColon ? '"****"' : text.slice(i, j + 1);
        afterColon = false;
        i = j + 1;
        continue;
      }
      if (c === '{' || c === '[') break; // not a flat string map: leave the rest as it is
      if (c === ':') afterColon = true;
      else if (c === ',') afterColon = false;
      out += c;
      i++;
    }
    last = i;
    opener.lastIndex = Math.max(i, opener.lastIndex);
  }
  return out + text.slice(last);
}
