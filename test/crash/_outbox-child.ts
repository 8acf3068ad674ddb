// A child process for the outbox crash tests. argv: <mode> <dataDir>
//   ship:   ships the till's outbox until it is empty (batches of 100); with
//           KILL_AFTER_RESPONSE=1 it SIGKILLs itself after the back office's 200, before the ack commits
//   record: records payment posts through the store (post + outbox row in one transaction) until killed
import { openStore } from '../../src/store/store.js';
import { Shipper } from '../../src/shipper/shipper.js';

const [mode, dataDir] = process.argv.slice(2);
const store = openStore(dataDir);

if (mode === 'ship') {
  const killing: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    const text = await res.text();
    if (process.env.KILL_AFTER_RESPONSE === '1') process.kill(process.pid, 'SIGKILL');
    return new Response(text, { status: res.status, headers: res.headers });
  };
  const shipper = new Shipper({ store, batch: 100, fetch: killing, baseMs: 1, capMs: 1 });
  for (let i = 0; i < 100; i++) {
    const out = await shipper.shipOnce();
    process.stdout.write(JSON.stringify(out) + '\n');
    if (out.kind === 'idle' || out.kind === 'stopped' || out.kind === 'retry') break;
  }
  store.close();
} else if (mode === 'record') {
  let n = Number(process.env.START ?? 1);
  for (;;) {
    const ers = `2025031110${String(n).padStart(15, '0')}`;
    store.transaction(() => {
      store.posts.insert(`p${n}`, { ersReference: ers, amount: 100 + (n % 7), currency: 'SEK', description: 'Glase payment', timestamp: new Date().toISOString(), clientInvoiceId: `c${n}`, invoiceReference: String(n) });
      store.journal.append({ at: new Date().toISOString(), paymentId: `p${n}`, state: 'recorded', ersReference: ers });
    });
    if (n === Number(process.env.START ?? 1)) process.stdout.write('recording\n');
    n++;
  }
}
