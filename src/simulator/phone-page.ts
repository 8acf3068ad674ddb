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
