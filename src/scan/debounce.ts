// A scanner in continuous mode (or a nervous cashier) reads the same code again and again.
// An identical payload within windowMs of the previous read of it is ignored; the window slides
// with each repeat, so a sticker held under the scanner counts once however long it is held.
export class ScanDebouncer {
  #last: { payload: string; at: number } | undefined;
  constructor(readonly windowMs: number) {}

  /** true: act on this scan; false: a repeat to ignore. */
  accept(payload: string, at: number): boolean {
    const last = this.#last;
    this.#last = { payload, at };
    return !(last && last.payload === payload && at - last.at >= 0 && at - last.at < this.windowMs);
  }

  reset(): void {
    this.#last = undefined;
  }
}
