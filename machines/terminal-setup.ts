// Terminal set-up: unregistered → registering → registered → assigning the Glase ID → ready.
// The reseller password only travels inside the REGISTER event into the registerTerminal
// actor's input; it is never put in the context, so it is never persisted or shown.
// registerTerminal (provided) generates and stores the terminal password itself for the
// same reason. Local credentials are forgotten only after the server answered 0, or, with
// FORGET, when Glase said it no longer knows this till (29; the runtime only sends FORGET then).
// ENROL registers through the shop's back office instead (issue 14): only its address and a
// one-time code travel; the back office registers the till with the reseller credentials it keeps.
import { assign, fromPromise, setup } from 'xstate';
import type { Result } from './glase-contract.js';
import { byCode, notApplied, notProvided } from './glase-answers.js';
import { glaseIdProblem, isGlaseId } from './glase-id.js';

export interface SetupInput {
  terminalId?: string;
  glaseId?: string;
}
export interface SetupContext {
  terminalId?: string;
  glaseId?: string;
  /** the Glase ID being assigned right now */
  pendingGlaseId?: string;
  message: string;
  resultCode?: number;
}
export interface RegisterRequest {
  resellerId: string;
  userId: string;
  password: string;
}
/** enrolment through the shop's back office: its address and the owner's one-time code */
export interface EnrolRequest {
  backofficeUrl: string;
  code: string;
}
/** a refusal or a connection problem comes back as a sentence (the actor names the cause) */
export type EnrolOutput = { ok: true; terminalId: string } | { ok: false; message: string };
export const ENROLLED_MESSAGE = 'enrolled through the back office; now assign the Glase ID';
export const ENROL_FAILED_MESSAGE = 'the enrolment failed unexpectedly; nothing was registered here, try again';

export type SetupEvent =
  | { type: 'REGISTER'; credentials: RegisterRequest }
  | { type: 'ENROL'; enrolment: EnrolRequest }
  | { type: 'ASSIGN'; glaseId: string }
  | { type: 'UNREGISTER' }
  | { type: 'FORGET' };

/** Why the local credentials are removed: after Glase unregistered the till, or because Glase no longer knows it. */
export type ForgetReason = 'unregistered' | 'unknown-at-glase';

export type RegisterTerminalOutput = Result<{ terminalId: string }>;

const onFault = (what: string) => ({ event }: { event: unknown }): Partial<SetupContext> => {
  const maybe = notApplied((event as { error: unknown }).error) ? 'nothing was changed' : 'Glase may or may not have done it';
  return { resultCode: undefined, message: `could not reach Glase to ${what} (${maybe}); check the connection and try again` };
};

const glaseIdOf = (e: SetupEvent) => (e.type === 'ASSIGN' ? e.glaseId : '');

export const terminalSetupMachine = setup({
  types: {} as { context: SetupContext; events: SetupEvent; input: SetupInput },
  actors: {
    registerTerminal: fromPromise<RegisterTerminalOutput, RegisterRequest>(notProvided('registerTerminal')),
    enrolTerminal: fromPromise<EnrolOutput, EnrolRequest>(notProvided('enrolTerminal')),
    assignSeqrId: fromPromise<Result, { glaseId: string }>(notProvided('assignSeqrId')),
    unregisterTerminal: fromPromise<Result, void>(notProvided('unregisterTerminal')),
    forgetCredentials: fromPromise<void, { reason: ForgetReason }>(notProvided('forgetCredentials')),
  },
  guards: { validGlaseId: ({ event }) => isGlaseId(glaseIdOf(event)) },
  actions: {
    holdGlaseId: assign(({ event }) => ({ pendingGlaseId: glaseIdOf(event) })),
    sayGlaseIdProblem: assign(({ event }) => ({ resultCode: undefined, message: `the Glase ID ${glaseIdProblem(glaseIdOf(event))} (scan the Code 128 barcode on the sticker)` })),
  },
}).createMachine({
  id: 'terminalSetup',
  context: ({ input }) => ({ terminalId: input.terminalId, glaseId: input.glaseId, message: '' }),
  initial: 'start',
  states: {
    start: {
      always: [
        { guard: ({ context }) => !context.terminalId, target: 'unregistered' },
        { guard: ({ context }) => !context.glaseId, target: 'registered' },
        { target: 'ready' },
      ],
    },
    unregistered: {
      on: { REGISTER: 'registering', ENROL: 'enrolling' },
    },
    enrolling: {
      invoke: {
        id: 'enrolTerminal',
        src: 'enrolTerminal',
        input: ({ event }) => (event as Extract<SetupEvent, { type: 'ENROL' }>).enrolment,
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'registered',
            actions: assign(({ event }) => ({ terminalId: (event.output as { terminalId: string }).terminalId, glaseId: undefined, resultCode: undefined, message: ENROLLED_MESSAGE })),
          },
          { target: 'unregistered', actions: assign(({ event }) => ({ resultCode: undefined, message: (event.output as { message: string }).message })) },
        ],
        onError: { target: 'unregistered', actions: assign({ resultCode: undefined, message: ENROL_FAILED_MESSAGE }) },
      },
    },
    registering: {
      invoke: {
        id: 'registerTerminal',
        src: 'registerTerminal',
        input: ({ event }) => (event as Extract<SetupEvent, { type: 'REGISTER' }>).credentials,
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'registered',
            actions: assign(({ event }) => ({ terminalId: (event.output as { terminalId: string }).terminalId, glaseId: undefined, resultCode: 0, message: 'registered with Glase; now assign the Glase ID' })),
          },
          { target: 'unregistered', actions: assign(byCode('registerTerminal')) },
        ],
        onError: { target: 'unregistered', actions: assign(onFault('register the till')) },
      },
    },
    registered: {
      on: {
        // a Glase ID that breaks the rule never reaches Glase: the cashier reads which part it broke
        ASSIGN: [{ guard: 'validGlaseId', target: 'assigning', actions: 'holdGlaseId' }, { actions: 'sayGlaseIdProblem' }],
        UNREGISTER: 'unregistering',
        FORGET: 'forgettingUnknown',
      },
    },
    assigning: {
      invoke: {
        id: 'assignSeqrId',
        src: 'assignSeqrId',
        input: ({ context }) => ({ glaseId: context.pendingGlaseId! }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'ready',
            actions: assign(({ context }) => ({ glaseId: context.pendingGlaseId, pendingGlaseId: undefined, resultCode: 0, message: 'Glase ID assigned; the till is ready for Glase payments' })),
          },
          { target: 'checkAssigned', actions: assign(byCode('assignSeqrId')) },
        ],
        onError: { target: 'checkAssigned', actions: assign(onFault('assign the Glase ID')) },
      },
    },
    // after a failed assignment, go back to where we were
    checkAssigned: {
      always: [{ guard: ({ context }) => !!context.glaseId, target: 'ready' }, { target: 'registered' }],
    },
    ready: {
      on: {
        // a Glase ID that breaks the rule never reaches Glase: the cashier reads which part it broke
        ASSIGN: [{ guard: 'validGlaseId', target: 'assigning', actions: 'holdGlaseId' }, { actions: 'sayGlaseIdProblem' }],
        UNREGISTER: 'unregistering',
        FORGET: 'forgettingUnknown',
      },
    },
    unregistering: {
      invoke: {
        id: 'unregisterTerminal',
        src: 'unregisterTerminal',
        onDone: [
          { guard: ({ event }) => event.output.ok, target: 'forgetting' },
          { target: 'checkAssigned', actions: assign(byCode('unregisterTerminal')) },
        ],
        onError: { target: 'checkAssigned', actions: assign(onFault('unregister the till')) },
      },
    },
    forgetting: {
      invoke: {
        id: 'forgetCredentials',
        src: 'forgetCredentials',
        input: { reason: 'unregistered' as const },
        onDone: { target: 'unregistered', actions: assign({ terminalId: undefined, glaseId: undefined, resultCode: 0, message: 'unregistered; the till\'s Glase credentials were removed' }) },
        onError: { target: 'checkAssigned', actions: assign({ message: 'Glase unregistered the till but the local credentials could not be removed; unregister again' }) },
      },
    },
    // Glase no longer knows this till: nothing to ask Glase, only the local registration goes
    forgettingUnknown: {
      invoke: {
        id: 'forgetUnknown',
        src: 'forgetCredentials',
        input: { reason: 'unknown-at-glase' as const },
        onDone: { target: 'unregistered', actions: assign({ terminalId: undefined, glaseId: undefined, resultCode: undefined, message: 'the registration Glase no longer knew was removed from this till; register it again' }) },
        onError: { target: 'checkAssigned', actions: assign({ message: 'the local registration could not be removed; try again' }) },
      },
    },
  },
});

export type TerminalSetupMachine = typeof terminalSetupMachine;
