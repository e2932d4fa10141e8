// A flow result as text for the terminal: one line per step, the error the app sees, tokens and messages.
import type { FlowResult } from './types';

const MARK = { trigger: '▶', cognito: '•', app: '←' } as const;

/** Plain text of a flow result (the CLI without --json). */
export function formatFlowText(r: FlowResult): string {
  const out: string[] = [`Flow ${r.flow}: ${r.outcome}`];
  r.steps.forEach((s, i) => {
    const failed = r.error?.step === i;
    const attempts = s.attempts > 1 ? ` (${s.attempts} attempts)` : '';
    const ms = s.kind === 'trigger' ? ` ${s.ms} ms` : '';
    out.push(`${failed ? '✗' : MARK[s.kind]} ${i + 1}. ${s.kind === 'trigger' ? `${s.triggerSource}` : `${s.trigger}: ${s.triggerSource}`}${attempts}${ms} — ${s.verdict.headline}`);
    for (const l of s.verdict.lines) if (l.severity === 'error' || l.severity === 'warning') out.push(`     ${l.severity}: ${l.text}`);
  });
  if (r.error) out.push('', `The app receives ${r.error.name}: ${r.error.message}`);
  for (const m of r.messages) {
    out.push('', `Message (${m.via}${m.to ? ` to ${m.to}` : ''}, sent by ${m.sentBy}): code ${m.code}`);
    if (m.subject) out.push(`  Subject: ${m.subject}`);
    if (m.body) out.push(`  ${m.body}`);
    if (m.handlerOutputContainsCode !== undefined) out.push(`  The handler's output ${m.handlerOutputContainsCode ? 'contains' : 'does not contain'} the decrypted code.`);
  }
  if (r.tokens) {
    for (const [name, t] of Object.entries(r.tokens)) if (t) out.push('', `${name === 'id' ? 'ID' : 'Access'} token claims:`, JSON.stringify(t.claims, null, 2));
  }
  for (const n of r.notes) out.push('', `Note: ${n}`);
  return `${out.join('\n')}\n`;
}
