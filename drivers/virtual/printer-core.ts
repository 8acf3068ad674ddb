// The printer inside the emulator, whatever the wire: decodes ESC/POS, answers DLE EOT from a
// settable state, and keeps what it printed. Paper running out mid-job models a printer that
// drops its buffer at paper end: the rest of that job is lost and the document is incomplete.
import { EventEmitter } from 'node:events';
import { encodeStatus } from '../printer/status.js';
import { EscPosDecoder } from './escpos-decoder.js';
import { renderDocumentSvg, type PrintedItem } from './printer-render.js';

export interface EmulatorState {
  paperOut: boolean;
  coverOpen: boolean;
  offline: boolean;
  paperNearEnd: boolean;
  error: boolean;
  /** paper runs out after this many more printed lines (undefined: endless roll) */
  paperLeftLines?: number;
  /** answer no status queries, like a printer without a back channel */
  mute: boolean;
}

export type { PrintedItem };

export interface PrintedDocument {
  items: PrintedItem[];
  lines: string[];
  barcodes: Array<{ symbology: string; data: string }>;
  qrcodes: string[];
  cut: boolean;
  /** paper ran out (or the cover opened) before the cut */
  interrupted: boolean;
  text: string;
  svg: string;
  at: string;
}

const IDLE: EmulatorState = { paperOut: false, coverOpen: false, offline: false, paperNearEnd: false, error: false, mute: false };

export class PrinterCore extends EventEmitter<{ document: [PrintedDocument]; state: [EmulatorState] }> {
  state: EmulatorState = { ...IDLE };
  readonly documents: PrintedDocument[] = [];
  bytesReceived = 0;
  /** DLE DC4 8 requests seen (the emulator drops a job's rest at paper end anyway) */
  buffersCleared = 0;
  private decoder = new EscPosDecoder();
  private current: PrintedItem[] = [];
  private interrupted = false;

  constructor(private readonly columns = 48) {
    super();
  }

  setState(patch: Partial<EmulatorState>): void {
    this.state = { ...this.state, ...patch };
    this.emit('state', this.state);
  }

  /** Feeds bytes from the host; returns the bytes the printer sends back. */
  feed(bytes: Uint8Array): Uint8Array {
    this.bytesReceived += bytes.length;
    const replies: number[] = [];
    for (const ev of this.decoder.push(bytes)) {
      if (ev.type === 'status-request') {
        if (!this.state.mute && ev.n >= 1 && ev.n <= 4) replies.push(this.statusByte(ev.n));
        continue;
      }
      if (ev.type === 'init') {
        this.finish(false);
        continue;
      }
      if (ev.type === 'clear-buffer') {
        this.buffersCleared++;
        continue;
      }
      if (ev.type === 'unknown') continue;
      if (!this.canPrint()) {
        if (this.current.length) this.interrupted = true;
        continue;
      }
      if (ev.type === 'line') {
        this.current.push({ kind: 'line', text: ev.text });
        if (this.state.paperLeftLines !== undefined && --this.state.paperLeftLines <= 0) {
          this.setState({ paperOut: true, paperLeftLines: undefined });
          this.interrupted = true;
          this.finish(false);
        }
      } else if (ev.type === 'barcode') this.current.push({ kind: 'barcode', symbology: ev.symbology, data: ev.data });
      else if (ev.type === 'qrcode') this.current.push({ kind: 'qrcode', data: ev.data });
      else if (ev.type === 'cut') {
        this.current.push({ kind: 'cut', partial: ev.partial });
        this.finish(true);
      }
    }
    return Uint8Array.from(replies);
  }

  private canPrint(): boolean {
    const s = this.state;
    return !s.paperOut && !s.coverOpen && !s.offline && !s.error;
  }

  private statusByte(n: number): number {
    const s = this.state;
    return encodeStatus({
      online: this.canPrint(),
      coverOpen: s.coverOpen,
      paperEnd: s.paperOut,
      paperNearEnd: s.paperNearEnd,
      error: s.error,
    })[n - 1];
  }

  /** Closes the current document; blank feed lines alone are not a document. */
  private finish(cut: boolean): void {
    const items = this.current;
    const interrupted = this.interrupted || (!cut && items.length > 0);
    this.current = [];
    this.interrupted = false;
    if (!items.some((i) => i.kind !== 'line' || i.text !== '')) return;
    const doc = asDocument(items, cut, interrupted, this.columns);
    this.documents.push(doc);
    this.emit('document', doc);
  }
}

function asDocument(items: PrintedItem[], cut: boolean, interrupted: boolean, columns: number): PrintedDocument {
  const text = items
    .map((i) => (i.kind === 'line' ? i.text : i.kind === 'barcode' ? `[${i.symbology.toUpperCase()} ${i.data}]` : i.kind === 'qrcode' ? `[QR ${i.data}]` : '- - - cut - - -'))
    .join('\n');
  return {
    items,
    lines: items.flatMap((i) => (i.kind === 'line' ? [i.text] : [])),
    barcodes: items.flatMap((i) => (i.kind === 'barcode' ? [{ symbology: i.symbology, data: i.data }] : [])),
    qrcodes: items.flatMap((i) => (i.kind === 'qrcode' ? [i.data] : [])),
    cut,
    interrupted,
    text: text + '\n',
    svg: renderDocumentSvg(items, columns),
    at: new Date().toISOString(),
  };
}
