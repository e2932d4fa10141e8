// Lint rules, including the architecture's import rules: the core never imports vscode or the LSP server.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', 'examples/**', 'test/fixtures/**', 'bench-results/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setImmediate: 'readonly', clearImmediate: 'readonly', Buffer: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable', performance: 'readonly', structuredClone: 'readonly', queueMicrotask: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', AbortController: 'readonly', fetch: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@typescript-eslint/no-namespace': 'off',
    },
  },
  {
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'vscode', message: 'The core is host-agnostic: no vscode import.' },
          { name: 'vscode-languageserver', message: 'The core is host-agnostic: use vscode-languageserver-types.' },
          { name: 'vscode-languageserver/node', message: 'The core is host-agnostic: use vscode-languageserver-types.' },
        ],
      }],
    },
  },
  {
    // Pure analysis: no file system or network either; hosts inject what they need.
    files: ['server/src/core/model/**/*.ts', 'server/src/core/events/**/*.ts', 'server/src/core/features/**/*.ts', 'server/src/core/handler/**/*.ts', 'server/src/core/payload/**/*.ts', 'server/src/core/generate/**/*.ts', 'server/src/core/summary/**/*.ts', 'server/src/core/rules/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['vscode', 'vscode-languageserver', 'vscode-languageserver/node', 'fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'http', 'node:http', 'https', 'node:https', 'net', 'node:net', 'child_process', 'node:child_process'].map((name) => ({ name, message: 'Pure core module: no host, file system, network or processes (inject them).' })),
      }],
    },
  },
  {
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/core/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'The server never imports vscode.' }] }] },
  },
  {
    // The client talks to the core only through the protocol and the settings declaration.
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: 'server/src/(?!core/(protocol|settings)(/|$))', message: 'The client may import only core/protocol and core/settings; ask the server for the rest.' }],
      }],
    },
  },
);
