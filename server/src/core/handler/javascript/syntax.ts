// JavaScript/TypeScript syntax for the features: the cursor scans (cursor.ts, pattern.ts) and fix code.
import type { HandlerSyntax } from '../syntax';
import { chainBefore, cursorContext } from './cursor';
import { braceBefore, patternAt } from './pattern';

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** Indentation of the line holding `offset`. */
function indentAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))?.[0] ?? '';
}

export const javascriptSyntax: HandlerSyntax = {
  cursorContext,
  chainBefore,
  patternAt(text, offset) {
    const brace = braceBefore(text, offset);
    return brace >= 0 ? patternAt(text, brace) : undefined;
  },
  identChar: /[A-Za-z0-9_$]/,
  isMemberName: (key) => IDENT.test(key),
  membersAreProperties: false,
  memberKey: (_path, name) => name,
  memberLabel: (key) => key,
  quotedMember: (key, optional) => `${optional ? '.' : ''}['${key}']`,
  nullGuard: {
    orEmpty: ' ?? {}',
    hint: '`?.`, `(… ?? {})` or a check first',
    words: { member: 'reading a key of it', in: 'the `in` test', keys: '`Object.keys` (values, entries)', destructure: 'destructuring it' },
    error: 'throws a TypeError',
  },
  raiseKeyword: 'throw',
  lineComment: (body) => `// ${body}`,
  returnEventEdit(text, f, ev) {
    if (f.insertAt === undefined) return { start: f.start, end: f.end, newText: `return ${ev};` };
    const indent = indentAt(text, f.start);
    return { start: f.insertAt, end: f.insertAt, newText: `${text[f.insertAt - 1] === '\n' ? '' : '\n'}${indent}  return ${ev};\n${indent}` };
  },
  booleanWord: (literal) => (literal === 'true' ? true : literal === 'false' ? false : undefined),
  booleanLiteral: (value) => String(value),
  objectLiteral: (entries) => `{ ${entries.map(([k, v]) => `${k}: ${v}`).join(', ')} }`,
  withInterpolation(text, at, literal, ev, field) {
    const expr = `\${${ev}.${field}}`;
    const src = text.slice(at.start, at.end);
    if (src.startsWith('`')) return { start: at.end - 1, end: at.end - 1, newText: ` ${expr}` };
    if (/^['"]/.test(src) && literal !== undefined) return { start: at.start, end: at.end, newText: `\`${literal.replace(/[`\\]|\$\{/g, (x) => `\\${x}`)} ${expr}\`` };
    return undefined;
  },
};
