// Request bodies of the local API, validated at the edge. Messages are the rule a field broke;
// the OpenAPI document is generated from these same schemas.
import { z } from 'zod/v4';
import { displayAmount, exactSum, maxAmountMinor } from '../lib/money.js';
import { password, resellerId, text } from './text-schemas.js';
import { ERS_REFERENCE_PATTERN, ERS_REFERENCE_RULE } from '../../machines/ers-reference.js';
import { GLASE_ID_PATTERN, GLASE_ID_RULE } from '../../machines/glase-id.js';
import { CLIENT_INVOICE_ID_PATTERN, CLIENT_INVOICE_ID_RULE } from '../../machines/client-invoice-id.js';
import { LANGUAGES, LANGUAGE_RULE, type Language } from '../i18n/i18n.js';
import { backofficeUrl, CODE_RULE, isEnrolCode, URL_RULE } from '../shipper/enrol-client.js';

const minor = (what: string) => z.number({ error: `must be ${what}` }).int(`must be ${what}`);

/**
 * The bodies that carry money, for the till's currency: every amount is whole minor units
 * within the currency's largest amount (src/lib/money.ts), so no sum of them can round.
 */
export function moneyBodies(currency: string) {
  const limit = maxAmountMinor(currency);
  const most = `${limit} minor units (${displayAmount(limit, currency)})`;
  const positive = minor('an integer number of minor units > 0').positive('must be an integer number of minor units > 0').max(limit, `must be at most ${most}`);
  const notNegative = minor('an integer number of minor units >= 0').min(0, 'must be an integer number of minor units >= 0').max(limit, `must be at most ${most}`);

  const Row = z
    .object({
      description: text(100),
      quantity: z.string({ error: 'must be a decimal string such as "1" or "0.5"' }).regex(/^\d{1,6}(\.\d{1,3})?$/, 'must be a decimal string such as "1" or "0.5"').default('1'),
      amount: minor('an integer number of minor units (negative rows balance the total)')
        .min(-limit, `must be at least -${most}`)
        .max(limit, `must be at most ${most}`),
    })
    .strict();

  const NewPayment = z
    .object({
      amount: positive,
      rows: z.array(Row).max(100, 'must have at most 100 rows').optional(),
      cashierId: text(40).optional(),
      /** the invoice title the customer sees */
      title: text(60).optional(),
      /** the host POS's own receipt id (sent to Glase); the till makes one when none is given */
      clientInvoiceId: z.string({ error: CLIENT_INVOICE_ID_RULE }).regex(CLIENT_INVOICE_ID_PATTERN, CLIENT_INVOICE_ID_RULE).optional(),
      tender: z.object({ receiptTotal: positive, alreadyPaid: notNegative }).strict().optional(),
      /** the cashier confirmed a Glase part above what is left (up to payment.maxAmount) */
      confirmRaise: z.boolean({ error: 'must be true or false' }).optional(),
    })
    .strict();

  /** PUT /api/receipt: the host POS's active receipt. Glase is the last tender, so something must be left. */
  const ActiveReceiptBody = z
    .object({
      total: positive,
      alreadyPaid: notNegative.optional(),
      rows: z.array(Row).min(1, 'must have at least 1 row when given').max(100, 'must have at most 100 rows').optional(),
      cashierId: text(40).optional(),
      title: text(60).optional(),
    })
    .strict()
    .superRefine((b, ctx) => {
      if (b.alreadyPaid !== undefined && b.alreadyPaid >= b.total) ctx.addIssue({ code: 'custom', path: ['alreadyPaid'], message: 'must be less than total' });
      const sum = b.rows && exactSum(b.rows.map((r) => r.amount));
      if (sum !== undefined && sum !== BigInt(b.total)) ctx.addIssue({ code: 'custom', path: ['rows'], message: `must sum to total (${b.total}); they sum to ${sum}` });
    });

  /** PATCH /api/payments/:id: the host POS changes the amount before the customer pays (updateInvoice) */
  const ChangePayment = z
    .object({
      amount: positive,
      rows: z.array(Row).min(1, 'must have at least 1 row when given').max(100, 'must have at most 100 rows').optional(),
    })
    .strict()
    .superRefine((b, ctx) => {
      const sum = b.rows && exactSum(b.rows.map((r) => r.amount));
      if (sum !== undefined && sum !== BigInt(b.amount)) ctx.addIssue({ code: 'custom', path: ['rows'], message: `must sum to amount (${b.amount}); they sum to ${sum}` });
    });

  return { Row, NewPayment, ActiveReceiptBody, ChangePayment };
}

type MoneyBodies = ReturnType<typeof moneyBodies>;
export type NewPaymentBody = z.infer<MoneyBodies['NewPayment']>;
export type ChangePaymentBody = z.infer<MoneyBodies['ChangePayment']>;
export type ActiveReceiptInput = z.infer<MoneyBodies['ActiveReceiptBody']>;

/** POST /api/admin/payments/:id/settle-outside: why (how the customer paid instead), for the audit log and the day close */
export const SettleOutside = z.object({ note: text(200) }).strict();

export const OrphanConfirm = z.object({ note: text(200).optional() }).strict();

export const PinLogin = z.object({ pin: z.string({ error: 'must be a string of 4-12 digits' }).regex(/^\d{4,12}$/, 'must be 4-12 digits') }).strict();

export const Register = z
  .object({
    resellerId: resellerId(),
    userId: resellerId(),
    password: password(),
  })
  .strict();

/** enrolment through the shop's back office (issue 14): its address and the owner's one-time code */
export const Enrol = z
  .object({
    backofficeUrl: z.string({ error: URL_RULE }).max(300, 'must be at most 300 characters').refine((u) => backofficeUrl(u).ok, { error: (i) => { const r = backofficeUrl(String(i.input)); return r.ok ? URL_RULE : r.rule; } }),
    code: z.string({ error: CODE_RULE }).refine(isEnrolCode, CODE_RULE),
  })
  .strict();

export const AssignGlaseId = z
  .object({ glaseId: z.string({ error: 'must be a string' }).regex(GLASE_ID_PATTERN, GLASE_ID_RULE) })
  .strict();

export const ErsReferenceParam = z.string({ error: ERS_REFERENCE_RULE }).regex(ERS_REFERENCE_PATTERN, ERS_REFERENCE_RULE);

export const Reprint = z.object({ ersReference: ErsReferenceParam.optional() }).strict();

export const AwaitScan = z.object({ seconds: z.number({ error: 'must be a whole number of seconds from 5 to 600' }).int('must be a whole number of seconds from 5 to 600').min(5, 'must be a whole number of seconds from 5 to 600').max(600, 'must be a whole number of seconds from 5 to 600').optional() }).strict();

export const Empty = z.object({}).strict();
export const ChooseLanguage = z.object({ language: z.enum(LANGUAGES as unknown as [Language, ...Language[]], { error: LANGUAGE_RULE }) }).strict();

