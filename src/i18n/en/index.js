// One catalogue per language, in files by area so parallel work rarely touches the same file.
// Every key exists in both languages (test/src/i18n/catalogues.test.ts).
import common from './common.js';
import receipt from './receipt.js';
import admin from './admin.js';
import kiosk from './kiosk.js';
import server from './server.js';
import phone from './phone.js';
import cli from './cli.js';
import payflow from './payflow.js';
import z from './z.js';
import paper from './paper.js';
import tillOps from './till-ops.js';
import backoffice from './backoffice.js';

// one area per line: parallel additions merge without a conflict
export default {
  ...common,
  ...receipt,
  ...admin,
  ...kiosk,
  ...server,
  // before cli: the till's own sentences win over the CLI's wider patterns ('refund {id}: {outcome}')
  ...tillOps,
  ...phone,
  ...cli,
  ...payflow,
  ...z,
  ...paper,
  ...backoffice,
};
