// Python handler and test templates, as pure functions: the scaffold writes them, the snippets are them.
import { getTrigger } from '../../model/registry';
import { POWERTOOLS_DATA_CLASS_SOURCE, PYTHON_RECIPES, type PythonRecipe } from './recipes';

/** Python's conventional Lambda handler name. */
export const PYTHON_HANDLER = 'lambda_handler';

function recipeOf(triggerId: string): PythonRecipe {
  const r = (PYTHON_RECIPES as Record<string, PythonRecipe | undefined>)[triggerId];
  if (!r) throw new Error(`No Python template for trigger ${triggerId}.`);
  return r;
}

/** True when Powertools for Python has a data class for the trigger (see recipes.ts for the source). */
export function hasPowertoolsVariant(triggerId: string): boolean {
  return !!(PYTHON_RECIPES as Record<string, PythonRecipe | undefined>)[triggerId]?.powertools;
}

/** `PreSignUp` → `pre_sign_up`, `CustomSMSSender` → `custom_sms_sender`, `PreTokenGenerationV2` → `pre_token_generation_v2`. */
export function snakeCase(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z])(\d)/g, '$1_$2')
    .toLowerCase();
}

const indent = (lines: readonly string[], by = '    '): string[] => lines.map((l) => (l ? `${by}${l}` : l));

/** The handler module: idiomatic and type-hinted; with `powertools`, written against the data class. */
export function pythonHandlerTemplate(triggerId: string, powertools = false): string {
  const r = recipeOf(triggerId);
  const t = getTrigger(triggerId);
  if (powertools && !r.powertools) throw new Error(`Powertools for AWS Lambda (Python) has no data class for ${t?.displayName ?? triggerId}: use the plain Python template.`);
  const lines: string[] = r.summary.map((l) => `# ${l}`);
  if (t) lines.push(`# ${t.displayName}: ${t.docs}`);
  for (const s of r.sources ?? []) if (s !== t?.docs) lines.push(`# Source: ${s}`);
  if (powertools) lines.push(`# Powertools data class: ${POWERTOOLS_DATA_CLASS_SOURCE}`);
  const pt = powertools ? r.powertools : undefined;
  const stdlib = [...(r.imports ?? [])].sort((a, b) => a.replace(/^from /, '').localeCompare(b.replace(/^from /, '')));
  lines.push('', ...stdlib.filter((l) => l.startsWith('import ')), ...stdlib.filter((l) => l.startsWith('from ')), 'from typing import Any');
  if (pt) {
    lines.push(
      '',
      'from aws_lambda_powertools.utilities.data_classes import event_source',
      `from aws_lambda_powertools.utilities.data_classes.cognito_user_pool_event import ${pt.dataClass}`,
      'from aws_lambda_powertools.utilities.typing import LambdaContext',
    );
  }
  if (r.prelude?.length) lines.push('', '', ...r.prelude);
  const returns = r.returnsNone ? 'None' : 'dict[str, Any]';
  lines.push('', '');
  if (pt) lines.push(`@event_source(data_class=${pt.dataClass})`, `def ${PYTHON_HANDLER}(event: ${pt.dataClass}, context: LambdaContext) -> ${returns}:`, ...indent(pt.body));
  else lines.push(`def ${PYTHON_HANDLER}(event: dict[str, Any], context: Any) -> ${returns}:`, ...indent(r.body));
  return `${lines.join('\n')}\n`;
}

/** Options of `pythonTestTemplate`. */
export interface PythonTestOptions {
  /** The handler's module name (`pre_sign_up`). */
  module: string;
  /** The handler's folder relative to the test's folder (`../src`). */
  handlerDir: string;
  /** Event files relative to the test's folder (`../events/PreSignUp/PreSignUp_SignUp.json`). */
  events: readonly string[];
  powertools?: boolean;
}

/**
 * A test that calls the handler with each sample event and checks the answer. A unittest TestCase:
 * `python3 -m pytest` collects it, and it runs with the standard library alone (`python3 -m unittest`).
 */
export function pythonTestTemplate(triggerId: string, o: PythonTestOptions): string {
  const r = recipeOf(triggerId);
  const t = getTrigger(triggerId);
  const setup = r.testSetup ?? [];
  const code = [...setup, ...r.testAssert].join('\n');
  const stdlib = new Set(['import copy', ...(o.powertools ? ['import importlib.util'] : []), 'import json', ...(/\bre\./.test(code) ? ['import re'] : []), 'import sys', 'import unittest', ...(r.testImports ?? [])]);
  const imports = [...[...stdlib].sort((a, b) => a.localeCompare(b)), 'from pathlib import Path', 'from types import SimpleNamespace', 'from typing import Any'];
  const lines: string[] = [
    `# Calls ${PYTHON_HANDLER} with the sample events, as Lambda would. Run: python3 -m pytest (or python3 -m unittest discover -s tests).`,
    "# Or with Cognito's rules applied: cognito-triggers invoke <handler.py> --event <file>, or ▶ Invoke locally in VS Code.",
    ...imports,
    '',
    'HERE = Path(__file__).resolve().parent',
    "# The handler's folder is the code root that Lambda puts on sys.path.",
    `sys.path.insert(0, str((HERE / ${JSON.stringify(o.handlerDir)}).resolve()))`,
  ];
  if (o.powertools) {
    lines.push(
      'POWERTOOLS = importlib.util.find_spec("aws_lambda_powertools") is not None',
      'if POWERTOOLS:',
      `    import ${o.module} as handler`,
    );
  } else lines.push('', `import ${o.module} as handler  # noqa: E402`);
  lines.push(
    '',
    `EVENTS = ${o.events.length ? `[\n${o.events.map((e) => `    ${JSON.stringify(e)},`).join('\n')}\n]` : '[]'}`,
    '',
    '# A Lambda-like context: enough for handlers that read it.',
    `CONTEXT: Any = SimpleNamespace(function_name="test-${o.module}", aws_request_id="test-request", memory_limit_in_mb="128", get_remaining_time_in_millis=lambda: 5000)`,
  );
  if (setup.length) lines.push(...(o.powertools ? ['if POWERTOOLS:', ...indent(setup)] : setup));
  const className = `Test${(t?.id ?? triggerId).replace(/[^A-Za-z0-9]/g, '')}Handler`;
  lines.push('', '');
  if (o.powertools) lines.push('@unittest.skipUnless(POWERTOOLS, "aws-lambda-powertools is not installed for this interpreter: pip install aws-lambda-powertools")');
  lines.push(
    `class ${className}(unittest.TestCase):`,
    '    def test_answers_every_sample_event(self) -> None:',
    '        for name in EVENTS:',
    '            with self.subTest(event=name):',
    '                event = json.loads((HERE / name).read_text(encoding="utf-8"))',
    ...indent(r.testPrepare ?? [], '                '),
    ...(r.testCallWithin
      ? [`                ${r.testCallWithin}`, `                    result = handler.${PYTHON_HANDLER}(copy.deepcopy(event), CONTEXT)`]
      : [`                result = handler.${PYTHON_HANDLER}(copy.deepcopy(event), CONTEXT)`]),
    ...indent(r.testAssert, '                '),
    '',
    '',
    'if __name__ == "__main__":',
    '    unittest.main()',
  );
  return `${lines.join('\n')}\n`;
}
