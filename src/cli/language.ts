// The CLI's human output in the shop's language: config ui.language, or the admin's choice kept
// in the store once a command opened it. --json and the logs never go through it; the help texts
// have their own Swedish texts (src/cli/help.ts).
// A sentence is written in English where it is made (tests and scripts read the English) and
// said in the shop's language where it is printed: `said()` finds it among the catalogue's
// `srv.*` sentences (the CLI's own are `srv.cli.*`, src/i18n/*/cli.js), as the kiosk does.
import { translator, type Language, type Translator } from '../i18n/i18n.js';
import { currencyExponent, displayAmount } from '../lib/money.js';
import { localTime } from '../lib/local-time.js';
import { shopLanguage } from '../store/shop-language.js';
import type { Settings } from '../store/settings.js';
import type { Config } from '../config.js';

let chosen: Language | undefined;
/** before the config is read (a usage error): how to find the configured language, once */
let guess: (() => Language | undefined) | undefined;
const translators = new Map<Language, Translator>();

/** A new command: nothing known yet (commands run one after another in one process in tests). */
export function resetCliLanguage(): void {
  chosen = undefined;
  guess = undefined;
}

export function guessCliLanguage(fn: () => Language | undefined): void {
  guess = fn;
}

/** The command read its config. */
export function useConfigLanguage(config: Pick<Config, 'ui'>): void {
  chosen = config.ui.language;
}

/** The command opened the store: the admin's choice wins over the config. */
export function useShopLanguage(settings: Pick<Settings, 'get'>, config: Pick<Config, 'ui'>): Translator {
  chosen = shopLanguage(settings, config.ui.language);
  return cliText();
}

export function cliText(): Translator {
  if (chosen === undefined && guess) {
    const g = guess;
    guess = undefined;
    chosen = g();
  }
  const lang = chosen ?? 'en';
  let tr = translators.get(lang);
  if (!tr) translators.set(lang, (tr = translator(lang, { decimals: currencyExponent })));
  return tr;
}

/** The shop's translator for a command that opened the CLI till. */
export function cliTranslator(t: { store: { settings: Pick<Settings, 'get'> }; config: Pick<Config, 'ui'> }): Translator {
  return useShopLanguage(t.store.settings, t.config);
}

/** An English sentence of the CLI's or the till's in the command's language (as written when the catalogue has no such sentence). */
export function said(english: string): string {
  return cliText().fromServer(english);
}

/** Money in the command's language: en as the CLI always wrote it ("1000000.00 SEK"), sv the Swedish way ("1 000 000,00 kr"). */
export function cliMoney(minor: number, currency: string): string {
  const tr = cliText();
  return tr.lang === 'en' ? displayAmount(minor, currency) : tr.money(minor, currency);
}

/** A time for people: en keeps the UTC offset the CLI always printed ("… +01:00"); sv the zone's name ("… CET"). */
export function cliTime(iso: string): string {
  const tr = cliText();
  return tr.lang === 'en' ? localTime(iso) : tr.dateTime(iso);
}
