// A planning failure the user can fix: the message says what is wrong, the hint what to do.

/** Thrown by the pure planners (custom sender without KMS key, unknown slot, bad id or version). */
export class PlanError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'PlanError';
  }
}
