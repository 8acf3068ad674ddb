// A lifeline from the process that started the daemon (`npm start`'s scripts/start.mjs): the
// read end of a pipe whose write end only that parent holds. When the parent dies, however
// it dies (SIGKILL included), the kernel closes its end and the read here ends: the daemon
// then stops as for SIGTERM, so it never outlives the parent that owns it.
import { Socket } from 'node:net';

/** Watches fd `fdText` (from GLASE_POS_LIFELINE_FD) and calls onGone once it ends; returns a stop function. */
export function watchLifeline(fdText: string | undefined, onGone: () => void): () => void {
  const fd = Number(fdText);
  if (!fdText || !Number.isInteger(fd) || fd < 3) return () => {};
  let gone = false;
  const end = () => {
    if (gone) return;
    gone = true;
    onGone();
  };
  const pipe = new Socket({ fd, readable: true, writable: false });
  pipe.on('data', () => {}); // nothing is ever written; reading is what sees the end
  pipe.once('end', end);
  pipe.once('close', end);
  pipe.once('error', end);
  pipe.unref(); // the daemon's own servers keep it running, not this
  return () => {
    gone = true;
    pipe.destroy();
  };
}
