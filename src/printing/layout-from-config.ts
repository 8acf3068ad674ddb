// The printer section of the config → the receipt layout. `language` is read at each print
// (a getter): the admin may switch the shop's language while the till runs.
import type { Config } from '../config.js';
import type { Language } from '../i18n/i18n.js';
import type { ReceiptLayout } from './receipt-document.js';

export function layoutFromConfig(printer: Config['printer'], timeZone?: string, language?: () => Language): ReceiptLayout {
  const layout: ReceiptLayout = { columns: printer.columns, codePage: printer.codePage, header: printer.header, footer: printer.footer, ...(timeZone ? { timeZone } : {}) };
  if (language) Object.defineProperty(layout, 'language', { get: language, enumerable: true });
  return layout;
}
