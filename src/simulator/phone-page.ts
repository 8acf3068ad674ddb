// GET /phone: the page that plays the customer's Glase app (pick a till's Glase ID, see the
// open bill, Pay or Decline) through the control API on the same origin.
import { readFileSync } from 'node:fs';

// Beside this module both in src/ (tsx) and in dist/src/ (copied by scripts/copy-assets.mjs).
const PAGE_URL = new URL('./phone.html', import.meta.url);
let cached: string | undefined;

export function phonePage(): string {
  cached ??= readFileSync(PAGE_URL, 'utf8');
  return cached;
}

// The page's words come from the till's catalogues (src/i18n), read as files beside this folder
// (no import: the simulator shares only lib/ and the Glase contract with the till).
const I18N_DIR = new URL('../i18n/', import.meta.url);
const I18N_FILE = /^\/i18n\/((?:en|sv)\/)?[a-z0-9-]+\.js$/;

/** GET /i18n/… for the phone page: the catalogue modules, nothing else. */
export function i18nFile(path: string): string | undefined {
  if (!I18N_FILE.test(path)) return undefined;
  try {
    return readFileSync(new URL(path.slice('/i18n/'.length), I18N_DIR), 'utf8');
  } catch {
    return undefined;
  }
}
