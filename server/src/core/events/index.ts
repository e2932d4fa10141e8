// Event analysis, pure: recognise which trigger an event is for, check it, build and convert samples.
export { checkEvent } from './check';
export { ALL_ISSUE_CODES, ISSUE_CODES, showPath, type EventIssue, type IssueCode, type IssueSeverity } from './issues';
export { recognizeEvent, type EventRecognition, type RecognitionHint } from './recognize';
export { sampleEvent, type SampleOptions } from './sample';
export { convertEvent, type ConvertTarget } from './convert';
