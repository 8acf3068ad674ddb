// Types of i18n.js (plain JavaScript, so the kiosk screen loads the same file the server runs).
export type Language = 'sv' | 'en';
export const LANGUAGES: readonly Language[];
export const LANGUAGE_RULE: string;
export type Params = Record<string, string | number | null | undefined>;
/** a message, or its plural forms chosen by params.count (Intl.PluralRules) */
export type Message = string | { one?: string; other: string; [form: string]: string | undefined };
export function isLanguage(v: unknown): v is Language;
export function catalogue(lang: Language): Readonly<Record<string, Message>>;
export interface DateTimeOptions {
  timeZone?: string;
  zone?: boolean;
  seconds?: boolean;
}
export interface Translator {
  readonly lang: Language;
  readonly locale: string;
  t(key: string, params?: Params): string;
  has(key: string): boolean;
  money(minor: number, currency: string): string;
  /** the amount without the currency: "1 234,50" (sv), "1,234.50" (en) */
  amount(minor: number, currency: string): string;
  /** "," in sv, "." in en */
  readonly decimalSeparator: string;
  dateTime(when: string | Date, opts?: DateTimeOptions): string;
  /** an English sentence of the till's (a srv.* text) in this language; unknown ones as sent */
  fromServer(message: string | undefined | null): string;
}
export function translator(lang: Language, opts?: { decimals?: (currency: string) => number }): Translator;
export function groupRef(ref: string | null | undefined): string;
export function paperText(s: string): string;
