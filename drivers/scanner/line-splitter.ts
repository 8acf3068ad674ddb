// Serial scanner bytes → payloads, split on the configured terminator. Our own (not serialport's
// DelimiterParser) because a noisy line without terminators must not grow memory without bound.
export type Terminator = 'CR' | 'LF' | 'CRLF' | 'TAB';
export const TERMINATOR_TEXT: Record<Terminator, string> = { CR: '\r', LF: '\n', CRLF: '\r\n', TAB: '\t' };

export class LineSplitter {
  #buf = '';
  readonly #term: string;
  constructor(
    terminator: Terminator,
    readonly maxLength = 256,
  ) {
    this.#term = TERMINATOR_TEXT[terminator];
  }

  /** Bytes are read as latin1 so every byte is one character: non-ASCII shows up (as junk), nothing is lost. */
  push(chunk: Buffer | string): string[] {
    this.#buf += typeof chunk === 'string' ? chunk : chunk.toString('latin1');
    const out: string[] = [];
    let i: number;
    while ((i = this.#buf.indexOf(this.#term)) >= 0) {
      out.push(tidy(this.#buf.slice(0, i)).slice(0, this.maxLength));
      this.#buf = this.#buf.slice(i + this.#term.length);
    }
    // Keep at most maxLength (+ room for a split terminator) of an unterminated line.
    const keep = this.maxLength + this.#term.length;
    if (this.#buf.length > keep) {
      const tail = this.#term.length > 1 ? this.#buf.slice(-(this.#term.length - 1)) : '';
      this.#buf = this.#buf.slice(0, this.maxLength) + tail;
    }
    return out.filter((p) => p.length > 0);
  }

  reset(): void {
    this.#buf = '';
  }
}

/** A scanner set to CRLF on a till set to CR (or the reverse) leaves a stray CR/LF at an edge. */
function tidy(s: string): string {
  return s.replace(/^[\r\n]+|[\r\n]+$/g, '');
}
