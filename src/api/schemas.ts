// Request bodies of the local API, validated at the edge. Messages are the rule a field broke;
// the OpenAPI document is generated from these same schemas.
import { z } from 'zod/v4';

const minor = (what: string) => z.number({ error: `must be ${what}` }).int(`must be ${what}`);
const text = (max: number) => z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const Row = z
  .object({
    description: text(100),
    quantity: z.string({ error: 'must be a decimal string such as "1" or "0.5"' }).regex(/^\d{1,6}(\.\d{1,3})?$/, 'must be a decimal string such as "1" or "0.5"').default('1'),
    amount: minor('an integer number of minor units (negative rows balance the total)'),
  })
  .strict();

export const NewPayment = z
  .object({
    amount: minor('an integer number of minor units > 0').positive('must be an integer number of minor units > 0'),
    rows: z.array(Row).max(100, 'must have at most 100 rows').optional(),
    cashierId: text(40).optional(),
    /** the invoice title the customer sees; the clientInvoiceId is always the till's own */
    title: text(60).optional(),
    tender: z
      .object({
        receiptTotal: minor('an integer number of minor units > 0').positive('must be an integer number of minor units > 0'),
        alreadyPaid: minor('an integer number of minor units >= 0').min(0, 'must be an integer number of minor units >= 0'),
      })
      .strict()
      .optional(),
  })
  .strict();

export const OrphanConfirm = z.object({ note: text(200).optional() }).strict();

export const PinLogin = z.object({ pin: z.string({ error: 'must be a string of 4-12 digits' }).regex(/^\d{4,12}$/, 'must be 4-12 digits') }).strict();

export const Register = z
  .object({
    resellerId: text(100),
    userId: text(100),
    password: z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  })
  .strict();

export const AssignGlaseId = z
  .object({ glaseId: z.string({ error: 'must be a string' }).regex(/^[A-Za-z0-9]{1,32}$/, 'must be 1-32 letters and digits') })
  .strict();

export const Reprint = z.object({ ersReference: z.string().regex(/^\d{25}$/, 'must be exactly 25 digits').optional() }).strict();

export const AwaitScan = z.object({ seconds: z.number({ error: 'must be a whole number of seconds from 5 to 600' }).int('must be a whole number of seconds from 5 to 600').min(5, 'must be a whole number of seconds from 5 to 600').max(600, 'must be a whole number of seconds from 5 to 600').optional() }).strict();

export const Empty = z.object({}).strict();

export const ErsReferenceParam = z.string().regex(/^\d{25}$/, 'must be exactly 25 digits');

export type NewPaymentBody = z.infer<typeof NewPayment>;

/** PUT /api/receipt: the host POS's active receipt. Glase is the last tender, so something must be left. */
export const ActiveReceiptBody = z
  .object({
    total: minor('an integer number of minor units > 0').positive('must be an integer number of minor units > 0'),
    alreadyPaid: minor('an integer number of minor units >= 0').min(0, 'must be an integer number of minor units >= 0').optional(),
    rows: z.array(Row).min(1, 'must have at least 1 row when given').max(100, 'must have at most 100 rows').optional(),
    cashierId: text(40).optional(),
    title: text(60).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.alreadyPaid !== undefined && b.alreadyPaid >= b.total) ctx.addIssue({ code: 'custom', path: ['alreadyPaid'], message: 'must be less than total' });
    const sum = b.rows?.reduce((n, r) => n + r.amount, 0);
    if (sum !== undefined && sum !== b.total) ctx.addIssue({ code: 'custom', path: ['rows'], message: `must sum to total (${b.total}); they sum to ${sum}` });
  });

export type ActiveReceiptInput = z.infer<typeof ActiveReceiptBody>;
