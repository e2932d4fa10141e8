// What analysing a handler document will cost, guessed from its text before it has been analysed once:
// the language server keeps an expensive analysis off its event loop (workspace/offThread.ts).

/**
 * Microseconds of analysis per punctuation character (`.`, `(`, `[`, `{`, `,`, `;`, `=`: about one per
 * syntax node), measured warm over the shapes of test/server/handlerShapes.ts at 2-32 KB: JavaScript
 * 4-10 µs (17 for one large handler body), Python 10-40 µs. Characters alone mislead: a 20 KB member
 * chain costs as much as 100 KB of ordinary code.
 */
const MICROS_PER_MARK: Readonly<Record<'javascript' | 'python', number>> = { javascript: 8, python: 30 };

/** Estimated milliseconds of one whole analysis of `text` (no earlier parse to reuse). */
export function estimatedAnalysisMs(text: string, language: 'javascript' | 'python'): number {
  let marks = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // . ( [ { , ; =
    if (c === 46 || c === 40 || c === 91 || c === 123 || c === 44 || c === 59 || c === 61) marks++;
  }
  return (marks * MICROS_PER_MARK[language]) / 1000;
}
