// Config → Printer. The one place that knows which transport each printer.kind means.
import type { Config } from '../../src/config.js';
import { Printer, type PrinterOptions } from './printer.js';
import { SerialTransport, type SerialBinding } from './serial-transport.js';
import { TcpTransport } from './tcp-transport.js';
import type { PrinterTransport } from './transport.js';
import { loadUsbForPrinter, type UsbPrinterHost } from './usb-printer-shape.js';
import { UsbTransport } from './usb-transport.js';
import { UsblpTransport } from './usblp-transport.js';

export interface CreatePrinterDeps {
  /** for kind "virtual": where the printer emulator listens */
  virtual?: { host: string; port: number };
  serialBinding?: SerialBinding;
  usb?: UsbPrinterHost;
  options?: PrinterOptions;
}

/** undefined for kind "none". Config validation already required host/path/vid/pid per kind. */
export async function createPrinter(cfg: Config['printer'], deps: CreatePrinterDeps = {}): Promise<Printer | undefined> {
  const transport = await createTransport(cfg, deps);
  return transport && new Printer(transport, deps.options);
}

export async function createTransport(cfg: Config['printer'], deps: CreatePrinterDeps = {}): Promise<PrinterTransport | undefined> {
  switch (cfg.kind) {
    case 'none':
      return undefined;
    case 'virtual':
      if (!deps.virtual) throw new Error('printer.kind is virtual: start the printer emulator first and pass its host and port');
      return new TcpTransport(deps.virtual);
    case 'tcp':
      return new TcpTransport({ host: cfg.host!, port: cfg.port });
    case 'serial': {
      const binding = deps.serialBinding ?? ((await import('serialport')).SerialPort.binding as SerialBinding);
      return new SerialTransport({ path: cfg.path!, baudRate: cfg.baudRate, binding });
    }
    case 'usblp':
      return new UsblpTransport(cfg.path!);
    case 'usb':
      return new UsbTransport({ host: deps.usb ?? (await loadUsbForPrinter()), vid: usbId(cfg.vid!), pid: usbId(cfg.pid!) });
  }
}

/** 0x04b8, "04b8", "0x04b8" → 1208 */
export function usbId(v: number | string): number {
  return typeof v === 'number' ? v : parseInt(v.replace(/^0x/i, ''), 16);
}
