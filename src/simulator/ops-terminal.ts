// registerTerminal, unregisterTerminal, assignSeqrId (facts §6.2).
import * as ids from './ids.js';
import { supersede } from './ledger.js';
import { str } from './invoice-validate.js';
import { el } from './soap-write.js';
import type { Op } from './op-types.js';

export const registerTerminal: Op = {
  need: 'RESELLERUSER',
  run(e, body, { reseller }) {
    const password = str(body.password) ?? '';
    if (password === '') return { code: 22, why: 'password is missing' };
    const id = ids.terminalId();
    e.store.saveTerminal({
      id,
      resellerId: reseller.id,
      externalTerminalId: str(body.externalTerminalId) ?? '',
      name: str(body.name) ?? '',
      password,
      blocked: false,
      unregistered: false,
      registeredAt: e.now(),
    });
    return { code: 0, extra: el('terminalId', id) };
  },
};

export const unregisterTerminal: Op = {
  need: 'TERMINALID',
  run(e, _body, { terminal }) {
    e.store.atomically(() => {
      const open = e.openOf(terminal.id);
      const cancelled = open && supersede(open, 'unregister');
      if (cancelled) e.store.saveInvoice(cancelled);
      e.store.saveTerminal({ ...terminal, unregistered: true, seqrId: undefined });
    });
    return { code: 0 };
  },
};

export const assignSeqrId: Op = {
  need: 'TERMINALID',
  run(e, body, { terminal }) {
    const seqrId = str(body.seqrId)?.trim() ?? '';
    if (!/^[A-Za-z0-9]{1,64}$/.test(seqrId)) return { code: 53, why: 'seqrId must be 1-64 letters or digits' };
    const owner = e.store.bySeqrId.get(seqrId);
    if (owner && owner !== terminal.id) return { code: 53, why: 'seqrId belongs to another terminal' };
    if (owner !== terminal.id) e.store.saveTerminal({ ...terminal, seqrId });
    return { code: 0 };
  },
};
