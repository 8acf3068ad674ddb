// How the machines read what a Glase call gave their actors, shared by the payment and the
// terminal set-up machines: a business result code becomes the code and its cashier sentence;
// a thrown fault says whether the request surely never reached the server.
import { codeMessage, type GlaseOp } from './messages.js';

/** A thrown fault: `outcome: 'not-applied'` means the request surely did not reach the server. */
export interface FaultLike {
  outcome?: 'unknown' | 'not-applied';
  message?: string;
}

export const notApplied = (error: unknown): boolean => (error as FaultLike | undefined)?.outcome === 'not-applied';

/** Context update from a business result code: the code and its sentence for the cashier. */
export const byCode =
  (op: GlaseOp) =>
  ({ event }: { event: unknown }): { resultCode: number; message: string } => {
    const code = (event as { output: { code: number } }).output.code;
    return { resultCode: code, message: codeMessage(op, code) };
  };

/** The default of every named actor: the runtime must provide it. */
export const notProvided = (name: string) => () => Promise.reject(new Error(`actor ${name} is not provided`));
