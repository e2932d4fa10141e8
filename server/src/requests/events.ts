// Custom requests of the event JSON area: list sources, build a sample event, convert an open event.
import { analyzeEvent } from '../core/payload/analyze';
import { parseJson } from '../core/payload/document';
import { buildSample, convertText, sampleChoices, samplePath, type SampleOutcome } from '../core/payload/samples';
import { ConvertEventRequest, DescribeEventRequest, ListEventSourcesRequest, SampleEventRequest, type EventBuildResult } from '../core/protocol';
import type { RequestDeps } from './index';
import { onRequest } from './typed';

/** A core outcome as the protocol's result. */
function toResult(o: SampleOutcome): EventBuildResult {
  if (!o.ok) return { ok: false, error: { code: 'invalid-event-target', message: o.message, ...(o.valid.length ? { hint: `Pick one of: ${o.valid.join(', ')}.` } : {}) } };
  return { ok: true, triggerId: o.trigger.id, source: o.source, version: o.version, json: o.json, suggestedPath: samplePath(o.trigger.id, o.source) };
}

/** Registers listEventSources, sampleEvent, convertEvent and describeEvent. */
export function registerEventRequests({ connection, documents, settings, folders }: RequestDeps): void {
  onRequest(connection, ListEventSourcesRequest.type, () => sampleChoices());
  onRequest(connection, SampleEventRequest.type, (p) => toResult(buildSample(p)));

  /** The open document's analysis (parsed afresh: requests are rare, the provider's cache is per provider). */
  const describe = async (uri: string) => {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const s = await settings.get(uri);
    return { doc, analysis: analyzeEvent(parseJson(doc.getText(), uri, doc.version), folders.relativePath(uri), s.eventFiles, doc.languageId) };
  };

  onRequest(connection, DescribeEventRequest.type, async ({ uri }) => {
    const a = (await describe(uri))?.analysis;
    if (!a) return { isEvent: false };
    return { isEvent: true, ...(a.trigger ? { triggerId: a.trigger.id, version: a.trigger.recognition.eventVersions?.[0] ?? '1' } : {}), ...(a.source ? { source: a.source.value } : {}) };
  });

  onRequest(connection, ConvertEventRequest.type, async (p) => {
    const d = await describe(p.uri);
    if (!d) return { ok: false, error: { code: 'document-not-open', message: `The document ${p.uri} is not open in the editor.`, hint: 'Open the event file and run the command again.' } };
    const result = toResult(convertText(d.doc.getText(), p));
    return d.analysis?.trigger ? { ...result, fromTriggerId: d.analysis.trigger.id } : result;
  });
}
