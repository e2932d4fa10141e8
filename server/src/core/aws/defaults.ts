// AWS defaults the CLI's option help names without loading the AWS SDK (clients.ts does).

/** Default of aws.timeoutMs: an endpoint that accepts and never answers must not hang a command. */
export const DEFAULT_AWS_TIMEOUT_MS = 30000;
