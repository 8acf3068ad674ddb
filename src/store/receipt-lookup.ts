// Finding a receipt, in one place: the refund lookup (API, scanner), the reprint (API, CLI)
// and the receipt pictures all ask here. The transaction post is the truth; a print job's copy
// of the post answers for a payment whose post is older than the posts table.
import type { PrintJob } from './print-queue.js';
import type { Store } from './store.js';
import { isZPost, type StoredPost } from './transaction-post.js';

export interface ReceiptFound {
  post: StoredPost;
  /** the print jobs of this reference, without their copy of the post */
  jobs: Array<Omit<PrintJob, 'post'>>;
}

export function findReceipt(store: Pick<Store, 'posts' | 'printQueue'>, ersReference: string): ReceiptFound | undefined {
  const jobs = store.printQueue.byErsReference(ersReference);
  const queued = jobs[0]?.post;
  const post = store.posts.byErsReference(ersReference) ?? (queued && !isZPost(queued) ? queued : undefined);
  if (!post) return undefined;
  return { post, jobs: jobs.map(({ post: _p, ...j }) => j) };
}

/**
 * Whether this till has booked the reference: a payment's or a refund's post, or a refund that
 * already holds it. The unknown-refund check and the day close ask this before they book a
 * report row, so a row already booked is never booked again.
 */
export function isBooked(store: Pick<Store, 'posts' | 'refunds'>, ersReference: string): boolean {
  return store.posts.byErsReference(ersReference) !== undefined || store.refunds.byRefundErsReference(ersReference) !== undefined;
}

/** The post to reprint: by reference, or the last receipt queued when none is given. */
export function receiptPost(store: Pick<Store, 'posts' | 'printQueue'>, ersReference?: string): StoredPost | undefined {
  if (ersReference !== undefined) return findReceipt(store, ersReference)?.post;
  const last = store.printQueue.last()?.post;
  return last && !isZPost(last) ? last : undefined;
}
