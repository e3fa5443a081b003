/** Lets a loop sleep until woken or until a timeout; a wake while it was busy is not lost. */
export class WakeSignal {
  private woken = false;
  private resolve?: () => void;

  wake(): void {
    this.woken = true;
    this.resolve?.();
  }

  async wait(timeoutMs: number): Promise<void> {
    if (!this.woken) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        this.resolve = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    this.resolve = undefined;
    this.woken = false;
  }
}
