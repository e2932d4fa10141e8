// Python syntax for the features: the cursor scan (cursor.ts) and how fixes are written in Python.
import type { HandlerSyntax } from '../syntax';
import { chainBefore, cursorContext } from './cursor';
import { propertyKey, snakeCase } from './paths';

/** Indentation of the line holding `offset`. */
function indentAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))?.[0] ?? '';
}

const pyString = (s: string): string => JSON.stringify(s);

export const pythonSyntax: HandlerSyntax = {
  cursorContext,
  chainBefore,
  patternAt: () => undefined,
  identChar: /[A-Za-z0-9_]/,
  isMemberName: (key) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(key),
  membersAreProperties: true,
  memberKey: (path, name) => propertyKey(path, name).key,
  memberLabel: (key) => snakeCase(key),
  // Members that are not identifiers cannot be properties: subscript them.
  quotedMember: (key) => `[${pyString(key)}]`,
  nullGuard: {
    orEmpty: ' or {}',
    // `.get("k", {})` is no guard: its default applies when the key is absent, not when it holds None.
    hint: '`(… or {})`, `if …:` or a check first (a `.get(…, {})` default does not apply to a key that holds None)',
    words: { member: 'reading a key of it (`[…]` or `.get`)', in: 'the `in` test', keys: 'listing or looping over it', destructure: 'unpacking it (`**`)' },
    error: 'raises TypeError (AttributeError for `.get`)',
  },
  raiseKeyword: 'raise',
  lineComment: (body) => `# ${body}`,
  returnEventEdit(text, f, ev) {
    if (f.insertAt === undefined) return { start: f.start, end: f.end, newText: `return ${ev}` };
    // After the body's last statement, at the indentation of the body's first line.
    return { start: f.insertAt, end: f.insertAt, newText: `\n${f.insertIndent ?? indentAt(text, f.insertAt)}return ${ev}` };
  },
  booleanWord: (literal) => (/^true$/i.test(literal) ? true : /^false$/i.test(literal) ? false : undefined),
  booleanLiteral: (value) => (value ? 'True' : 'False'),
  objectLiteral: (entries) => `{${entries.map(([k, v]) => `${pyString(k)}: ${v}`).join(', ')}}`,
  withInterpolation(text, at, literal, ev, field) {
    const src = text.slice(at.start, at.end);
    // Inside the f-string the keys take the other quote (a Python before 3.12 ends the string at the same one).
    const inner = /^[fF]?"/.test(src) ? "'" : '"';
    const expr = `{${ev}${field.split('.').map((k) => `[${inner}${k}${inner}]`).join('')}}`;
    if (/^[fF]['"]/.test(src) && !/^[fF]('''|""")/.test(src)) return { start: at.end - 1, end: at.end - 1, newText: ` ${expr}` };
    if (/^['"]/.test(src) && !/^('''|""")/.test(src) && literal !== undefined) {
      const q = src[0] ?? '"';
      return { start: at.start, end: at.end, newText: `f${q}${literal.replace(/[{}]/g, (x) => x + x).replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`)} ${expr}${q}` };
    }
    return undefined;
  },
};
