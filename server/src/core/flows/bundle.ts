// The flow engine and the custom sender crypto as one bundle (dist/flows.js) that the language server loads
// on first use: the AWS Encryption SDK, the KMS client and jose are a third of the server's code otherwise.
export * from './index';
export { invokeWithSenderCrypto, isSenderEvent } from './kms/invoke';
export { startSenderCrypto } from './kms';
export { poolOfFolder } from './setup';
export { invocationNode, stepTitle, timelineOf } from './timeline';
export { EndpointPortError, startLambdaEndpoint } from './lambdaEndpoint';
export { servedFunctions } from './served';
