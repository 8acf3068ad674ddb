// `glase-pos set-pin`: sets the admin PIN (4–12 digits), stored hashed (scrypt + salt) in the
// till's database. Reads it from a no-echo prompt on a terminal, or one line of stdin.
import { PIN_LOCK_KEY, pinProblem, setPin } from '../api/pin.js';
import { openStore } from '../store/store.js';
import { ValidationError } from '../lib/validation-error.js';
import { loadConfigOrReport, parseOptions } from './_args.js';

export const summary = 'set the admin PIN (4-12 digits) from a no-echo prompt or stdin';

const HELP = `usage: glase-pos set-pin [--config FILE]

  Prompts for the new PIN twice without echo; or reads one line from stdin
  (echo 482913 | glase-pos set-pin). The PIN is stored as a salted scrypt hash.`;

/** One line from a no-echo terminal prompt. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    let s = '';
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', on);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(s);
    };
    const on = (d: Buffer) => {
      for (const ch of d.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new Error('cancelled'));
        if (ch === '\u007f' || ch === '\b') s = s.slice(0, -1);
        else s += ch;
      }
    };
    stdin.on('data', on);
  });
}

async function readStdinLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += chunk;
    if (text.includes('\n') || text.length > 100) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

export async function run(argv: string[]): Promise<number> {
  let file: string | undefined;
  try {
    const { values } = parseOptions(argv, { config: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    file = values.config;
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    console.error(`glase-pos set-pin: ${e.message}\n\n${HELP}`);
    return 2;
  }
  const config = loadConfigOrReport(file);
  if (!config) return 2;
  let pin: string;
  try {
    if (process.stdin.isTTY) {
      pin = await promptHidden('new admin PIN (4-12 digits): ');
      const again = await promptHidden('repeat the PIN: ');
      if (again !== pin) {
        console.error('glase-pos set-pin: the two PINs differ; nothing changed');
        return 1;
      }
    } else pin = (await readStdinLine()).trim();
  } catch (e) {
    console.error(`glase-pos set-pin: ${(e as Error).message}; nothing changed`);
    return 1;
  }
  const why = pinProblem(pin);
  if (why) {
    console.error(`glase-pos set-pin: pin: ${why}; nothing changed`);
    return 2;
  }
  const store = openStore(config.dataDir);
  try {
    store.transaction(() => {
      setPin(store.settings, pin);
      store.settings.delete(PIN_LOCK_KEY); // whoever has the shell may end a PIN lockout
      store.audit.append('admin@cli', 'set-pin');
    });
  } finally {
    store.close();
  }
  console.log('admin PIN set (stored as a salted scrypt hash); a running till uses it at the next PIN entry');
  return 0;
}
