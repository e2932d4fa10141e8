// Text for places that show no Markdown (Problems panel, notifications, quick-pick details, terminals):
// a Markdown code span `x` is written 'x', as TypeScript's own messages quote names.
/** `event.response` → 'event.response'; an already quoted span (`'PreSignUp'`) keeps its one pair of quotes. */
export function plainText(text: string): string {
  return text.replace(/`([^`\n]+)`/g, (_m, inner: string) => (/^(['"]).*\1$/.test(inner) ? inner : `'${inner}'`));
}
