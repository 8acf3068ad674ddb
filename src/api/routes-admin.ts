// Admin routes behind the PIN: a right PIN gives a session (X-Admin-Session); every admin
// action goes to the audit log with what was done, never with the PIN or a password. Set-up
// actions (register, Glase ID, unregister) are audited by the till itself, with `actor` as who.
import type { ApiDeps } from './deps.js';
import { HttpError } from './http-error.js';
import type { LockedTries } from './locked-tries.js';
import { route, type Route } from './router.js';
import { AssignGlaseId, AwaitScan, ChooseLanguage, Empty, Enrol, PinLogin, Register, Reprint } from './schemas.js';
import type { Language } from '../i18n/i18n.js';
import { receiptTranslator } from '../printing/receipt-document.js';

/** An action's outcome as the answer: 200 with it, or 409 with it and the error naming field and rule. */
function outcome<R extends { ok: boolean }>(r: R, field: string, rule: string, message: string) {
  return { status: r.ok ? 200 : 409, body: r.ok ? r : { ...r, error: { field, rule, message } } };
}

export function adminRoutes(d: ApiDeps, lockedTries: LockedTries, publish: (event: string, data: unknown) => void): Route[] {
  const audit = (actor: string, action: string, detail?: string) => d.till.audit.append(actor, action, detail);
  return [
    route({
      method: 'POST',
      path: '/api/admin/session',
      access: 'client',
      returns: 'AdminSession',
      summary: 'Open an admin session with the PIN (rate limited)',
      body: PinLogin,
      responses: { 200: '{session, expiresAt}', 401: 'wrong PIN', 409: 'no PIN set', 429: 'too many wrong PINs (Retry-After)' },
      handler: ({ body, actor }) => {
        // a try during the lockout is not checked: it is only counted (a flood must not fill the disk)
        const lockedUntil = d.pins.lockedUntil();
        const r = d.pins.login((body as { pin: string }).pin);
        if (r.ok) {
          audit(actor, 'admin-login');
          return { status: 200, body: { session: r.session, expiresAt: r.expiresAt } };
        }
        if (r.reason === 'no-pin') throw new HttpError(409, 'pin', 'is not set', {}, "no admin PIN is set on this till yet; set one on the till's screen (Admin) or with glase-pos set-pin");
        if (lockedUntil !== undefined) lockedTries.refused(actor, lockedUntil);
        else {
          audit(actor, 'admin-login-failed', r.reason === 'locked' ? `locked for ${r.retryAfterS} s` : undefined);
          d.log.warn('wrong admin PIN', { by: actor, locked: r.reason === 'locked' });
        }
        if (r.reason === 'locked') throw new HttpError(429, 'pin', `too many wrong PINs; try again in ${r.retryAfterS} s`, { 'retry-after': String(r.retryAfterS) });
        throw new HttpError(401, 'pin', 'is wrong');
      },
    }),
    route({
      method: 'GET',
      path: '/api/admin/pin',
      access: 'client',
      summary: 'Whether an admin PIN is set, and whether this caller may set the first one (the kiosk screen, while none is set)',
      responses: { 200: '{set, settableHere}' },
      handler: ({ client }) => {
        const set = d.pins.isSet();
        return { status: 200, body: { set, settableHere: !set && client === 'kiosk' } };
      },
    }),
    route({
      method: 'POST',
      path: '/api/admin/pin',
      access: 'client',
      returns: 'AdminSession',
      summary: "First run: set the admin PIN on the till's own screen while none is set; opens an admin session",
      body: PinLogin,
      responses: { 201: '{session, expiresAt}', 403: 'not the kiosk screen', 409: 'a PIN is already set' },
      handler: ({ body, actor, client }) => {
        // only the screen at the till: a host POS or another local program sets no PIN
        if (client !== 'kiosk') throw new HttpError(403, 'pin', 'can be set here only from the kiosk screen', {}, "the first admin PIN can be set only on the till's own screen; otherwise use glase-pos set-pin");
        const r = d.pins.setFirst((body as { pin: string }).pin);
        if (!r.ok) throw new HttpError(409, 'pin', 'is already set', {}, 'an admin PIN is already set on this till; enter it to open the admin menu');
        audit(actor, 'admin-pin-set', 'first PIN, set on the kiosk screen');
        d.log.info('admin PIN set on the kiosk screen (first run)', { by: actor });
        return { status: 201, body: { session: r.session, expiresAt: r.expiresAt } };
      },
    }),
    route({
      method: 'PUT',
      path: '/api/admin/language',
      access: 'admin',
      summary: "Switch the shop's language (screen, phone page, receipts); kept across restarts. Screens get a `language` event",
      body: ChooseLanguage,
      responses: { 200: '{language}' },
      handler: ({ body, actor }) => {
        const { language } = body as { language: Language };
        d.language.set(language);
        audit(actor, 'language-set', language);
        publish('language', { language });
        return { status: 200, body: { language } };
      },
    }),
    route({
      method: 'POST',
      path: '/api/admin/logout',
      access: 'admin',
      summary: 'Close this admin session (X-Admin-Session) before it expires',
      body: Empty,
      responses: { 204: 'closed' },
      handler: ({ req, actor }) => {
        d.pins.logout(String(req.headers['x-admin-session']));
        audit(actor, 'admin-logout');
        return { status: 204 };
      },
    }),
    route({
      method: 'POST',
      path: '/api/admin/register',
      access: 'admin',
      returns: 'SetupView',
      summary: 'Register this till with the reseller credentials (the password is not stored)',
      body: Register,
      responses: { 200: 'SetupView & {ok}', 409: 'already registered' },
      handler: async ({ body, actor }) => {
        const b = body as { resellerId: string; userId: string; password: string };
        const r = await d.till.register(b, actor);
        return outcome(r, 'register', 'refused', r.message);
      },
    }),
    route({
      method: 'POST',
      path: '/api/admin/enrol',
      access: 'admin',
      returns: 'SetupView',
      summary: "Register this till through the shop's back office with the owner's one-time code (issue 14); the reseller password never reaches the till",
      body: Enrol,
      responses: { 200: 'SetupView & {ok}', 409: 'already registered, or the back office refused or was not reached (message says which)' },
      handler: async ({ body, actor }) => {
        const r = await d.till.enrol(body as { backofficeUrl: string; code: string }, actor);
        return outcome(r, 'enrol', 'refused', r.message);
      },
    }),
    route({
      method: 'POST',
      path: '/api/admin/glase-id',
      access: 'admin',
      returns: 'SetupView',
      summary: 'Assign the Glase ID (the sticker) to this till',
      body: AssignGlaseId,
      responses: { 200: 'SetupView & {ok}', 409: 'not registered or refused' },
      handler: async ({ body, actor }) => {
        const { glaseId } = body as { glaseId: string };
        const r = await d.till.assignGlaseId(glaseId, actor);
        return outcome(r, 'glaseId', 'refused', r.message);
      },
    }),
    route({
      method: 'POST',
      path: '/api/admin/glase-id/await-scan',
      access: 'admin',
      summary: 'Wait for the sticker: the next Glase ID scanned within `seconds` (default 60) is assigned',
      body: AwaitScan,
      responses: { 200: '{armedUntil}' },
      handler: ({ body, actor }) => {
        const until = d.devices.awaitGlaseIdScan(((body as { seconds?: number }).seconds ?? 60) * 1000);
        audit(actor, 'await-glase-id-scan');
        return { status: 200, body: { armedUntil: new Date(until).toISOString() } };
      },
    }),
    route({
      method: 'POST',
      path: '/api/admin/unregister',
      access: 'admin',
      returns: 'SetupView',
      summary: 'Unregister this till',
      body: Empty,
      responses: { 200: 'SetupView & {ok}', 409: 'not registered or a payment is in progress' },
      handler: async ({ actor }) => {
        const r = await d.till.unregister(actor);
        return outcome(r, 'unregister', 'refused', r.message);
      },
    }),
    route({
      method: 'POST',
      path: '/api/admin/forget-registration',
      access: 'admin',
      returns: 'SetupView',
      summary: 'Forget the registration here, only after Glase answered 29 (it no longer knows this till); then register again',
      body: Empty,
      responses: { 200: 'SetupView & {ok}', 409: 'Glase has not said it no longer knows this till, or a payment is in progress' },
      handler: async ({ actor }) => {
        const r = await d.till.forgetRegistration(actor); // audited by the till, done or refused
        return outcome(r, 'forget-registration', 'not offered', r.message);
      },
    }),
    route({
      method: 'POST',
      path: '/api/admin/reprint',
      access: 'admin',
      summary: 'Print a COPY of a receipt (default: the last one)',
      body: Reprint,
      responses: { 202: '{job}', 404: 'no such receipt' },
      handler: ({ body, actor }) => {
        const ref = (body as { ersReference?: string }).ersReference;
        const post = d.till.receiptPost(ref);
        if (!post) throw new HttpError(404, 'ersReference', ref ? `no receipt with ersReference ${ref}` : 'no receipt has been printed yet');
        const job = d.devices.reprint(post);
        audit(actor, 'reprint', `ersReference=${post.ersReference} job=${job.id}`);
        const { post: _p, ...jobOut } = job;
        return { status: 202, body: { job: jobOut } };
      },
    }),
    route({
      method: 'POST',
      path: '/api/admin/printer-test',
      access: 'admin',
      summary: 'Print a test page and report the printer status',
      body: Empty,
      responses: { 200: '{ok, status}', 409: '{ok:false, reason} the printer cannot print' },
      handler: async ({ actor }) => {
        const r = await d.devices.printerTest();
        audit(actor, 'printer-test', r.ok ? 'ok' : `failed: ${r.reason}`);
        return outcome(r, 'printer', 'not ready', r.reason ?? 'the printer cannot print');
      },
    }),
    route({
      method: 'POST',
      path: '/api/admin/health-ticket',
      access: 'admin',
      summary: 'Print the health ticket (version, uptime, IP, Glase reachability, printer and scanner, free space) and return its lines',
      body: Empty,
      responses: { 200: '{facts, printed, reason?}', 404: 'not provided' },
      handler: async ({ actor }) => {
        if (!d.health) throw new HttpError(404, 'path', 'the health ticket is not provided');
        const health = await d.health();
        // the paper speaks the shop's language; the JSON keeps its English labels (scripts read them)
        const paper = receiptTranslator(d.language.get());
        const facts = health.lines(receiptTranslator('en'));
        const r = await d.devices.printFacts(paper.t('health.title'), health.lines(paper));
        audit(actor, 'health-ticket', r.ok ? 'printed' : `not printed: ${r.reason}`);
        return { status: 200, body: { facts: facts.map(([label, value]) => ({ label, value })), printed: r.ok, ...(r.reason ? { reason: r.reason } : {}) } };
      },
    }),
    route({
      method: 'GET',
      path: '/api/admin/audit',
      access: 'admin',
      summary: 'The admin audit log, newest first',
      responses: { 200: '[{at, actor, action, detail}]' },
      handler: () => ({ status: 200, body: d.till.audit.list(200) }),
    }),
  ];
}
