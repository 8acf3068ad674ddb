// `glase-pos simulator`: runs the Glase server simulator on loopback until SIGINT/SIGTERM.
import { createLogger } from '../lib/log.js';
import { startSimulator } from '../simulator/index.js';
import { parseCommand } from '../cli/args.js';
import { EXIT, runCommand, usage } from '../cli/exit.js';

const HELP = `usage: glase-pos simulator [--port N] [--host ADDR] [--db FILE] [--reversal-ms N] [--report-delay-ms N] [--keep-days N]

  --port N             TCP port (default 8090; 0 = any free port)
  --host ADDR          address to listen on (default 127.0.0.1)
  --db FILE            SQLite file that keeps the state across restarts (default: in memory)
  --reversal-ms N      reverse a payment not seen by getPaymentStatus within N ms (default 20000)
  --report-delay-ms N  executeReport answers REPORT_NOT_READY for N ms after a mark (default 3000)
  --keep-days N        delete settled invoices, receipts, refunds and periods older than N days (default 30)`;

function int(name: string, v: string | undefined, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw usage(`--${name}`, `must be a whole number from ${min} to ${max}`, HELP);
  return Number(v);
}

export function run(argv: string[]): Promise<number> {
  return runCommand('simulator', async () => {
    const { values } = parseCommand(argv, {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      'reversal-ms': { type: 'string' },
      'report-delay-ms': { type: 'string' },
      'keep-days': { type: 'string' },
    }, HELP);
    const opts = {
      port: int('port', values.port, 0, 65535) ?? 8090,
      host: values.host,
      dbFile: values.db,
      reversalMs: int('reversal-ms', values['reversal-ms'], 1, 86_400_000),
      reportDelayMs: int('report-delay-ms', values['report-delay-ms'], 0, 86_400_000),
      keepMs: (int('keep-days', values['keep-days'], 1, 36_500) ?? 30) * 86_400_000,
    };
    const log = createLogger({ base: { component: 'simulator' } });
    const sim = await startSimulator({ ...opts, log });
    console.log(`simulator listening on ${sim.url}`);
    console.log(`SOAP endpoint ${sim.soapUrl}  (WSDL: ${sim.soapUrl}?wsdl)`);
    console.log(`control API   ${sim.url}/simulator/  (state: ${sim.url}/simulator/state)`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await sim.close();
    console.log('simulator stopped');
    return EXIT.ok;
  });
}
