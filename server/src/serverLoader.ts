#!/usr/bin/env node
// dist/server.js: starts the language server bundle (dist/serverMain.js, from server.ts) through V8's code cache.
import * as path from 'node:path';
import { runWithCodeCache } from './codeCache';

runWithCodeCache(path.join(__dirname, 'serverMain.js'), module);
