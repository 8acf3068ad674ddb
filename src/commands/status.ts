// `glase-pos status [--json]`: registration, Glase ID, server reachability, unfinished
// payments and an unconfirmed orphan. Read-only: it resumes nothing (that is `recover`).
import { createGlaseClient } from '../glase/client.js';
import { DB_FILE, RECEIPTS_FILE, openStore } from '../store/store.js';
import { storageSizes, type StorageSizes } from '../store/retention.js';
import { freeBytes } from '../store/storage-space.js';
import { orphanOf, paymentsToCheck, settledOutsideAwaitingClose, tillLockHolder, unknownTerminalNote } from '../till/index.js';
import { EXIT, runCommand } from '../cli/exit.js';
import { cliMoney, cliText, cliTime, said, useShopLanguage } from '../cli/language.js';
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
    useShopLanguage(store.settings, config);
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
      const tr = cliText();
      const { t } = tr;
      const line = (label: string, value: string) => console.log(`${t(`cli.status.${label}`).padEnd(14)} ${value}`);
      const money = cliMoney;
      line('registration', creds ? t('cli.status.registered', { terminalId: creds.terminalId }) : t('cli.status.notRegistered'));
      line('glaseId', creds?.glaseId ?? '-');
      line('server', `${endpoint} ${t(reachable ? 'cli.status.reachable' : 'cli.status.notReachable')}`);
      line('payments', unfinished.length === 0 ? t('cli.status.noneUnfinished') : unfinished.map((p) => t('cli.status.unfinishedIn', { paymentId: p.paymentId, state: p.state })).join('; '));
      line('orphan', orphan ? t('cli.status.orphan.line', { id: orphan.clientInvoiceId, amount: money(orphan.amount, orphan.currency), at: cliTime(orphan.at) }) : '-');
      line('toCheck', toCheck.length === 0 ? '-' : toCheck.map((p) => t('cli.status.toCheck.line', { id: p.clientInvoiceId, amount: money(p.amount, p.currency), at: cliTime(p.at), why: said(p.why) })).join('; '));
      line('outside', outside.length === 0 ? '-' : t('cli.status.outside.line', { list: outside.map((p) => t('cli.status.outside.item', { id: p.clientInvoiceId, amount: money(p.amount, p.currency), note: p.note })).join('; ') }));
      line('refunds', inDoubt.length === 0 ? t('cli.status.noRefundsInDoubt') : t('cli.status.refundsInDoubt', { count: inDoubt.length }));
      const mbFormat = new Intl.NumberFormat(tr.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false });
      const mb = (b: number) => `${mbFormat.format(b / 1048576)} MB`; // sizes, not money: a float is fine
      line('storage', t('cli.status.storage.line', { db: mb(storage.dbBytes + storage.walBytes), inside: mb(storage.freePagesBytes), receipts: mb(storage.receiptsBytes) }) + ', ' + (storage.freeBytes === null ? t('cli.status.freeUnknown') : t('cli.status.free', { free: mb(storage.freeBytes) })));
      if (storage.freeBytes !== null && storage.freeBytes < config.retention.lowFreeMB * 1048576) console.log(`${''.padEnd(14)} ${t('cli.status.lowFree', { mb: config.retention.lowFreeMB })}`);
      line('backoffice', link ? t('cli.status.backoffice.line', { url: link.url, tillId: link.tillId, count: backlog!.pending }) + (backlog!.oldestPendingAt ? t('cli.status.oldest', { at: cliTime(backlog!.oldestPendingAt) }) : '') + (backlog!.parked ? t('cli.status.parked', { count: backlog!.parked }) : '') : '-');
      line('tillProcess', holder ? t('cli.status.tillProcess.line', { pid: holder }) : '-');
      const rel = status.release;
      line('release', (rel.onTrial ? t('cli.status.onTrial', { version: rel.version, trial: rel.onTrial }) : rel.version) + (rel.lastRollback ? t('cli.status.lastRollback', { what: rel.lastRollback }) : ''));
      console.log(ready ? t('cli.status.ready') : `${t('cli.status.notReady')}\n${problems.map((p) => `  - ${said(p)}`).join('\n')}`);
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
