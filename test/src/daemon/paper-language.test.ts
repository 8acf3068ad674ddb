// The printer test page and the health ticket speak the shop's language (ui.language sv), read
// back from the virtual printer's decoded ESC/POS; the health ticket's JSON keeps its English
// labels (scripts read them). The en wording is checked by admin.test.ts and metrics.test.ts.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { adminSession, client, startTestTill, type TestTill } from '../api/_till.js';

const t = suite('daemon: test page and health ticket in the shop language');
let till: TestTill;
let call: ReturnType<typeof client>;
let admin: Record<string, string>;

t.before(async () => {
  till = await startTestTill({ scanner: { kind: 'none' }, ui: { language: 'sv' } });
  call = client(till.apiUrl);
  for (let i = 0; i < 300 && !(await call('GET', '/api/readiness')).json.ready; i++) await new Promise((r) => setTimeout(r, 100));
  admin = await adminSession(call);
});
t.after(() => till.close());

/** the first document printed after `before` whose text matches `re` */
async function printed(before: number, re: RegExp) {
  for (let n = before + 1; n < before + 5; n++) {
    const docs = (await till.printerEmulator!.waitForDocuments(n, 30_000)).slice(before);
    const doc = docs.find((d) => re.test(d.text));
    if (doc) return doc.text;
  }
  throw new Error(`nothing printed matching ${re}`);
}

t('the printer test page is Swedish: title, local time, columns', async () => {
  const before = till.printerEmulator!.documents.length;
  const r = await call('POST', '/api/admin/printer-test', {}, admin);
  assert.is(r.status, 200, JSON.stringify(r.json));
  const text = await printed(before, /TESTUTSKRIFT/);
  assert.match(text, /Utskriven\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} /);
  assert.match(text, /Kolumner\s+\d+/);
  assert.not.match(text, /PRINTER TEST|Printed|Columns/);
});

t('the health ticket prints in Swedish; its JSON stays English', async () => {
  const before = till.printerEmulator!.documents.length;
  const r = await call('POST', '/api/admin/health-ticket', {}, admin);
  assert.is(r.status, 200, JSON.stringify(r.json));
  const facts = Object.fromEntries(r.json.facts.map((f: { label: string; value: string }) => [f.label, f.value]));
  assert.match(facts.Glase, /^reachable \(\d+ ms\)$/);
  assert.match(facts['Last Z'], /^none yet/);
  const text = await printed(before, /STATUSLAPP/);
  for (const re of [/Kassan igång\s+\d+ h \d+ min/, /Glase\s+nås \(\d+ ms\)/, /Skrivare\s+virtual: redo/, /Skanner\s+none: inte ansluten/, /Ledigt utrymme\s+\d+ MB av \d+ MB/, /Senaste Z\s+ingen än \(ingen dagsavslutning\)/, /Utskriven\s+\d{4}-\d{2}-\d{2} /]) {
    assert.match(text, re);
  }
  assert.not.match(text, /HEALTH TICKET|Free space|reachable/);
});

t.run();
