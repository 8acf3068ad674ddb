// What a scanned payload is, checked at the edge: a Glase ID (the till's sticker), an
// ersReference (a receipt, for refunds) or junk with the rule it broke. Junk is reported, never acted on.
import { ValidationError } from '../lib/validation-error.js';
import { charName, glaseIdProblem } from '../../machines/glase-id.js';
import { ERS_REFERENCE_DIGITS, ersReferenceProblem, isErsReference } from '../../machines/ers-reference.js';

/** The sticker's QR code encodes HTTP://SEQR.SE/Q<glaseId>; R<…> is an invoice QR from a web shop. */
const STICKER_URL = /^https?:\/\/seqr\.se\/([QR])(.*)$/i;

export type ScanKind = 'glaseId' | 'ersReference' | 'junk';
export type Classified =
  | { kind: 'glaseId'; value: string }
  | { kind: 'ersReference'; value: string }
  | { kind: 'junk'; value: string; reason: string };

/** Throws ValidationError('glaseId', rule) unless `s` is a Glase ID. */
export function checkGlaseId(s: string, field = 'glaseId'): string {
  const why = glaseIdProblem(s);
  if (why) throw new ValidationError(field, why);
  return s;
}

/** Throws ValidationError('ersReference', rule) unless `s` is exactly 25 digits. */
export function checkErsReference(s: string, field = 'ersReference'): string {
  const why = ersReferenceProblem(s);
  if (why) throw new ValidationError(field, why);
  return s;
}

/**
 * Order matters: non-printables first (never guess around them), then the sticker URL, then
 * 25 digits = ersReference, 26+ digits = junk (so an all-digit Glase ID must be ≤ 24 long), then Glase ID.
 * Surrounding spaces are trimmed: some scanners are set to add them.
 */
export function classifyScan(payload: string): Classified {
  const junk = (reason: string): Classified => ({ kind: 'junk', value: payload, reason });
  const bad = payload.search(/[^\x20-\x7e]/);
  if (bad >= 0) return junk(`contains a non-printable character (${charName(payload[bad])}) at position ${bad + 1}`);
  const s = payload.trim();
  if (s.length === 0) return junk('is empty');

  const url = STICKER_URL.exec(s);
  if (url) {
    if (url[1].toUpperCase() === 'R') return junk('is an invoice QR code (HTTP://SEQR.SE/R…), not a till sticker');
    const why = glaseIdProblem(url[2]);
    return why ? junk(`sticker QR code: Glase ID ${why}`) : { kind: 'glaseId', value: url[2] };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) return junk('is a link, not a Glase sticker or receipt');
  if (isErsReference(s)) return { kind: 'ersReference', value: s };
  // 26+ digits is a misread or doubled receipt far more likely than a Glase ID: do not guess.
  if (/^\d+$/.test(s) && s.length > ERS_REFERENCE_DIGITS) return junk(`is ${s.length} digits; an ersReference has exactly ${ERS_REFERENCE_DIGITS}`);
  const why = glaseIdProblem(s);
  return why ? junk(`is not a Glase ID or ersReference: Glase ID ${why}`) : { kind: 'glaseId', value: s };
}

/** For a use that needs one kind (assign Glase ID, refund lookup): the value or the reason it is not that. */
export function expectScan(
  payload: string,
  want: 'glaseId' | 'ersReference',
): { ok: true; value: string } | { ok: false; reason: string } {
  const c = classifyScan(payload);
  if (c.kind === want) return { ok: true, value: c.value };
  if (c.kind === 'junk') return { ok: false, reason: c.reason };
  const names = { glaseId: 'a Glase ID', ersReference: 'an ersReference (receipt)' };
  return { ok: false, reason: `is ${names[c.kind]}, expected ${names[want]}` };
}
