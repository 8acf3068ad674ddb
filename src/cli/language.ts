// The CLI's human output in the shop's language (config ui.language, or the admin's choice kept
// in the store); --json and the logs never go through it.
import { translator, type Translator } from '../i18n/i18n.js';
import { currencyExponent } from '../lib/money.js';
import { shopLanguage } from '../store/shop-language.js';
import type { CliTill } from './till.js';

export function cliTranslator(t: Pick<CliTill, 'store' | 'config'>): Translator {
  return translator(shopLanguage(t.store.settings, t.config.ui.language), { decimals: currencyExponent });
}
