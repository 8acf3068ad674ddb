// `glase-pos backoffice [--port N] [--data DIR | --database-url URL]`: runs the shop's back
// office (issue 14); `backoffice add-user` and `backoffice set-reseller` manage it. Passwords
// come from a no-echo prompt, or the first line of stdin when it is not a terminal; never argv.
import { resolve } from 'node:path';
import { CommandExit, EXIT, runCommand, usage } from '../cli/exit.js';
import { DEFAULT_CONFIG_FILE, commandConfig, type ConfigSource } from '../cli/config.js';
import { parseCommand } from '../cli/args.js';
import { glaseEndpoint } from '../cli/glase.js';
import { createLogger } from '../lib/log.js';
import { isTty, readFirstLine, readSecret } from '../cli/tty.js';
import { resellerPassword } from '../cli/reseller-password.js';
import type { Config } from '../config.js';
import { createGlaseClient } from '../glase/client.js';
import { openBackoffice, type StorageOptions } from '../backoffice/open.js';
import { startBackofficeServer } from '../backoffice/server.js';
import { addUser, countUsers, passwordRule, ROLES, USERNAME, type Role } from '../backoffice/users.js';
import { setReseller } from '../backoffice/reseller.js';
import { RESELLER_ID_PATTERN, RESELLER_ID_RULE } from '../lib/reseller-id.js';
import type { FaultPoint } from '../backoffice/ingest.js';

const STORAGE = `  --data DIR          the embedded database's folder (default: backoffice.dataDir, ./data/backoffice)
  --database-url URL  a PostgreSQL server instead (postgres://…; default: backoffice.databaseUrl)
  --key-file FILE     the 32-byte key sealing the reseller password (default: backoffice.keyFile,
                      else the systemd credential backoffice-key, else <data>/backoffice.key)
  --config FILE       config file (default: $GLASE_POS_CONFIG, else ${DEFAULT_CONFIG_FILE} if it exists)`;

const HELP = `usage: glase-pos backoffice [--port N] [--host H] [--data DIR | --database-url URL] [--glase-url URL]
       glase-pos backoffice add-user --user NAME --role owner|accountant
       glase-pos backoffice set-reseller --reseller ID --user ID

Runs the shop's back office: enrols tills, receives their posts, exports, reconciles.
  --port N            listen port (default: backoffice.port, 8070); --host H (default 127.0.0.1)
  --glase-url URL     the Glase SOAP endpoint (default: glase.url; "embedded" = the simulator on simulator.port)
${STORAGE}

add-user: asks for the new user's password (no echo; or the first line of stdin).
set-reseller: asks for the reseller password the same way; it is stored sealed, never shown.`;

const STORAGE_OPTS = { data: { type: 'string' }, 'database-url': { type: 'string' }, 'key-file': { type: 'string' }, config: { type: 'string' } } as const;

function storage(values: { data?: string; 'database-url'?: string; 'key-file'?: string }, config: Config): StorageOptions {
  if (values.data !== undefined && values['database-url'] !== undefined) throw usage('--data', 'give either --data or --database-url, not both');
  const databaseUrl = values['database-url'] ?? (values.data === undefined ? config.backoffice.databaseUrl : undefined);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw usage('--database-url', 'must start with postgres:// or postgresql://');
  return { databaseUrl, dataDir: databaseUrl ? undefined : resolve(values.data ?? config.backoffice.dataDir), keyFile: values['key-file'] ?? config.backoffice.keyFile };
}

async function secret(prompt: string, nothingDone: string): Promise<string> {
  const pw = isTty() ? await readSecret(prompt) : await readFirstLine();
  if (pw === undefined) throw new CommandExit(EXIT.failed, `no password given; ${nothingDone}`);
  return pw;
}

export function run(argv: string[], src?: ConfigSource): Promise<number> {
  const [sub] = argv;
  if (sub === 'add-user') return addUserCmd(argv.slice(1), src);
  if (sub === 'set-reseller') return setResellerCmd(argv.slice(1), src);
  return serve(argv, src);
}

function serve(argv: string[], src?: ConfigSource): Promise<number> {
  return runCommand('backoffice', async () => {
    const { values } = parseCommand(argv, { ...STORAGE_OPTS, port: { type: 'string' }, host: { type: 'string' }, 'glase-url': { type: 'string' } }, HELP);
    const config = commandConfig(values.config, src);
    const port = values.port === undefined ? config.backoffice.port : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw usage('--port', 'must be a whole number from 0 to 65535');
    const log = createLogger({ level: config.log.level, base: { service: 'backoffice' } });
    const bo = await openBackoffice(storage(values, config));
    const endpoint = values['glase-url'] ?? glaseEndpoint(config);
    const glase = await createGlaseClient({ endpoint, timeoutMs: config.glase.timeoutMs, caFile: config.glase.caFile, log, clientId: 'glase-pos backoffice' });
    const fault = process.env.GLASE_BACKOFFICE_FAULT as FaultPoint | undefined;
    const server = await startBackofficeServer({
      bo, glase, log, port, host: values.host ?? config.backoffice.host, currency: config.backoffice.currency, sie: config.backoffice.sie,
      tls: config.backoffice.tlsCertFile && config.backoffice.tlsKeyFile ? { certFile: config.backoffice.tlsCertFile, keyFile: config.backoffice.tlsKeyFile } : undefined,
      // crash tests only: die at this point of a batch (the process is killed, nothing is cleaned)
      ...(fault ? { fault: (p: FaultPoint) => { if (p === fault) process.kill(process.pid, 'SIGKILL'); } } : {}),
    });
    if ((await countUsers(bo.db)) === 0) log.warn('no admin user yet: run `glase-pos backoffice add-user --user NAME --role owner`');
    log.info('back office ready', { url: server.url, engine: bo.db.engine, glase: endpoint });
    await new Promise<void>((done) => {
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    });
    await server.close();
    await glase.close();
    await bo.close();
    return EXIT.ok;
  });
}

function addUserCmd(argv: string[], src?: ConfigSource): Promise<number> {
  return runCommand('backoffice add-user', async () => {
    const { values } = parseCommand(argv, { ...STORAGE_OPTS, user: { type: 'string' }, role: { type: 'string' } }, HELP);
    if (!values.user || !USERNAME.test(values.user)) throw usage('--user', 'is required: 1-64 letters, digits, ".", "_", "@" or "-"');
    if (!ROLES.includes(values.role as Role)) throw usage('--role', 'must be owner or accountant');
    const config = commandConfig(values.config, src);
    const pw = await secret(`password for ${values.user}: `, 'no user was added');
    const bad = passwordRule(pw);
    if (bad) throw new CommandExit(EXIT.usage, `password: ${bad}`);
    const bo = await openBackoffice(storage(values, config));
    try {
      await addUser(bo.db, values.user, pw, values.role as Role);
    } finally {
      await bo.close();
    }
    console.log(`user ${values.user} (${values.role}) saved`);
    return EXIT.ok;
  });
}

function setResellerCmd(argv: string[], src?: ConfigSource): Promise<number> {
  return runCommand('backoffice set-reseller', async () => {
    const { values } = parseCommand(argv, { ...STORAGE_OPTS, reseller: { type: 'string' }, user: { type: 'string' } }, HELP);
    if (!values.reseller) throw usage('--reseller', 'is required: the shop\'s Glase reseller id (1-100 letters, digits, ".", "_" or "-")');
    if (!values.user) throw usage('--user', 'is required: the reseller user id, e.g. 9900');
    if (!RESELLER_ID_PATTERN.test(values.reseller)) throw usage('--reseller', RESELLER_ID_RULE);
    if (!RESELLER_ID_PATTERN.test(values.user)) throw usage('--user', RESELLER_ID_RULE);
    const config = commandConfig(values.config, src);
    const pw = await resellerPassword('nothing was stored');
    const bo = await openBackoffice(storage(values, config));
    try {
      await setReseller(bo.db, bo.box, { resellerId: values.reseller, userId: values.user, password: pw });
    } finally {
      await bo.close();
    }
    console.log(`reseller ${values.reseller}/${values.user} saved; the password is stored sealed and is never shown`);
    return EXIT.ok;
  });
}
