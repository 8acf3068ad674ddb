// The end of the payment's current 30-s window, as the till's clock sees it: the waiting
// screen counts down to it (issue 10 §3) instead of guessing from when it heard of the window.
// The machine's `window` delay starts when it enters live.window; the runner sees that
// snapshot at the same clock time, so endsAt = then + windowMs is the machine's own deadline.
import type { TillClock } from './clock.js';
import type { PaymentView } from './types.js';

export class WindowDeadlines {
  private readonly ends = new Map<string, { windows: number; endsAt: number }>();

  constructor(private readonly clock: TillClock, private readonly windowMs: number) {}

  /** Called with every snapshot of a running payment: a newly entered window starts its deadline. */
  seen(v: PaymentView): void {
    if (!v.state.startsWith('live.window')) return;
    const cur = this.ends.get(v.paymentId);
    if (cur?.windows === v.windows) return;
    this.ends.set(v.paymentId, { windows: v.windows, endsAt: this.clock.now() + this.windowMs });
  }

  /** The view with the window's end and what is left of it, while a window runs. */
  withDeadline(v: PaymentView): PaymentView {
    const cur = this.ends.get(v.paymentId);
    if (!cur || !v.state.startsWith('live.window') || cur.windows !== v.windows) return v;
    return { ...v, windowEndsAt: new Date(cur.endsAt).toISOString(), windowLeftMs: Math.max(0, cur.endsAt - this.clock.now()) };
  }

  forget(paymentId: string): void {
    this.ends.delete(paymentId);
  }
}
