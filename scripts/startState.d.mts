// Types of scripts/startState.mjs for the TypeScript tests.
export function mergeSettingsFile(file: string, wanted: Record<string, unknown>): { added: string[] } | { error: string };
export function portIsFree(port: number): Promise<boolean>;
export function rememberedPort(file: string, freePort: () => Promise<number>): Promise<{ port: number; changed?: number }>;
