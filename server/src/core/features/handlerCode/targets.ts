// Where a string or key being typed lands: the event path behind a comparison, assignment, case or literal.
import { handlerAt, rootOf } from '../../handler/context';
import type { DocumentAnalysis, PathKey } from '../../handler/description';
import { syntaxFor, type Chain, type StringTarget } from '../../handler/syntax';

/** The analysis and a way to map a current offset into its (possibly older) text. */
export interface AnalysisView {
  readonly analysis: DocumentAnalysis;
  /** Maps an offset in the current text to the analysed text (identity when fresh). */
  readonly toAnalysed: (offset: number) => number;
}

/**
 * Resolves a chain (`attrs.x`) to an event path at `at` (an analysed offset). In a language whose
 * members are properties (Python data classes), a member key resolves only on such an object.
 */
export function chainPath(view: AnalysisView, chain: Chain, at: number): PathKey[] | undefined {
  const root = rootOf(view.analysis, chain.root, at);
  if (!root) return undefined;
  if (!chain.members?.length) return [...root.path, ...chain.keys];
  const syntax = syntaxFor(view.analysis.language);
  if (syntax.membersAreProperties && !root.keyStyle) return undefined;
  const path: PathKey[] = [...root.path];
  chain.keys.forEach((k, i) => path.push(chain.members?.includes(i) && typeof k === 'string' ? syntax.memberKey(path, k) : k));
  return path;
}

/** Whether members typed after `.` on this chain's root are completed (always in JS; on data class and model objects in Python). */
export function membersComplete(view: AnalysisView, chain: Chain, at: number): boolean {
  return !syntaxFor(view.analysis.language).membersAreProperties || !!rootOf(view.analysis, chain.root, at)?.keyStyle;
}

// Text between a handler's start and its `(`: nothing, `async`, `function name`, `async function*`.
const HANDLER_HEAD = /^(async\b\s*)?(function\b\s*\*?\s*[\w$]*\s*)?$/;

/**
 * The event path of a destructuring pattern key typed at `offset` (current text): `const { | } = event`
 * → [], `const { request: { | } } = event` → ['request'], and the handler's own `({ request: { | } })`.
 */
export function patternPath(view: AnalysisView, text: string, offset: number): PathKey[] | undefined {
  const p = syntaxFor(view.analysis.language).patternAt(text, offset);
  if (!p) return undefined;
  if (p.root.kind === 'init') {
    const base = chainPath(view, p.root.chain, view.toAnalysed(offset));
    return base ? [...base, ...p.keys] : undefined;
  }
  // Only the handler's first parameter is the event (a pattern in any other call is not).
  const mapped = view.toAnalysed(p.root.paren);
  const h = handlerAt(view.analysis, mapped);
  if (!h || mapped < h.fnStart || !HANDLER_HEAD.test(text.slice(p.root.paren - (mapped - h.fnStart), p.root.paren).trim())) return undefined;
  return [...p.keys];
}

/** The innermost object literal assigned to the event that contains `at`. */
export function innermostObject(a: DocumentAnalysis, at: number): { path: readonly PathKey[] } | undefined {
  let best: DocumentAnalysis['objects'][number] | undefined;
  for (const o of a.objects) if (o.start < at && at < o.end && (!best || o.start >= best.start)) best = o;
  return best;
}

/** Which field a string being typed belongs to; `keys` for bracket access, `items` for array elements. */
export function stringTargetPath(view: AnalysisView, t: StringTarget, at: number): { path: PathKey[]; keys?: boolean; items?: boolean; at?: number } | undefined {
  switch (t.via) {
    case 'compare':
    case 'assign': {
      const p = chainPath(view, t.chain, at);
      return p ? { path: p } : undefined;
    }
    case 'arrayAssign': {
      const p = chainPath(view, t.chain, at);
      return p ? { path: p, items: true } : undefined;
    }
    case 'bracket': {
      const p = chainPath(view, t.chain, at);
      return p ? { path: p, keys: true } : undefined;
    }
    case 'case': {
      let best: DocumentAnalysis['switches'][number] | undefined;
      for (const s of view.analysis.switches) if (s.start < at && at < s.end && (!best || s.start >= best.start)) best = s;
      return best ? { path: [...best.path], at: best.start } : undefined;
    }
    case 'dictKey': {
      const site = innermostObject(view.analysis, at);
      return site ? { path: [...site.path], keys: true } : undefined;
    }
    case 'objectValue':
    case 'objectArray': {
      const site = innermostObject(view.analysis, at);
      return site ? { path: [...site.path, t.key], items: t.via === 'objectArray' } : undefined;
    }
  }
}
