// Printer settings → Printer. The one place that knows which transport each printer.kind means.
// Each transport is imported only for its kind: a TCP printer never loads serialport or usb.
import { Printer, type PrinterOptions } from './printer.js';
import type { SerialBinding } from './serial-transport.js';
import type { PrinterTransport } from './transport.js';
import type { UsbPrinterDeviceShape, UsbPrinterHost } from './usb-printer-shape.js';

/**
 * What the printer drivers need to know. The driver's own type, so drivers/ needs nothing
 * from src/: the config's `printer` section satisfies it (src/daemon passes that section in).
 * Config validation already required host/path/vid/pid for the kinds that need them.
 */
export interface PrinterConfig {
  kind: 'virtual' | 'tcp' | 'serial' | 'usb' | 'usblp' | 'none';
  host?: string;
  port: number;
  path?: string;
  baudRate: number;
  /** 1208 or hex as lsusb prints it: "0x04b8" / "04b8" */
  vid?: number | string;
  pid?: number | string;
}

export interface CreatePrinterDeps {
  /** for kind "virtual": where the printer emulator listens */
  virtual?: { host: string; port: number };
  serialBinding?: SerialBinding;
  usb?: UsbPrinterHost;
  options?: PrinterOptions;
}

/** undefined for kind "none". */
export async function createPrinter(cfg: PrinterConfig, deps: CreatePrinterDeps = {}): Promise<Printer | undefined> {
  const transport = await createTransport(cfg, deps);
  return transport && new Printer(transport, deps.options);
}

export async function createTransport(cfg: PrinterConfig, deps: CreatePrinterDeps = {}): Promise<PrinterTransport | undefined> {
  switch (cfg.kind) {
    case 'none':
      return undefined;
    case 'virtual':
      if (!deps.virtual) throw new Error('printer.kind is virtual: start the printer emulator first and pass its host and port');
      return new (await import('./tcp-transport.js')).TcpTransport(deps.virtual);
    case 'tcp':
      return new (await import('./tcp-transport.js')).TcpTransport({ host: cfg.host!, port: cfg.port });
    case 'serial': {
      const binding = deps.serialBinding ?? ((await import('serialport')).SerialPort.binding as SerialBinding);
      return new (await import('./serial-transport.js')).SerialTransport({ path: cfg.path!, baudRate: cfg.baudRate, binding });
    }
    case 'usblp':
      return new (await import('./usblp-transport.js')).UsblpTransport(cfg.path!);
    case 'usb': {
      const [{ UsbTransport }, { loadUsb }, { usbId }] = await Promise.all([import('./usb-transport.js'), import('../usb/usb-host.js'), import('../usb/usb-id.js')]);
      return new UsbTransport({
        host: deps.usb ?? (await loadUsb<UsbPrinterDeviceShape>()),
        vid: usbId(cfg.vid, 'printer.vid'),
        pid: usbId(cfg.pid, 'printer.pid'),
      });
    }
  }
}
