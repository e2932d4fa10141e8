// Scaffolding: new trigger handlers with sample events and a node:test test.
export { handlerTemplate, testTemplate, type TemplateOptions, type TestTemplateOptions } from './templates';
export { planScaffold, writeScaffold, type PlannedFile, type ScaffoldOptions } from './plan';
