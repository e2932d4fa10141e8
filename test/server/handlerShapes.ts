// Test and bench helper: handler files of a given size in JavaScript and Python, realistic (many helpers,
// one big handler, many handlers, many callbacks and templates, one huge object literal, a minified line) and
// pathological (a long member chain, deep nesting, deeply nested functions, many branches), for scaling runs.

export type HandlerShape =
  | 'helpers'
  | 'big-handler'
  | 'member-chain'
  | 'deep-nesting'
  | 'many-branches'
  | 'many-handlers'
  | 'tiny-handlers'
  | 'guard-clauses'
  | 'key-guards'
  | 'source-branches'
  | 'callbacks-awaits'
  | 'nested-functions'
  | 'huge-object'
  | 'templates'
  | 'minified';
export const HANDLER_SHAPES: readonly HandlerShape[] = ['helpers', 'big-handler', 'member-chain', 'deep-nesting', 'many-branches', 'many-handlers', 'tiny-handlers', 'guard-clauses', 'key-guards', 'source-branches', 'callbacks-awaits', 'nested-functions', 'huge-object', 'templates', 'minified'];

const SOURCES = ['PreSignUp_SignUp', 'PreSignUp_AdminCreateUser', 'PreSignUp_ExternalProvider'];

/** Repeats `piece(i)` until the pieces reach `bytes` characters. */
function fill(bytes: number, piece: (i: number) => string): string {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < bytes; i++) {
    const p = piece(i);
    parts.push(p);
    n += p.length;
  }
  return parts.join('');
}

/** A JavaScript handler file of about `bytes` characters in the given shape. */
export function jsHandler(shape: HandlerShape, bytes: number): string {
  const head = '// @cognito-trigger PreSignUp\n';
  switch (shape) {
    case 'helpers':
      return `${fill(bytes, (i) => `function helper${i}(event, ctx) {\n  const a${i} = event.request && event.request.userAttributes;\n  if (a${i} && a${i}.email) { return { x: ${i}, y: "${'s'.repeat(40)}" }; }\n  return [${i}, ${i + 1}].map((v) => v * 2);\n}\n`)}${head}exports.handler = async (event) => { event.response.autoConfirmUser = true; return event; };\n`;
    case 'big-handler':
      return `${head}exports.handler = async (event) => {\n${fill(bytes, (i) => `  const email${i} = event.request.userAttributes.email;\n  if (email${i} && email${i}.endsWith('@example${i}.com')) { event.response.autoConfirmUser = true; }\n`)}  return event;\n};\n`;
    case 'member-chain':
      return `${head}exports.handler = async (event) => {\n  const x = event.request${fill(bytes, (i) => `.k${i % 10}`)};\n  return event;\n};\n`;
    case 'deep-nesting': {
      const depth = Math.floor(bytes / 48);
      return `${head}exports.handler = async (event) => {\n${'if (event.request.userAttributes.email) {\n'.repeat(depth)}event.response.autoConfirmUser = true;\n${'}\n'.repeat(depth)}  return event;\n};\n`;
    }
    case 'many-branches':
      return `${head}exports.handler = async (event) => {\n  switch (event.request.userAttributes.email) {\n${fill(bytes, (i) => `    case 'user${i}@example.com': event.response.autoConfirmUser = ${i % 2 === 0}; break;\n`)}  }\n  return event;\n};\n`;
    case 'many-handlers':
      // Each export with its own trigger comment, refs, a source branch and a return: per-handler work times the handlers.
      return fill(bytes, (i) => `// @cognito-trigger PreSignUp\nexports.handler${i} = async (event) => {\n  if (event.triggerSource === '${SOURCES[i % 3]}') { event.response.autoConfirmUser = !!event.request.userAttributes.email; }\n  return event;\n};\n`);
    case 'tiny-handlers':
      // As little per handler as a handler can be, so that any work per pair of handlers (or per handler and reference) dominates.
      return fill(bytes, (i) => `// @cognito-trigger PreSignUp\nexports.h${i} = async (e) => { e.response.autoConfirmUser = true; return e; };\n`);
    case 'guard-clauses':
      // Early exits on something else than the event, each followed by a read the model may see null in.
      return `${head}exports.handler = async (event, context) => {\n${fill(bytes, (i) => `  if (!context.x${i}) return event;\n  const v${i} = event.request.clientMetadata.k${i};\n`)}  return event;\n};\n`;
    case 'key-guards':
      // Early exits on other parts of the event (validation), each followed by a read the model may see null in.
      return `${head}exports.handler = async (event) => {\n${fill(bytes, (i) => `  if (!event.request.userAttributes.k${i}) return event;\n  const v${i} = event.request.clientMetadata.k${i};\n`)}  return event;\n};\n`;
    case 'source-branches':
      return `${head}exports.handler = async (event) => {\n${fill(bytes, (i) => `  if (event.triggerSource === '${SOURCES[i % 3]}') { event.response.autoVerifyEmail = event.request.userAttributes.email_${i} !== undefined; }\n`)}  return event;\n};\n`;
    case 'callbacks-awaits':
      return `${head}exports.handler = async (event) => {\n${fill(bytes, (i) => `  const r${i} = await client.send(new GetCommand({ Key: event.request.userAttributes.email, n: ${i} })).then((res) => res.Item);\n  items${i % 7}.forEach((it) => { log(it, event.request.userAttributes.sub); });\n`)}  return event;\n};\n`;
    case 'nested-functions': {
      const depth = Math.floor(bytes / 60);
      return `${head}exports.handler = async (event) => {\n${'const f = (x) => { if (event.request.userAttributes.email) {\n'.repeat(depth)}event.response.autoConfirmUser = true;\n${'} };\n'.repeat(depth)}  return event;\n};\n`;
    }
    case 'huge-object':
      return `${head}exports.handler = async (event) => {\n  event.response = {\n${fill(bytes, (i) => `    key${i}: { value: 'v${i}', n: ${i}, on: ${i % 2 === 0} },\n`)}  };\n  return event;\n};\n`;
    case 'templates':
      return `// @cognito-trigger CustomMessage\nexports.handler = async (event) => {\n${fill(bytes, (i) => `  event.response.emailMessage = \`Hello \${event.request.userAttributes.name}, your code ${i} is \${event.request.codeParameter}\`;\n`)}  return event;\n};\n`;
    case 'minified':
      // One line, as a bundler writes it: no newline from the first helper to the handler.
      return `${fill(bytes, (i) => `function h${i}(e,t){var a=e.request&&e.request.userAttributes;if(a&&a.email){return{x:${i},y:"${'s'.repeat(20)}"}}return[${i},${i + 1}].map(function(n){return n*2})}`)}exports.handler=async function(e){if(e.triggerSource==="PreSignUp_SignUp"){e.response.autoConfirmUser=!0}return e};\n`;
  }
}

/** A Python handler file of about `bytes` characters in the given shape. */
export function pyHandler(shape: HandlerShape, bytes: number): string {
  const head = '# @cognito-trigger PreSignUp\n';
  switch (shape) {
    case 'helpers':
      return `${fill(bytes, (i) => `def helper${i}(event, ctx):\n    a${i} = event.get("request", {}).get("userAttributes")\n    if a${i} and a${i}.get("email"):\n        return {"x": ${i}, "y": "${'s'.repeat(40)}"}\n    return [v * 2 for v in [${i}, ${i + 1}]]\n\n`)}${head}def lambda_handler(event, context):\n    event["response"]["autoConfirmUser"] = True\n    return event\n`;
    case 'big-handler':
      return `${head}def lambda_handler(event, context):\n${fill(bytes, (i) => `    email${i} = event["request"]["userAttributes"]["email"]\n    if email${i} and email${i}.endswith("@example${i}.com"):\n        event["response"]["autoConfirmUser"] = True\n`)}    return event\n`;
    case 'member-chain':
      return `${head}def lambda_handler(event, context):\n    x = event["request"]${fill(bytes, (i) => `["k${i % 10}"]`)}\n    return event\n`;
    case 'deep-nesting': {
      // Indented blocks make a file quadratic in its depth; brackets nest without indentation.
      const depth = Math.floor(bytes / 50);
      return `${head}def lambda_handler(event, context):\n    x = ${'len(str([event["request"]["userAttributes"], '.repeat(depth)}0${']))'.repeat(depth)}\n    return event\n`;
    }
    case 'many-branches':
      return `${head}def lambda_handler(event, context):\n    email = event["request"]["userAttributes"]["email"]\n    if email == "first@example.com":\n        pass\n${fill(bytes, (i) => `    elif email == "user${i}@example.com":\n        event["response"]["autoConfirmUser"] = ${i % 2 === 0 ? 'True' : 'False'}\n`)}    return event\n`;
    case 'many-handlers':
      return fill(bytes, (i) => `# @cognito-trigger PreSignUp\ndef handler${i}(event, context):\n    if event["triggerSource"] == "${SOURCES[i % 3]}":\n        event["response"]["autoConfirmUser"] = bool(event["request"]["userAttributes"].get("email"))\n    return event\n\n`);
    case 'tiny-handlers':
      return fill(bytes, (i) => `# @cognito-trigger PreSignUp\ndef handler${i}(event, context):\n    event["response"]["autoConfirmUser"] = True\n    return event\n`);
    case 'guard-clauses':
      return `${head}def lambda_handler(event, context):\n${fill(bytes, (i) => `    if not context.x${i}:\n        return event\n    v${i} = event["request"]["clientMetadata"]["k${i}"]\n`)}    return event\n`;
    case 'key-guards':
      return `${head}def lambda_handler(event, context):\n${fill(bytes, (i) => `    if "k${i}" not in event["request"]["userAttributes"]:\n        return event\n    v${i} = event["request"]["clientMetadata"]["k${i}"]\n`)}    return event\n`;
    case 'source-branches':
      return `${head}def lambda_handler(event, context):\n${fill(bytes, (i) => `    if event["triggerSource"] == "${SOURCES[i % 3]}":\n        event["response"]["autoVerifyEmail"] = "email_${i}" in event["request"]["userAttributes"]\n`)}    return event\n`;
    case 'callbacks-awaits':
      return `${head}async def lambda_handler(event, context):\n${fill(bytes, (i) => `    r${i} = await client.get_item(Key=event["request"]["userAttributes"]["email"], n=${i})\n    list(map(lambda it: log(it, event["request"]["userAttributes"]["sub"]), items${i % 7}))\n`)}    return event\n`;
    case 'nested-functions': {
      // Nested `def`s need indentation (quadratic text); nested lambdas nest without it.
      const depth = Math.floor(bytes / 40);
      return `${head}def lambda_handler(event, context):\n    f = ${'lambda x: (event["request"]["userAttributes"], '.repeat(depth)}0${')'.repeat(depth)}\n    return event\n`;
    }
    case 'huge-object':
      return `${head}def lambda_handler(event, context):\n    event["response"] = {\n${fill(bytes, (i) => `        "key${i}": {"value": "v${i}", "n": ${i}, "on": ${i % 2 === 0 ? 'True' : 'False'}},\n`)}    }\n    return event\n`;
    case 'templates':
      return `# @cognito-trigger CustomMessage\ndef lambda_handler(event, context):\n${fill(bytes, (i) => `    event["response"]["emailMessage"] = f"Hello {event['request']['userAttributes']['name']}, your code ${i} is {event['request']['codeParameter']}"\n`)}    return event\n`;
    case 'minified':
      // Python cannot be minified onto one line across functions; one long line of `;`-joined statements is the nearest.
      return `${head}def lambda_handler(event, context):\n    ${fill(bytes, (i) => `a${i} = event["request"]["userAttributes"].get("email"); b${i} = [${i}, a${i}]; `)}event["response"]["autoConfirmUser"] = True\n    return event\n`;
  }
}
