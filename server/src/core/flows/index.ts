// Whole Cognito flows run locally through the workspace's handlers (host-agnostic: CLI, server, client).
export { runFlow, type RunFlowOptions } from './engine';
export { resolvePool, parseTriggerFlag, slotOf, PoolConfigError, type PoolConfig, type BoundHandler, type Slot } from './pool';
export type { FlowRequest } from './request';
export { UserStore, UserStoreError, type StoredUser } from './users';
export { formatFlowText } from './report';
export { FLOW_NAMES, type FlowName, type FlowResult, type FlowStep, type FlowMessage, type ChallengePrompt, type AppError } from './types';
export { SOURCES } from './sources';
