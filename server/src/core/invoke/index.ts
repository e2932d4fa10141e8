// Local invoke: run trigger handlers on this machine in a runner process and explain the answer.
export { invokeLocal, type InvokeLocalOptions } from './invoke';
export { LocalInvoker, type LocalRunRequest, type LocalRunResult } from './local';
export { WarmPool } from './warmPool';
export { parseEventText, readEventFile } from './event';
export { prepareModule, isTypeScript } from './prepare';
export { formatResultText, topFrames } from './report';
