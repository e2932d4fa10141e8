// The tool's version, stamped into the bundles from package.json by esbuild.mjs.
declare const CLI_VERSION: string | undefined;

/** package.json's version; "0.0.0-source" only when run from sources without the build (tests under tsx). */
export function toolVersion(): string {
  return typeof CLI_VERSION === 'string' ? CLI_VERSION : '0.0.0-source';
}
