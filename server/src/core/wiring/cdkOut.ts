// What `cdk synth` left in cdk.out: the CloudFormation template of each stack, where a construct's
// logical id (and a literal pool name) can be read exactly. Without it, a construct's logical id is its
// construct id with CDK's path prefix and hash around it, so only a pattern (`*UserPool*`) is known.
// https://docs.aws.amazon.com/cdk/v2/guide/identifiers.html#identifiers-logical-ids
import type { WiringFs } from './types';

interface Template {
  Resources?: Record<string, { Type?: string; Properties?: { UserPoolName?: unknown }; Metadata?: Record<string, unknown> }>;
}

const parsed = new Map<string, { text: string; template: Template | undefined }>();

function template(fs: WiringFs, file: string): Template | undefined {
  const text = fs.readFile(file);
  if (text === undefined) return undefined;
  const hit = parsed.get(file);
  if (hit?.text === text) return hit.template;
  let t: Template | undefined;
  try {
    t = JSON.parse(text) as Template;
  } catch {
    t = undefined;
  }
  parsed.set(file, { text, template: t });
  return t;
}

/** A user pool found in cdk.out: its logical id, its literal name when the template states one, and the template read. */
export interface SynthesizedPool {
  readonly logicalId: string;
  readonly name?: string;
  readonly file: string;
}

/**
 * The pool resource whose `aws:cdk:path` ends in the construct id (`Stack/UserPool/Resource` for the
 * L2 construct, `Stack/Pool` for CfnUserPool), in the templates under `<appDir>/cdk.out`. Undefined
 * when there is no cdk.out or the id is not exactly one pool (two stacks with the same construct id).
 */
export function synthesizedPool(fs: WiringFs, appDir: string, constructId: string): { found?: SynthesizedPool; read: string[] } {
  const dir = appDir ? `${appDir}/cdk.out` : 'cdk.out';
  const files = fs.list(dir).filter((n) => n.endsWith('.template.json')).map((n) => `${dir}/${n}`);
  const hits: SynthesizedPool[] = [];
  for (const file of files) {
    for (const [logicalId, res] of Object.entries(template(fs, file)?.Resources ?? {})) {
      if (res.Type !== 'AWS::Cognito::UserPool') continue;
      const segs = String(res.Metadata?.['aws:cdk:path'] ?? '').split('/');
      const own = segs[segs.length - 1] === 'Resource' ? segs[segs.length - 2] : segs[segs.length - 1];
      if (own !== constructId) continue;
      const name = res.Properties?.UserPoolName;
      hits.push({ logicalId, ...(typeof name === 'string' ? { name } : {}), file });
    }
  }
  return { ...(hits.length === 1 ? { found: hits[0] as SynthesizedPool } : {}), read: files };
}
