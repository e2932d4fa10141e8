// The Python front end reads a plain JavaScript copy of tree-sitter's tree (python/tree.ts copyTree):
// node for node it must say what web-tree-sitter's own Node API says, on valid and half-typed code.
import * as assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { Node as TsNode } from 'web-tree-sitter';
import { loadPython, parsePython } from '../../server/src/core/handler/python/parser';
import { copyTree, type Node } from '../../server/src/core/handler/python/tree';

before(() => loadPython());

const SOURCES = [
  'def lambda_handler(event, context):\n    return event\n',
  '# @cognito-trigger PreSignUp\nimport re\n\n@event_source(data_class=PreSignUpTriggerEvent)\nasync def handler(event: PreSignUpTriggerEvent, context) -> dict:\n    """Doc."""\n    attrs = event["request"].get("userAttributes", {})  # comment\n    if event["triggerSource"] == "PreSignUp_SignUp" and not attrs:\n        raise ValueError(f"bad {attrs[\'email\']!r}")\n    elif x is not None or -1 < y <= 2:\n        pass\n    match event["triggerSource"]:\n        case "A" | "B":\n            event["response"]["autoConfirmUser"] = True\n        case _:\n            del event["x"]\n    return {**event, "k": [1, 2.5, None]}\n',
  // Half-typed: ERROR and MISSING nodes.
  'def lambda_handler(event, context):\n    x = event["request"]["\n    if event[\n    return event\n',
  'def f(:\n    return (1,\n',
];

/** Compares one copied node with the real one, then their children (named and anonymous) with their fields. */
function same(copy: Node, real: TsNode, where: string): void {
  assert.equal(copy.type, real.type, `${where}: type`);
  assert.equal(copy.startIndex, real.startIndex, `${where} ${real.type}: start`);
  assert.equal(copy.endIndex, real.endIndex, `${where} ${real.type}: end`);
  assert.equal(copy.isNamed, real.isNamed, `${where} ${real.type}: named`);
  assert.equal(copy.isMissing, real.isMissing, `${where} ${real.type}: missing`);
  assert.equal(copy.isError, real.isError, `${where} ${real.type}: error`);
  assert.equal(copy.hasError, real.hasError, `${where} ${real.type}: hasError`);
  assert.equal(copy.text, real.text, `${where} ${real.type}: text`);
  assert.equal(copy.children.length, real.childCount, `${where} ${real.type}: child count`);
  assert.equal(copy.namedChildren.length, real.namedChildCount, `${where} ${real.type}: named child count`);
  for (let i = 0; i < real.childCount; i++) {
    const r = real.child(i) as TsNode;
    const c = copy.children[i] as Node;
    assert.equal(copy.fields[i] ?? null, real.fieldNameForChild(i), `${where} ${real.type}: field of child ${i}`);
    assert.equal(c.parent, copy);
    assert.equal(c.previousSibling?.type ?? null, r.previousSibling?.type ?? null, `${where} ${real.type}: previous sibling of child ${i}`);
    same(c, r, `${where}/${i}`);
  }
  for (const f of ['name', 'body', 'left', 'right', 'value', 'function', 'arguments', 'condition', 'consequence', 'operator']) {
    assert.equal(copy.childForFieldName(f)?.startIndex ?? null, real.childForFieldName(f)?.startIndex ?? null, `${where} ${real.type}: field ${f}`);
    assert.deepEqual(copy.childrenForFieldName(f).map((c) => c.startIndex), real.childrenForFieldName(f).map((c) => c?.startIndex), `${where} ${real.type}: fields ${f}`);
  }
}

it('the copied tree matches web-tree-sitter node for node (types, ranges, fields, errors, missing nodes), and lists the comments', () => {
  for (const src of SOURCES) {
    const tree = parsePython(src);
    assert.ok(tree);
    const { root, comments } = copyTree(tree, src);
    same(root, tree.rootNode, 'root');
    assert.deepEqual(comments.map((c) => c.text), tree.rootNode.descendantsOfType('comment').map((c) => c?.text));
    tree.delete();
  }
  // The half-typed sources really exercise error recovery.
  const broken = parsePython(SOURCES[2] as string);
  assert.ok(broken?.rootNode.hasError);
  broken?.delete();
});
