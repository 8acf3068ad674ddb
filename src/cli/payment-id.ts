// A paymentId as the operator types it: the whole UUID, or the start of it (the journal and
// status show the first 8 characters), as long as no other payment starts the same way.
import type { Journal } from '../store/journal.js';
import { CommandExit, EXIT, usage } from './exit.js';

/** Exit 2 naming `field` unless `prefix` could start a paymentId; checked before the till opens. */
export function checkPaymentIdPrefix(prefix: string, field: string): void {
  if (!/^[0-9a-fA-F-]{1,36}$/.test(prefix)) throw usage(field, 'must be a paymentId or the start of one (hex digits and dashes; glase-pos status or journal shows it)');
}

/** The one paymentId that starts with `prefix`; none → exit 1, several → exit 2 listing them. */
export function resolvePaymentId(journal: Journal, prefix: string, field: string): string {
  checkPaymentIdPrefix(prefix, field);
  const ids = journal.paymentIdsStartingWith(prefix.toLowerCase(), 6);
  if (ids.length === 0) throw new CommandExit(EXIT.failed, `no journal rows for payment ${prefix}`);
  if (ids.length > 1) {
    const shown = ids.slice(0, 5).join(', ') + (ids.length > 5 ? ', …' : '');
    throw usage(field, `${prefix} is the start of several payments (${shown}); give more characters`);
  }
  return ids[0];
}
