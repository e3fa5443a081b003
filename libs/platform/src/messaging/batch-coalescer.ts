interface Waiting<T> {
  batch: T[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Hands the small batches that arrive together (kafkajs calls the handler of every partition of a
 * fetch at once) to one call, so a fetch of a few messages from six partitions costs one
 * transaction rather than six interleaved ones: under light load that is most of the time from
 * ingress to outbox. A batch of `alone` messages or more goes on its own, as under heavy load the
 * partitions are better handled side by side; a group never grows past `maxGroup` messages. Each
 * caller's promise settles with its group's.
 */
export class BatchCoalescer<T> {
  private waiting: Waiting<T>[] = [];
  private size = 0;

  constructor(
    private readonly alone: number,
    private readonly maxGroup: number,
    private readonly handle: (batches: T[][]) => Promise<void>,
  ) {}

  submit(batch: T[]): Promise<void> {
    if (batch.length >= this.alone) return this.handle([batch]);
    if (this.size + batch.length > this.maxGroup) this.flush();
    return new Promise<void>((resolve, reject) => {
      // The first of a group waits one turn of the event loop for the others of its fetch.
      if (this.waiting.length === 0) setImmediate(() => this.flush());
      this.waiting.push({ batch, resolve, reject });
      this.size += batch.length;
    });
  }

  private flush(): void {
    const group = this.waiting;
    if (group.length === 0) return;
    this.waiting = [];
    this.size = 0;
    this.handle(group.map((w) => w.batch)).then(
      () => group.forEach((w) => w.resolve()),
      (error) => group.forEach((w) => w.reject(error)),
    );
  }
}
