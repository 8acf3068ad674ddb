// The daemon's SSE stream (GET /api/events) as the kiosk screen holds it: the latest payment
// view per paymentId, and waiting for a view that matches.
export interface View {
  paymentId: string;
  state: string;
  final: boolean;
  outcome: string;
  message: string;
  ersReference: string;
}

export class EventStream {
  private readonly latest = new Map<string, View>();
  private readonly waiters = new Set<() => void>();
  private constructor(private readonly abort: AbortController) {}

  static async open(url: string): Promise<EventStream> {
    const abort = new AbortController();
    const res = await fetch(url, { signal: abort.signal });
    if (!res.ok || !res.body) throw new Error(`GET ${url}: ${res.status}`);
    const s = new EventStream(abort);
    void s.read(res.body);
    return s;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const dec = new TextDecoder();
    let buf = '';
    try {
      for await (const chunk of body) {
        buf += dec.decode(chunk, { stream: true });
        let end;
        while ((end = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, end);
          buf = buf.slice(end + 2);
          const event = /^event: (.*)$/m.exec(frame)?.[1];
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (event === 'payment' && data) {
            const v = JSON.parse(data) as View;
            this.latest.set(v.paymentId, v);
            for (const w of [...this.waiters]) w();
          }
        }
      }
    } catch {
      /* closed */
    }
  }

  waitFor(id: string, pred: (v: View) => boolean, timeoutMs = 60_000): Promise<View> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const v = this.latest.get(id);
        if (v && pred(v)) {
          this.waiters.delete(check);
          clearTimeout(t);
          resolve(v);
        }
      };
      const t = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`payment ${id}: no matching state within ${timeoutMs} ms (last ${JSON.stringify(this.latest.get(id))})`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  forget(id: string): void {
    this.latest.delete(id);
  }

  close(): void {
    this.abort.abort();
  }
}
