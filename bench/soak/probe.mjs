// Preloaded into the daemon child by bench/soak (`node --expose-gc --import …/probe.mjs`),
// never by production: answers the bench over the IPC channel with memory after a forced GC,
// and writes heap snapshots on request. Without an IPC channel it does nothing.
import { writeHeapSnapshot } from 'node:v8';

if (process.send && typeof globalThis.gc === 'function') {
  process.on('message', (m) => {
    if (!m || typeof m !== 'object' || !('probe' in m)) return;
    if (m.probe === 'memory') {
      // twice: the first pass runs finalizers that free more on the second
      globalThis.gc();
      globalThis.gc();
      const u = process.memoryUsage();
      process.send({ probe: 'memory', id: m.id, rss: u.rss, heapUsed: u.heapUsed, heapTotal: u.heapTotal, external: u.external, arrayBuffers: u.arrayBuffers });
    } else if (m.probe === 'snapshot') {
      globalThis.gc();
      process.send({ probe: 'snapshot', id: m.id, file: writeHeapSnapshot(m.file) });
    }
  });
  // the channel must not keep the daemon alive after a signal
  process.channel?.unref();
}
