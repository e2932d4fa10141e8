// `@cognito-trigger` comments in any language: the trigger ids they name and the names that are not triggers.
import { getTrigger } from '../model';
import type { BadTriggerComment } from './description';

/** A comment as a front end found it: its text without the comment marker, and where that text starts. */
export interface CommentText {
  /** Offset of the comment (its marker). */
  readonly start: number;
  readonly end: number;
  /** The text after the marker (`//`, `/*`, `#`). */
  readonly value: string;
  /** Offset where `value` starts. */
  readonly valueStart: number;
}

// Ids separated by commas; prose after them (`@cognito-trigger PreSignUp for the web app`) is not an id.
const TRIGGER_COMMENT = /@cognito-trigger\s+([A-Za-z0-9_]+(?:\s*,\s*[A-Za-z0-9_]+)*)/g;

/** `@cognito-trigger` comments: valid ids, the comment offset each came from, and the names that are not triggers. */
export function triggerComments(comments: readonly CommentText[]): { ids: string[]; bad: BadTriggerComment[]; at: number[] } {
  const ids: string[] = [];
  const bad: BadTriggerComment[] = [];
  const at: number[] = [];
  for (const c of comments) {
    for (const m of c.value.matchAll(TRIGGER_COMMENT)) {
      let offset = c.valueStart + (m.index ?? 0) + m[0].indexOf(m[1] ?? '');
      for (const part of (m[1] ?? '').split(',')) {
        const name = part.trim();
        const start = offset + part.indexOf(name);
        offset += part.length + 1;
        if (!name) continue;
        if (getTrigger(name)) {
          ids.push(name);
          at.push(c.start);
        } else bad.push({ start, end: start + name.length, name });
      }
    }
  }
  return { ids, bad, at };
}
