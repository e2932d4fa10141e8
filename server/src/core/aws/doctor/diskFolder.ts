// A workspace folder on disk for the doctor: its bindings file, IaC wiring and handler files, read safely.
import * as path from 'node:path';
import { parseBindingsFile } from '../../bindings/file';
import { readBindingsText } from '../../bindings/read';
import { getTrigger } from '../../model';
import { readSafeFile } from '../../safeFile';
import { readWiring, type WiringResult } from '../../wiring';
import type { DoctorFolder } from './workspace';

/** Handler files above this are not analysed (the doctor says so in a note). */
export const MAX_HANDLER_BYTES = 1024 * 1024;

/**
 * The folder `root` (a file system path). `bindingsFile` is the setting (default cognito-triggers.json);
 * `wiring` a cached reading of the IaC (else it is read now). A broken IaC file gives no wiring, not an error.
 */
export async function diskFolder(root: string, bindingsFile = '', wiring?: WiringResult): Promise<DoctorFolder> {
  const read = readBindingsText(root, bindingsFile);
  const entries = read.ok ? parseBindingsFile(read.text, (id) => getTrigger(id) !== undefined).entries : [];
  let w = wiring;
  if (!w) {
    try {
      w = await readWiring(root);
    } catch {
      w = undefined;
    }
  }
  return {
    name: path.basename(root),
    entries,
    ...(w ? { wiring: w } : {}),
    readFile: (rel) => {
      const r = readSafeFile(path.resolve(root, rel), { maxBytes: MAX_HANDLER_BYTES, within: root });
      return r.ok ? r.text : undefined;
    },
  };
}
