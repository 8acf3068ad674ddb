// The Glase ID rule (the sticker's seqrId), in one place: set-up, the API, the CLI and the
// scanner all ask this file. Glase answers 53 INVALID_SEQR_ID to anything but letters and
// digits; the facts give no length, so 32 is our bound: sticker ids seen are far shorter, and
// it bounds what reaches assignSeqrId, the audit log and the journal.

export const GLASE_ID_MAX = 32;
/** The whole rule as a pattern (the API's schema and OpenAPI document use it). */
export const GLASE_ID_PATTERN = new RegExp(`^[A-Za-z0-9]{1,${GLASE_ID_MAX}}$`);
/** The rule in words, for a message that names it. */
export const GLASE_ID_RULE = `must be 1-${GLASE_ID_MAX} letters and digits`;

export function isGlaseId(s: string | undefined): boolean {
  return typeof s === 'string' && GLASE_ID_PATTERN.test(s);
}

/** Why `s` is not a Glase ID (the first broken part of the rule), or undefined when it is one. */
export function glaseIdProblem(s: string): string | undefined {
  if (s.length === 0) return 'must not be empty';
  if (s.length > GLASE_ID_MAX) return `must be at most ${GLASE_ID_MAX} characters (got ${s.length})`;
  const bad = s.search(/[^A-Za-z0-9]/);
  if (bad >= 0) return `must be letters and digits only (${charName(s[bad]!)} at position ${bad + 1})`;
  return undefined;
}

/** A character as a reader can see it: "-" or U+0007. */
export function charName(c: string): string {
  const code = c.codePointAt(0)!;
  if (code >= 0x20 && code <= 0x7e) return JSON.stringify(c);
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
