// The printer section of the config → the receipt layout.
import type { Config } from '../config.js';
import type { ReceiptLayout } from './receipt-document.js';

export function layoutFromConfig(printer: Config['printer'], timeZone?: string): ReceiptLayout {
  return { columns: printer.columns, codePage: printer.codePage, header: printer.header, footer: printer.footer, ...(timeZone ? { timeZone } : {}) };
}
