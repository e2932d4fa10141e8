// Test and bench helper: bundle-like JavaScript (many small functions, then a handler) of a given size.

/** Bundle-like JavaScript of about `bytes` characters: many small functions, then the handler. */
export function bundle(bytes: number): string {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < bytes; i++) {
    const p = `function helper${i}(event, ctx) {\n  const a${i} = event.request && event.request.userAttributes;\n  if (a${i} && a${i}.email) { return { x: ${i}, y: "${'s'.repeat(40)}" }; }\n  return [${i}, ${i + 1}].map((v) => v * 2);\n}\n`;
    parts.push(p);
    n += p.length;
  }
  return `${parts.join('')}// @cognito-trigger PreSignUp\nexports.handler = async (event) => { event.response.autoConfirmUser = true; return event; };\n`;
}
