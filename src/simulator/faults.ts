// Fault injection for client tests: the next `times` calls of an operation answer with a
// given result code, are delayed, or have their connection dropped with no response.

export interface Fault {
  operation: string;
  resultCode?: number;
  delayMs?: number;
  drop?: boolean;
  times: number;
}

export class Faults {
  private readonly queue: Fault[] = [];

  add(f: Fault): void {
    this.queue.push({ ...f });
  }

  /** Takes one use of the first fault armed for this operation (or "*"), if any. */
  take(operation: string): Omit<Fault, 'times'> | undefined {
    const i = this.queue.findIndex((f) => f.operation === operation || f.operation === '*');
    if (i < 0) return undefined;
    const f = this.queue[i];
    if (--f.times <= 0) this.queue.splice(i, 1);
    const { times: _t, ...rest } = f;
    return rest;
  }

  list(): Fault[] {
    return this.queue.map((f) => ({ ...f }));
  }

  clear(): void {
    this.queue.length = 0;
  }
}
