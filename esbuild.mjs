// Bundles the VS Code client, the language server, the CLI and the invoke runner into dist/.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const metafile = process.argv.includes('--metafile');

/** Entry points: one bundle each, all CommonJS for Node. */
export const entryPoints = {
  client: 'client/src/extension.ts',
  // A small loader that runs serverMain through V8's code cache (server/src/codeCache.ts).
  server: 'server/src/serverLoader.ts',
  // The language server itself.
  serverMain: 'server/src/server.ts',
  // The server's worker thread for large handler documents (server/src/workspace/offThread.ts).
  analysisWorker: 'server/src/analysisWorker.ts',
  cli: 'server/src/cli.ts',
  runner: 'server/src/core/invoke/runner/main.ts',
  // Loaded by the server on its first AWS request (server/src/requests/aws.ts).
  awsOperations: 'server/src/core/aws/operations.ts',
  // Loaded by the server on its first flow or custom sender invoke (server/src/requests/lazyBundles.ts).
  flows: 'server/src/core/flows/bundle.ts',
  // Loaded by tsserver, not by VS Code: see writeTsPluginPackage below.
  tsPlugin: 'server/src/tsPlugin/index.ts',
};

/** The package name of the TypeScript server plugin (package.json contributes.typescriptServerPlugins). */
const TS_PLUGIN_PACKAGE = 'cognito-triggers-ts-plugin';

/**
 * tsserver loads a plugin only as a package: `<extension>/node_modules/<name>` (VS Code passes the
 * extension folder as --pluginProbeLocations and TypeScript accepts no paths in plugin names). This
 * writes that package: a package.json and an index.js that requires the bundle in dist/.
 */
function writeTsPluginPackage(root = '.') {
  const dir = `${root}/node_modules/${TS_PLUGIN_PACKAGE}`;
  fs.mkdirSync(dir, { recursive: true });
  const manifest = { name: TS_PLUGIN_PACKAGE, version: JSON.parse(fs.readFileSync(`${root}/package.json`, 'utf8')).version, private: true, main: 'index.js' };
  fs.writeFileSync(`${dir}/package.json`, `${JSON.stringify(manifest, null, 2)}\n`);
  fs.writeFileSync(`${dir}/index.js`, "// The Cognito Triggers TypeScript server plugin (built into dist/ by esbuild.mjs).\nmodule.exports = require('../../dist/tsPlugin.js');\n");
}

/** Reports build results in the format VS Code's `$esbuild-watch` problem matcher reads. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};


/**
 * web-tree-sitter's ES module reads import.meta.url, which a CommonJS bundle lacks: take its CommonJS build.
 * Its `Language.load(path)` reads the grammar through `await import("fs/promises")`: a require instead,
 * because the server bundle runs as a vm.Script from V8's code cache (server/src/codeCache.ts), where
 * import() throws "A dynamic import callback was not specified" (test/server/codeCache.test.ts).
 */
const webTreeSitterCjs = {
  name: 'web-tree-sitter-cjs',
  setup(build) {
    const cjs = path.resolve('node_modules/web-tree-sitter/web-tree-sitter.cjs');
    build.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: cjs }));
    build.onLoad({ filter: /web-tree-sitter\.cjs$/ }, (args) => {
      const text = fs.readFileSync(args.path, 'utf8');
      const patched = text.replaceAll('await import("fs/promises")', 'require("fs/promises")');
      if (patched === text) throw new Error('web-tree-sitter.cjs no longer reads its grammar through import("fs/promises"): check esbuild.mjs webTreeSitterCjs');
      return { contents: patched, loader: 'js' };
    });
  },
};

// The package version, shown by `cognito-triggers -V` and the server's initialize answer.
const version = JSON.stringify(JSON.parse(fs.readFileSync('package.json', 'utf8')).version);

// Entries not written yet are skipped so the build works while the tree grows.
const existing = Object.fromEntries(Object.entries(entryPoints).filter(([, file]) => fs.existsSync(file)));

const ctx = await esbuild.context({
  entryPoints: existing,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outdir: 'dist',
  external: ['vscode'],
  // jsonc-parser and vscode-json-languageservice ship UMD as `main`, whose dynamic requires esbuild cannot bundle; use their ESM builds.
  mainFields: ['module', 'main'],
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  metafile: metafile || production,
  // IN_BUNDLE: code that finds files beside the bundle (the .wasm files) knows it runs from dist/.
  define: { CLI_VERSION: version, SERVER_VERSION: version, IN_BUNDLE: 'true' },
  plugins: [webTreeSitterCjs, ...(watch ? [problemMatcherPlugin] : [])],
});

writeTsPluginPackage();
/**
 * Files the bundles load at run time that esbuild does not bundle, copied into dist/ as they are
 * (the package and the .vsix ship them; test/contract/package.test.ts checks).
 */
export const copiedFiles = {
  // The Python invoke runner, started with the user's interpreter (server/src/core/invoke/python/).
  'runner.py': 'server/src/core/invoke/python/runner.py',
  // Tree-sitter's runtime, shared by the Terraform reader (server/src/core/wiring/hcl.ts) and the Python
  // front end (server/src/core/handler/python/parser.ts), and their grammars as WebAssembly.
  // @vscode/tree-sitter-wasm's Python grammar has tree-sitter's language ABI 15, which web-tree-sitter 0.27 loads.
  'web-tree-sitter.wasm': 'node_modules/web-tree-sitter/web-tree-sitter.wasm',
  'tree-sitter-terraform.wasm': 'node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm',
  'tree-sitter-python.wasm': 'node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter-python.wasm',
};

function copyFiles() {
  fs.mkdirSync('dist', { recursive: true });
  for (const [to, from] of Object.entries(copiedFiles)) fs.copyFileSync(from, `dist/${to}`);
}
copyFiles();
if (watch) {
  fs.watch('server/src/core/invoke/python', () => copyFiles());
}

if (watch) {
  await ctx.watch();
} else {
  const result = await ctx.rebuild();
  if (result.metafile && (metafile || production)) {
    for (const [file, info] of Object.entries(result.metafile.outputs)) {
      if (file.endsWith('.js')) console.log(`${file}: ${(info.bytes / 1024).toFixed(0)} KB`);
    }
  }
  await ctx.dispose();
}
