// Writes every generated artifact (schemas, samples, snippets, README table, package.json keys); --check only compares.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GENERATED_DIRS, generateAll, isStale, updatePackageJson, type GeneratedFile } from '../server/src/core/generate';

const root = path.resolve(__dirname, '..');
const read = (rel: string): string | undefined => {
  const file = path.join(root, rel);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
};

/** Files under the fully generated directories that the generator no longer produces. */
function extraFiles(files: readonly GeneratedFile[]): string[] {
  const wanted = new Set(files.map((f) => f.path));
  const out: string[] = [];
  const walk = (rel: string): void => {
    const abs = path.join(root, rel);
    if (!fs.existsSync(abs)) return;
    for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith('.json') && !wanted.has(child)) out.push(child);
    }
  };
  for (const dir of GENERATED_DIRS) walk(dir);
  return out.sort();
}

function main(): number {
  const check = process.argv.includes('--check');
  const packageJson = read('package.json');
  if (packageJson === undefined) throw new Error('package.json not found');
  const files = generateAll({ readme: read('README.md'), packageJson });
  const stale = files.filter((f) => isStale(f, read(f.path))).map((f) => f.path);
  const extra = extraFiles(files);
  if (check) {
    if (stale.length === 0 && extra.length === 0) {
      console.log(`generated files are up to date (${files.length} files)`);
      return 0;
    }
    for (const p of stale) console.error(`stale: ${p}`);
    for (const p of extra) console.error(`not generated any more: ${p}`);
    console.error('run `npm run generate` and commit');
    return 1;
  }
  for (const f of files) {
    if (!stale.includes(f.path)) continue;
    const abs = path.join(root, f.path);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    // Others edit package.json concurrently: re-read right before writing, never write a stale copy.
    const content = f.path === 'package.json' ? updatePackageJson(fs.readFileSync(abs, 'utf8')) : f.content;
    fs.writeFileSync(abs, content);
    console.log(`wrote ${f.path}`);
  }
  for (const p of extra) {
    fs.rmSync(path.join(root, p));
    console.log(`removed ${p}`);
  }
  if (stale.length === 0 && extra.length === 0) console.log('nothing to do');
  return 0;
}

process.exitCode = main();
