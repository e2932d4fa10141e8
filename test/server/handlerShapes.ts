// Test and bench helper: handler files of a given size in JavaScript and Python, realistic (many helpers,
// one big handler) and pathological (a long member chain, deep nesting, many branches), for scaling runs.

export type HandlerShape = 'helpers' | 'big-handler' | 'member-chain' | 'deep-nesting' | 'many-branches';
export const HANDLER_SHAPES: readonly HandlerShape[] = ['helpers', 'big-handler', 'member-chain', 'deep-nesting', 'many-branches'];

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
  }
}
