// `glase-pos status [--json]`: registration, Glase ID, server reachability, unfinished
// payments and an unconfirmed orphan. Read-only: it resumes nothing (that is `recover`).
import { createGlaseClient } from '../glase/client.js';
import { DB_FILE, RECEIPTS_FILE, openStore } from '../store/store.js';
import { storageSizes, type StorageSizes } from '../store/retention.js';
import { freeBytes } from '../store/storage-space.js';
import { orphanOf, paymentsToCheck, settledOutsideAwaitingClose, tillLockHolder, unknownTerminalNote } from '../till/index.js';
import { displayAmount } from '../lib/money.js';
import { EXIT, runCommand } from '../cli/exit.js';
import { DEFAULT_CONFIG_FILE, commandConfig, type ConfigSource } from '../cli/config.js';
import { cliLogger } from '../cli/log.js';
import { glaseClientOptions } from '../glase/options.js';
import { glaseEndpoint, noServerMessage } from '../cli/glase.js';
import { parseCommand } from '../cli/args.js';
import { releaseInfo } from '../update/release-info.js';

const HELP = `usage: glase-pos status [--json] [--config FILE]

  --json          one JSON object for scripts
  --config FILE   config file (default: $GLASE_POS_CONFIG, else ${DEFAULT_CONFIG_FILE} if it exists)

Exit code 0 when the till is ready for Glase payments, 1 otherwise.`;

export function run(argv: string[], src?: ConfigSource): Promise<number> {
  return runCommand('status', async () => {
    const { values } = parseCommand(argv, { json: { type: 'boolean' }, config: { type: 'string' } }, HELP);
    const config = commandConfig(values.config, src);
    const store = openStore(config.dataDir);
    let creds, unfinished, orphan, unknownAtGlase, inDoubt, toCheck, outside, link, backlog;
    let storage: StorageSizes & { freeBytes: number | null };
    try {
      storage = { ...storageSizes(store.db, config.dataDir, DB_FILE, RECEIPTS_FILE), freeBytes: safeFree(config.dataDir) };
      creds = store.credentials.get();
      unknownAtGlase = unknownTerminalNote(store);
      unfinished = store.payments.unfinished().map((p) => ({ paymentId: p.paymentId, state: p.state, since: p.createdAt, updatedAt: p.updatedAt }));
      orphan = orphanOf(store);
      toCheck = paymentsToCheck(store);
      outside = settledOutsideAwaitingClose(store);
      // posts not yet at the back office (issue 14): pending, and parked (refused there, kept)
      link = store.backoffice.get();
      backlog = store.outbox.backlog();
      // refunds not yet settled: in doubt (reply lost) or left mid-way by a crash
      inDoubt = store.refunds.unfinished().map((r) => ({ refundId: r.refundId, state: r.state, originalErsReference: r.originalErsReference, amount: r.amount, currency: r.currency, since: r.createdAt }));
    } finally {
      store.close();
    }
    const endpoint = glaseEndpoint(config);
    const glase = await createGlaseClient(glaseClientOptions(config.glase, { endpoint, log: cliLogger(config), timeoutMs: Math.min(config.glase.timeoutMs, 5000) }));
    let reachable: boolean;
    try {
      await glase.benchmarkingNop();
      reachable = true; // any answer, even a business error, means the server is there
    } catch {
      reachable = false;
    } finally {
      await glase.close();
    }
    const problems: string[] = [];
    if (!creds) problems.push('not registered: run `glase-pos register --reseller ID --user ID`');
    else if (unknownAtGlase) problems.push(`Glase no longer knows this till (it answered 29 to ${unknownAtGlase.op} at ${unknownAtGlase.at}): run \`glase-pos forget-registration\`, then register again`);
    else if (!creds.glaseId) problems.push('no Glase ID: run `glase-pos assign-id <GLASEID>`');
    if (!reachable) problems.push(noServerMessage(config));
    if (unfinished.length > 0) problems.push('an unfinished payment: run `glase-pos recover --wait` (or start the daemon) to resume it');
    if (orphan) problems.push('a payment whose invoice reply was lost needs a cashier\'s check: run `glase-pos confirm-orphan` after checking with the customer');
    const ready = problems.length === 0;
    const holder = tillLockHolder(config.dataDir);
    const status = {
      ready,
      registered: !!creds,
      terminalId: creds?.terminalId ?? null,
      glaseId: creds?.glaseId ?? null,
      unknownAtGlase: unknownAtGlase ? { op: unknownAtGlase.op, at: unknownAtGlase.at } : null,
      server: { url: endpoint, reachable },
      unfinishedPayments: unfinished,
      orphan: orphan ?? null,
      refundsInDoubt: inDoubt,
      needsChecking: toCheck,
      settledOutside: outside,
      tillProcess: holder ?? null,
      backoffice: link ? { url: link.url, tillId: link.tillId, pending: backlog!.pending, parked: backlog!.parked, oldestPendingAt: backlog!.oldestPendingAt ?? null } : null,
      release: releaseInfo(),
      storage,
      problems,
    };
    if (values.json) {
      console.log(JSON.stringify(status));
    } else {
      console.log(`registration   ${creds ? `registered, terminalId ${creds.terminalId}` : 'not registered'}`);
      console.log(`Glase ID       ${creds?.glaseId ?? '-'}`);
      console.log(`Glase server   ${endpoint} ${reachable ? 'reachable' : 'NOT reachable'}`);
      console.log(`payments       ${unfinished.length === 0 ? 'none unfinished' : unfinished.map((p) => `${p.paymentId} unfinished in ${p.state}`).join('; ')}`);
      console.log(`orphan         ${orphan ? `${orphan.clientInvoiceId} (${displayAmount(orphan.amount, orphan.currency)}, ${orphan.at}) not confirmed` : '-'}`);
      console.log(`to check       ${toCheck.length === 0 ? '-' : toCheck.map((p) => `${p.clientInvoiceId} (${displayAmount(p.amount, p.currency)}, paid ${p.at}): ${p.why}`).join('; ')}`);
      console.log(`outside till   ${outside.length === 0 ? '-' : `${outside.map((p) => `${p.clientInvoiceId} (${displayAmount(p.amount, p.currency)}): ${p.note}`).join('; ')}; the next day close reconciles them`}`);
      console.log(`refunds        ${inDoubt.length === 0 ? 'none in doubt' : `${inDoubt.length} in doubt or unfinished: run \`glase-pos refund --check-unknown\``}`);
      const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;
      console.log(`storage        database ${mb(storage.dbBytes + storage.walBytes)} (${mb(storage.freePagesBytes)} free inside), receipts.jsonl ${mb(storage.receiptsBytes)}, ${storage.freeBytes === null ? 'free space unknown' : `${mb(storage.freeBytes)} free on the disk`}`);
      if (storage.freeBytes !== null && storage.freeBytes < config.retention.lowFreeMB * 1048576) console.log(`               free space is below retention.lowFreeMB (${config.retention.lowFreeMB} MB): see to it before the disk is full`);
      console.log(`back office    ${link ? `${link.url} (till ${link.tillId}): ${backlog!.pending} post(s) to ship${backlog!.oldestPendingAt ? `, oldest ${backlog!.oldestPendingAt}` : ''}${backlog!.parked ? `; ${backlog!.parked} parked (refused there, kept)` : ''}` : '-'}`);
      console.log(`till process   ${holder ? `pid ${holder} is running a till on this data directory` : '-'}`);
      const rel = status.release;
      console.log(`release        ${rel.version}${rel.onTrial ? ` (${rel.onTrial} on trial)` : ''}${rel.lastRollback ? `; last rollback: ${rel.lastRollback}` : ''}`);
      console.log(ready ? 'ready for Glase payments' : `NOT ready:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    }
    return ready ? EXIT.ok : EXIT.failed;
  });
}

function safeFree(dir: string): number | null {
  try {
    return freeBytes(dir);
  } catch {
    return null;
  }
}
