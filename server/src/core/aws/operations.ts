// The AWS operations the language server calls, gathered so the server can load them (and the AWS
// SDK behind them) on first use: the SDK is most of the server bundle and no editing feature needs it.
export { applyBind, finishBind, planBind, rollbackBind } from './bindService';
export { collectBindings } from './bindingsView';
export { PoolCatalog } from './poolCatalog';
export { createAwsClients, resolvedRegion } from './clients';
export { listFunctions, listIdentityPools, listUserPools } from './listing';
export { COMMON_REGIONS, listProfiles, regionName } from './profiles';
export { invokeRemote } from './remoteInvoke';
export { describeUserPool } from './userPoolBinding';
export { doctorIdentityPool, doctorUserPool } from './doctor';
export { diskFolder } from './doctor/diskFolder';
export { applyAwsFix, planAwsFix } from './doctor/awsFix';
export { describeUserPoolClient, flowAppClient, listUserPoolClients } from './userPoolClients';
