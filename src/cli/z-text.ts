// A Z report as the printer lays it out, as plain text for the terminal (the same blocks as
// the paper, so the screen and the paper never disagree), in the command's language.
import type { Config } from '../config.js';
import { layoutFromConfig } from '../printing/layout-from-config.js';
import { printedReceiptText } from '../printing/text.js';
import type { ZReport } from '../../machines/z-report-types.js';
import { zPrintPost } from '../store/transaction-post.js';
import { cliText } from './language.js';

export function zText(config: Config, z: ZReport, copy = false): string {
  const lang = cliText().lang;
  return printedReceiptText(zPrintPost(z, config.terminal.externalTerminalId), layoutFromConfig(config.printer, undefined, () => lang), { copy });
}
