// The till's half of enrolment (issue 14 item 2), the same for `glase-pos enroll` and the
// admin screen: check the back office URL and the code, send the code with the till's name,
// external id and its own new terminal password, and read the answer. The reseller password
// never comes near the till: the back office registers the terminal with the one it keeps.
import { reachProblem, type FetchLike } from './backoffice-fetch.js';

export const URL_RULE = 'must be an http:// or https:// URL';
export const HTTPS_RULE = 'must be https:// unless the back office is on this machine (the till token travels in it)';
export const CODE_RULE = 'must be the 12-character code, XXXX-XXXX-XXXX';
const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

/** The back office's origin, or the rule the text breaks. */
export function backofficeUrl(text: string): { ok: true; url: URL } | { ok: false; rule: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, rule: URL_RULE };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, rule: URL_RULE };
  if (url.protocol === 'http:' && !LOOPBACK.includes(url.hostname)) return { ok: false, rule: HTTPS_RULE };
  return { ok: true, url };
}

export const isEnrolCode = (code: string): boolean => /^[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}$/.test(code);

export interface EnrolCall {
  url: URL;
  code: string;
  name: string;
  externalId: string;
  terminalPassword: string;
  version?: string;
}

export type EnrolAnswer =
  | { ok: true; terminalId: string; tillId: number; tillToken: string }
  /** reached: the back office refused (its reason); not reached: why not */
  | { ok: false; reached: boolean; message: string };

export async function enrolAtBackoffice(c: EnrolCall, f: FetchLike = fetch): Promise<EnrolAnswer> {
  let res: Response;
  try {
    res = await f(new URL('/api/enrol', c.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: c.code, name: c.name, externalId: c.externalId, terminalPassword: c.terminalPassword, version: c.version ?? '0.1.0' }),
      signal: AbortSignal.timeout(60_000),
    });
  } catch (e) {
    return { ok: false, reached: false, message: `no back office at ${c.url.origin}: ${reachProblem(e)}` };
  }
  const body = (await res.json().catch(() => ({}))) as { terminalId?: string; tillToken?: string; tillId?: number; error?: string };
  if (res.status !== 201 || !body.terminalId || !body.tillToken || !Number.isSafeInteger(body.tillId)) {
    return { ok: false, reached: true, message: body.error ?? `the back office answered HTTP ${res.status}` };
  }
  return { ok: true, terminalId: body.terminalId, tillId: body.tillId!, tillToken: body.tillToken };
}

/** Tells the back office this till left (its token stops working); a failure is reported, not thrown. */
export async function leaveBackoffice(url: string, token: string, f: FetchLike = fetch): Promise<{ ok: boolean; message: string }> {
  try {
    const res = await f(new URL('/api/till', url), { method: 'DELETE', headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(15_000) });
    await res.body?.cancel();
    // 401: the back office no longer knows the token (told before, or unregistered there)
    if (res.ok || res.status === 401) return { ok: true, message: `the back office at ${url} was told` };
    return { ok: false, message: `the back office at ${url} answered HTTP ${res.status}: unregister the till there too` };
  } catch (e) {
    return { ok: false, message: `the back office at ${url} could not be told (${reachProblem(e)}): unregister the till there too` };
  }
}
