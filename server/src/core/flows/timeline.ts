// A flow result as the timeline tree VS Code shows: the outcome and the error the app receives, then each
// step (expandable to its event, answer, Cognito's verdict and timing), the decoded tokens and the messages.
import type { TimelineNode } from '../protocol/flows';
import type { InvokeResult } from '../protocol/invokeResult';
import type { FlowResult, FlowStep } from './types';

const KIND_LABEL = { trigger: 'Lambda', cognito: 'Cognito', app: 'App' } as const;

/** Short one-line JSON for descriptions (long values are cut; the full value opens on click). */
function brief(v: unknown, max = 80): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** The title of a step: `3. DefineAuthChallenge_Authentication` or `5. RespondToAuthChallenge: answer`. */
export function stepTitle(s: FlowStep, index: number): string {
  return `${index + 1}. ${s.kind === 'trigger' ? s.triggerSource : `${s.trigger}: ${s.triggerSource}`}`;
}

/** Cognito's verdict lines on a step's answer. */
function verdictLines(s: FlowStep, id: string): TimelineNode[] {
  return s.verdict.lines.map((l, n) => ({ id: `${id}/verdict/${n}`, kind: 'line' as const, severity: l.severity === 'error' || l.severity === 'warning' || l.severity === 'ok' ? l.severity : 'info', label: l.text, tooltip: l.text, ...(l.source?.url ? { source: l.source.url } : {}) }));
}

/**
 * The verdict row of a step. On the step that ends a failed flow it reads as the failure (error icon, the
 * error the app receives), even when the answer on its own is valid (a Define that issues tokens to an
 * unknown user, a Cognito step that refuses): that own verdict stays as its first line.
 */
function verdictNode(r: FlowResult, s: FlowStep, id: string, failed: boolean): TimelineNode {
  const source = s.verdict.source?.url ? { source: s.verdict.source.url } : s.source ? { source: s.source } : {};
  if (!failed || !r.error) {
    return { id: `${id}/verdict`, kind: 'verdict', severity: s.verdict.succeeds ? 'ok' : 'error', label: `Cognito: ${s.verdict.headline}`, tooltip: s.verdict.headline, ...source, children: verdictLines(s, id) };
  }
  const own: TimelineNode = { id: `${id}/verdict/own`, kind: 'line', severity: s.verdict.succeeds ? 'ok' : 'error', label: `This answer on its own: ${s.verdict.headline}`, tooltip: s.verdict.headline, ...source };
  return {
    id: `${id}/verdict`,
    kind: 'error',
    failed: true,
    severity: 'error',
    label: `Cognito: this step fails the flow with ${r.error.name}`,
    description: r.error.message,
    tooltip: `The app receives ${r.error.name}: ${r.error.message}\nThis answer on its own: ${s.verdict.headline}`,
    ...(r.error.source ? { source: r.error.source } : source),
    children: [own, ...verdictLines(s, id)],
  };
}

function stepNode(r: FlowResult, s: FlowStep, i: number): TimelineNode {
  const id = `step-${i}`;
  const failed = r.error?.step === i;
  const children: TimelineNode[] = [];
  if (failed && r.error) children.push({ id: `${id}/error`, kind: 'error', severity: 'error', label: `The app receives ${r.error.name}`, description: r.error.message, tooltip: `${r.error.name}: ${r.error.message}`, ...(r.error.source ? { source: r.error.source } : {}) });
  if (s.event !== null && s.event !== undefined) children.push({ id: `${id}/event`, kind: 'event', label: s.kind === 'trigger' ? 'Event' : 'Request', description: brief(s.event), json: s.event });
  if (s.response !== null && s.response !== undefined) {
    const answerLabel = s.kind === 'trigger' ? 'Answer' : 'Response';
    const response = s.kind === 'trigger' && typeof s.response === 'object' && s.response && 'response' in s.response ? (s.response as { response: unknown }).response : s.response;
    children.push({ id: `${id}/answer`, kind: 'answer', label: answerLabel, description: brief(response), json: s.response });
  }
  children.push(verdictNode(r, s, id, failed));
  if (s.kind === 'trigger') {
    children.push({
      id: `${id}/timing`,
      kind: 'timing',
      label: `Timing: ${s.ms} ms`,
      description: s.attempts > 1 ? `${s.attempts} attempts (Cognito retried a timeout)` : '1 attempt',
      ...(s.handler ? { tooltip: s.handler } : {}),
      children: (s.attemptDetails ?? []).map((a, n) => ({ id: `${id}/timing/${n}`, kind: 'line' as const, severity: a.outcome === 'returned' ? 'ok' : 'error', label: `Attempt ${n + 1}: ${a.outcome} in ${a.ms} ms`, ...(a.logs ? { tooltip: a.logs } : {}) })),
    });
  }
  const ms = s.kind === 'trigger' ? `${s.ms} ms — ` : '';
  return {
    id,
    kind: failed ? 'error' : s.kind,
    ...(failed ? { failed: true, severity: 'error' as const } : !s.verdict.succeeds ? { severity: 'warning' as const } : {}),
    label: stepTitle(s, i),
    description: `${failed && r.error ? `✗ fails the flow (${r.error.name}) · ` : ''}${KIND_LABEL[s.kind]} · ${ms}${s.verdict.headline}`,
    tooltip: `${s.handler ? `${s.handler}\n` : ''}${s.verdict.headline}${failed && r.error ? `\nThe app receives ${r.error.name}: ${r.error.message}` : ''}`,
    ...(s.source ? { source: s.source } : {}),
    children,
  };
}

/** The timeline of a flow result. */
export function timelineOf(r: FlowResult): TimelineNode[] {
  const nodes: TimelineNode[] = [
    {
      id: 'outcome',
      kind: 'outcome',
      severity: r.outcome === 'succeeded' ? 'ok' : r.outcome === 'failed' ? 'error' : 'warning',
      label: `Flow ${r.flow}: ${r.outcome}`,
      description: `${r.steps.length} steps, ${r.steps.filter((s) => s.kind === 'trigger').length} handler invocations`,
      json: r,
    },
  ];
  if (r.error) {
    nodes.push({ id: 'error', kind: 'error', severity: 'error', label: `The app receives ${r.error.name}`, description: r.error.message, tooltip: `${r.error.name}: ${r.error.message}${r.error.step !== undefined ? ` (step ${r.error.step + 1})` : ''}`, ...(r.error.source ? { source: r.error.source } : {}) });
  }
  nodes.push(...r.steps.map((s, i) => stepNode(r, s, i)));
  if (r.tokens) {
    const tokens = Object.entries(r.tokens).flatMap(([name, t]) =>
      t
        ? [
            {
              id: `tokens/${name}`,
              kind: 'token' as const,
              label: name === 'id' ? 'ID token' : 'Access token',
              description: `${Object.keys(t.claims).length} claims`,
              json: { header: t.header, claims: t.claims },
              children: Object.entries(t.claims).map(([k, v]) => ({ id: `tokens/${name}/${k}`, kind: 'claim' as const, label: k, description: brief(v) })),
            },
          ]
        : [],
    );
    nodes.push({ id: 'tokens', kind: 'tokens', label: 'Tokens (decoded)', description: 'signed with a local key', children: tokens });
  }
  if (r.messages.length) {
    nodes.push({
      id: 'messages',
      kind: 'messages',
      label: 'Messages that would be sent',
      description: String(r.messages.length),
      children: r.messages.map((m, n) => ({
        id: `messages/${n}`,
        kind: 'message' as const,
        label: `${m.via === 'email' ? 'Email' : 'SMS'}${m.to ? ` to ${m.to}` : ''}`,
        description: `code ${m.code} · sent by ${m.sentBy}`,
        json: m,
        children: [
          ...(m.subject ? [{ id: `messages/${n}/subject`, kind: 'line' as const, label: `Subject: ${m.subject}` }] : []),
          ...(m.body ? [{ id: `messages/${n}/body`, kind: 'line' as const, label: m.body }] : []),
          ...(m.handlerOutputContainsCode !== undefined
            ? [{ id: `messages/${n}/decrypted`, kind: 'line' as const, severity: m.handlerOutputContainsCode ? ('ok' as const) : ('warning' as const), label: m.handlerOutputContainsCode ? "The sender's output contains the decrypted code" : "The sender's output does not contain the code" }]
            : []),
        ],
      })),
    });
  }
  nodes.push(...r.notes.map((n, i) => ({ id: `note-${i}`, kind: 'note' as const, severity: 'info' as const, label: n, tooltip: n })));
  return nodes;
}

/** What a Lambda endpoint invocation shows: who called which function, and the handler's run. */
export interface InvocationView {
  functionName: string;
  /** HTTP status answered (202: InvocationType Event, run afterwards; 404: no such function here). */
  status: number;
  /** `handlers/preSignUp.js#handler`. */
  handler?: string;
  result?: InvokeResult;
}

/**
 * One invocation of the local Lambda endpoint as a timeline row (`3. preSignUp ← PreSignUp_SignUp`), expandable
 * to the event, the answer, Cognito's verdict on it and the timing, like a flow step.
 */
export function invocationNode(i: InvocationView, n: number): TimelineNode {
  const id = `invocation-${n}`;
  const r = i.result;
  if (!r) return { id, kind: 'error', severity: 'error', label: `${n}. ${i.functionName}`, description: `${i.status} · no handler serves this function name here`, tooltip: `HTTP ${i.status}: the endpoint has no handler for ${i.functionName}.` };
  const o = r.outcome;
  const answer = o.kind === 'returned' ? o.value : o.kind === 'error' ? { errorType: o.errorType, errorMessage: o.errorMessage } : o.kind === 'timeout' ? { errorType: 'Sandbox.Timedout' } : o.kind === 'crashed' ? { errorType: 'Runtime.ExitError' } : { errorType: 'Runtime.ImportModuleError', errorMessage: o.message };
  const verdictLines: TimelineNode[] = r.summary.lines.map((l, k) => ({ id: `${id}/verdict/${k}`, kind: 'line' as const, severity: l.severity === 'error' || l.severity === 'warning' || l.severity === 'ok' ? l.severity : 'info', label: l.text, tooltip: l.text, ...(l.source?.url ? { source: l.source.url } : {}) }));
  const issues: TimelineNode[] = r.issues.map((x, k) => ({ id: `${id}/issue/${k}`, kind: 'line' as const, severity: x.severity === 'error' ? 'error' : x.severity === 'warning' ? 'warning' : 'info', label: `${x.path.join('.') || 'answer'}: ${x.message}`, tooltip: x.message }));
  return {
    id,
    kind: r.summary.succeeds ? 'trigger' : 'error',
    ...(r.summary.succeeds ? {} : { severity: 'error' as const }),
    label: `${n}. ${i.functionName} ← ${r.triggerSource ?? 'unrecognised event'}`,
    description: `${i.status === 202 ? 'async · ' : ''}${r.durationMs} ms — ${r.summary.headline}`,
    tooltip: `${i.handler ?? r.target}\n${r.summary.headline}`,
    ...(r.summary.source?.url ? { source: r.summary.source.url } : {}),
    children: [
      { id: `${id}/event`, kind: 'event', label: 'Event', description: brief(r.input), json: r.input },
      // As on flow steps: the row shows the answer's response part, the whole answer opens on click.
      { id: `${id}/answer`, kind: 'answer', label: 'Answer', description: brief(answer && typeof answer === 'object' && 'response' in answer ? (answer as { response: unknown }).response : answer), json: answer ?? null },
      { id: `${id}/verdict`, kind: 'verdict', severity: r.summary.succeeds ? 'ok' : 'error', label: `Cognito: ${r.summary.headline}`, tooltip: r.summary.headline, ...(r.summary.source?.url ? { source: r.summary.source.url } : {}), children: [...verdictLines, ...issues] },
      { id: `${id}/timing`, kind: 'timing', label: `Timing: ${r.durationMs} ms`, description: o.kind, ...(r.logs ? { tooltip: r.logs } : {}) },
    ],
  };
}
