// The function names a local Lambda endpoint serves in a folder: each bindings entry's functionName, each
// wired handler's function, and every handler's trigger id and LambdaConfig key (shared by CLI and server).
import * as path from 'node:path';
import { getTrigger } from '../model';
import { readWiring } from '../wiring';
import { functionMap } from './lambdaEndpoint';
import { slotOf, type BoundHandler } from './pool';
import { bindingsOf } from './setup';

/** What a folder's endpoint is made from. */
export interface ServedInputs {
  folder: string;
  /** Absolute path of the bindings file (a missing file serves nothing from it). */
  bindingsFile: string;
  /** `--trigger` bindings, already parsed: they come first. */
  overrides?: readonly BoundHandler[];
  /** Read the project's infrastructure code; default true. */
  wiring?: boolean;
  /** Read the bindings file only inside the folder (a setting the repository may set names it). */
  confine?: boolean;
}

/** Function name → handler; a name is served by the first handler that claims it. */
export async function servedFunctions(i: ServedInputs): Promise<Map<string, BoundHandler>> {
  const out: { name: string; handler: BoundHandler }[] = [];
  const byTrigger = (h: BoundHandler): void => {
    out.push({ name: h.trigger.id, handler: h }, { name: slotOf(h.trigger), handler: h });
  };
  for (const h of i.overrides ?? []) byTrigger(h);
  for (const e of bindingsOf(i.bindingsFile, i.confine ? i.folder : undefined)) {
    const t = e.trigger ? getTrigger(e.trigger) : undefined;
    if (!t) continue;
    const h: BoundHandler = { file: path.resolve(i.folder, e.file), handlerName: e.handler, trigger: t, from: path.basename(i.bindingsFile) };
    out.push({ name: e.functionName, handler: h });
    byTrigger(h);
  }
  if (i.wiring !== false) {
    for (const w of (await readWiring(i.folder)).handlers) {
      const t = getTrigger(w.trigger);
      if (!w.file || !t) continue;
      const h: BoundHandler = { file: path.resolve(i.folder, w.file), handlerName: w.export, trigger: t, from: w.kind };
      if (w.function.name && !w.function.name.includes('*')) out.push({ name: w.function.name, handler: h });
      out.push({ name: w.function.ref, handler: h });
      byTrigger(h);
    }
  }
  return functionMap(out);
}
