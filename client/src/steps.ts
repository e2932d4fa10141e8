// Pure: step counters for multi-step pickers, "Bind Trigger (2/4): pool", counting only the steps asked.

/**
 * The titles of one multi-step flow. `total` starts with the steps known to be asked; `add` grows it
 * when an answer brings a step (an event version, a KMS key) and `skip` shrinks it when one drops out.
 */
export class Steps {
  private done = 0;
  constructor(
    private readonly command: string,
    private total: number,
  ) {}

  /** The title of the next step; a flow of one step gets no counter. */
  next(what: string): string {
    this.done += 1;
    this.total = Math.max(this.total, this.done);
    return this.total > 1 ? `${this.command} (${this.done}/${this.total}): ${what}` : `${this.command}: ${what}`;
  }

  /** One more step than planned (asked later in this flow). */
  add(n = 1): void {
    this.total += n;
  }

  /** A planned step that will not be asked after all. */
  skip(n = 1): void {
    this.total = Math.max(this.done, this.total - n);
  }
}
