// The Python front end and the Terraform reader share web-tree-sitter's runtime: loaded at the same time
// (a server starts the Python parser in the background while it reads a repository's .tf wiring), both
// must work, and keep working after each other's use.
import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import { loadPython, parsePython, pythonLoadError } from '../../server/src/core/handler/python/parser';
import { hclParser, parseHcl } from '../../server/src/core/wiring/hcl';

it('Python and HCL grammars loaded concurrently both parse (one runtime init, not two)', async () => {
  const [, hcl] = await Promise.all([loadPython(), hclParser()]);
  assert.equal(pythonLoadError(), undefined);
  assert.ok(hcl, 'the HCL parser loaded (a second Parser.init broke it: "memory access out of bounds")');
  const tf = 'resource "aws_lambda_function" "pre_sign_up" {\n  handler = "index.handler"\n}\n';
  assert.deepEqual(parseHcl(hcl, tf, 'main.tf', '.').blocks.map((b) => [b.type, ...b.labels]), [['resource', 'aws_lambda_function', 'pre_sign_up']]);
  const tree = parsePython('def lambda_handler(event, context):\n    return event\n');
  assert.match(tree?.rootNode.toString() ?? '', /^\(module \(function_definition name: \(identifier\)/);
  assert.equal(parseHcl(hcl, tf, 'main.tf', '.').blocks.length, 1, 'HCL still parses after Python did');
});
