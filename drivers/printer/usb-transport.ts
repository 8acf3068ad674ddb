// USB printer class (interface class 7) through the `usb` legacy API: find by VID/PID, detach
// the kernel usblp driver, claim, bulk OUT for data, bulk IN for status answers. Hotplug: a
// detach of our device is a disconnect; an attach emits 'attach' so the Printer rechecks.
import { DeviceError } from './device-error.js';
import { BufferedTransport } from './transport.js';
import { LIBUSB_ERROR_TIMEOUT, LIBUSB_TRANSFER_TYPE_BULK } from '../usb/usb-host.js';
import {
  USB_CLASS_PRINTER,
  type UsbBulkEndpointShape,
  type UsbPrinterDeviceShape,
  type UsbPrinterHost,
  type UsbPrinterInterfaceShape,
} from './usb-printer-shape.js';

export interface UsbTransportOptions {
  host: UsbPrinterHost;
  vid: number;
  pid: number;
}

const hex = (n: number) => n.toString(16).padStart(4, '0');

export class UsbTransport extends BufferedTransport {
  readonly description: string;
  protected override readonly pulls = true;
  private device?: UsbPrinterDeviceShape;
  private iface?: UsbPrinterInterfaceShape;
  private out?: UsbBulkEndpointShape;
  private in?: UsbBulkEndpointShape;
  private readonly onAttach = (d: UsbPrinterDeviceShape) => this.matches(d) && this.emit('attach');
  private readonly onDetach = (d: UsbPrinterDeviceShape) => {
    if (!this.matches(d) || !this.device) return;
    this.forget();
    this.lost(new Error('unplugged'));
  };

  constructor(private readonly opts: UsbTransportOptions) {
    super();
    this.description = `usb ${hex(opts.vid)}:${hex(opts.pid)}`;
    opts.host.on('attach', this.onAttach);
    opts.host.on('detach', this.onDetach);
  }

  get isOpen(): boolean {
    return !!this.out;
  }

  async open(): Promise<void> {
    if (this.out) return;
    this.discardInput();
    const device = this.opts.host.findByIds(this.opts.vid, this.opts.pid);
    if (!device) throw new DeviceError('disconnected', `${this.description}: printer not plugged in`);
    try {
      device.open();
      const iface = (device.interfaces ?? []).find((i) => i.descriptor.bInterfaceClass === USB_CLASS_PRINTER) ?? device.interfaces?.[0];
      if (!iface) throw new Error('no interface');
      // The kernel's usblp owns the interface until we take it; not every platform has one.
      if (iface.isKernelDriverActive()) iface.detachKernelDriver();
      iface.claim();
      const bulk = (dir: 'in' | 'out') => iface.endpoints.find((e) => e.direction === dir && e.transferType === LIBUSB_TRANSFER_TYPE_BULK);
      const out = bulk('out');
      if (!out) throw new Error('no bulk OUT endpoint');
      this.device = device;
      this.iface = iface;
      this.out = out;
      this.in = bulk('in'); // unidirectional printers have none: status then reports noStatus
    } catch (e) {
      this.forget();
      try {
        device.close();
      } catch {
        /* already closed */
      }
      throw new DeviceError('disconnected', `${this.description}: cannot open (${(e as Error).message})`, { cause: e });
    }
  }

  write(bytes: Uint8Array): Promise<void> {
    const out = this.out;
    if (!out) return Promise.reject(new DeviceError('disconnected', `${this.description}: not open`));
    out.timeout = 10_000;
    return new Promise((resolve, reject) =>
      out.transfer(Buffer.from(bytes), (e) =>
        e ? reject(new DeviceError(e.errno === LIBUSB_ERROR_TIMEOUT ? 'timeout' : 'disconnected', `${this.description}: write failed (${e.message})`, { cause: e })) : resolve(),
      ),
    );
  }

  protected override poll(timeoutMs: number): Promise<void> {
    const inEp = this.in;
    if (!inEp) return new Promise((r) => setTimeout(r, timeoutMs));
    inEp.timeout = Math.max(1, timeoutMs);
    return new Promise((resolve) =>
      inEp.transfer(64, (e, data) => {
        if (e && e.errno !== LIBUSB_ERROR_TIMEOUT) {
          this.forget();
          this.lost(e);
        } else if (Buffer.isBuffer(data) && data.length) this.received(data);
        resolve();
      }),
    );
  }

  async close(): Promise<void> {
    const { iface, device } = this;
    this.forget();
    if (iface) await new Promise<void>((r) => iface.release(true, () => r()));
    try {
      device?.close();
    } catch {
      /* unplugged meanwhile */
    }
  }

  /** Stops listening for hotplug; call when the printer is no longer configured. */
  async dispose(): Promise<void> {
    this.opts.host.removeListener('attach', this.onAttach);
    this.opts.host.removeListener('detach', this.onDetach);
    await this.close();
  }

  private matches(d: UsbPrinterDeviceShape): boolean {
    return d.deviceDescriptor.idVendor === this.opts.vid && d.deviceDescriptor.idProduct === this.opts.pid;
  }

  private forget(): void {
    this.device = this.iface = this.out = this.in = undefined;
  }
}
