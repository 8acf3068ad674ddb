// A USB HID keyboard-wedge scanner read directly over libusb: the kernel's keyboard driver is
// detached so scanned digits never reach the screen; the boot keyboard reports are decoded here.
// Hotplug: 'detach' (or a failing endpoint) → disconnected; 'attach' of the same VID:PID →
// connected again. While absent, the device is also looked up every retryMs (attach may be missed
// or come before udev has set permissions).
import { silentDriverLogger, type DriverLogger } from '../logger.js';
import { LIBUSB_TRANSFER_TYPE_INTERRUPT } from '../usb/usb-host.js';
import { HidScanDecoder } from './hid-decoder.js';
import { BaseScanner } from './scanner.js';
import { ScannerError } from './scanner-error.js';
import {
  HID_PROTOCOL_KEYBOARD,
  USB_CLASS_HID,
  type UsbDeviceShape,
  type UsbInEndpointShape,
  type UsbInterfaceShape,
  type UsbShape,
} from './usb-shapes.js';

export interface UsbHidScannerOptions {
  usb: UsbShape;
  vid: number;
  pid: number;
  /** Look-up interval while the device is absent. */
  retryMs?: number;
  maxLength?: number;
  log?: DriverLogger;
  now?: () => number;
}

interface Open {
  device: UsbDeviceShape;
  iface: UsbInterfaceShape;
  endpoint: UsbInEndpointShape;
  kernelDetached: boolean;
}

export class UsbHidScanner extends BaseScanner {
  readonly #o: Required<Omit<UsbHidScannerOptions, 'now'>>;
  readonly #decoder: HidScanDecoder;
  #open: Open | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running = false;

  constructor(opts: UsbHidScannerOptions) {
    super(opts.now);
    this.#o = { retryMs: 2_000, maxLength: 256, log: silentDriverLogger, ...opts };
    this.#decoder = new HidScanDecoder({ maxLength: this.#o.maxLength });
  }

  get id(): string {
    const hex = (n: number) => n.toString(16).padStart(4, '0');
    return `${hex(this.#o.vid)}:${hex(this.#o.pid)}`;
  }

  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    this.#o.usb.on('attach', this.#onAttach);
    this.#o.usb.on('detach', this.#onDetach);
    const device = this.#o.usb.findByIds(this.#o.vid, this.#o.pid);
    if (device) this.#connect(device);
    else {
      this.#o.log.warn('usb scanner not present; waiting for it', { id: this.id });
      this.#scheduleRetry();
    }
  }

  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    this.#o.usb.removeListener('attach', this.#onAttach);
    this.#o.usb.removeListener('detach', this.#onDetach);
    const open = this.#open;
    this.#open = undefined;
    if (open) await closeGracefully(open);
    this.setConnected(false);
  }

  #matches(d: UsbDeviceShape): boolean {
    return d.deviceDescriptor.idVendor === this.#o.vid && d.deviceDescriptor.idProduct === this.#o.pid;
  }

  #onAttach = (d: UsbDeviceShape): void => {
    if (!this.#running || this.#open || !this.#matches(d)) return;
    clearTimeout(this.#timer);
    this.#connect(d);
  };

  #onDetach = (d: UsbDeviceShape): void => {
    const open = this.#open?.device;
    if (open && (open === d || (d.busNumber !== undefined && d.busNumber === open.busNumber && d.deviceAddress === open.deviceAddress)))
      this.#lost(new ScannerError('disconnected', `usb scanner ${this.id} was unplugged`));
  };

  #connect(device: UsbDeviceShape): void {
    let step = 'open';
    let iface: UsbInterfaceShape | undefined;
    let kernelDetached = false;
    try {
      device.open();
      step = 'find keyboard interface';
      iface = keyboardInterface(device);
      step = 'detach kernel driver';
      if (iface.isKernelDriverActive()) {
        iface.detachKernelDriver();
        kernelDetached = true;
      }
      step = 'claim interface';
      iface.claim();
      step = 'find interrupt IN endpoint';
      const endpoint = interruptIn(iface);
      // SET_PROTOCOL(boot) so a device in report protocol still sends the 8-byte layout we decode.
      device.controlTransfer(0x21, 0x0b, 0, iface.interfaceNumber, Buffer.alloc(0), (err) => {
        if (err) this.#o.log.warn('usb scanner refused SET_PROTOCOL boot; decoding anyway', { id: this.id, err });
      });
      endpoint.on('data', (buf: Buffer) => {
        for (const payload of this.#decoder.push(buf)) this.emitScan(payload);
      });
      endpoint.on('error', (err: Error) => this.#lost(new ScannerError('io', `usb scanner ${this.id}: ${err.message}`, { cause: err })));
      step = 'start polling';
      // A transfer shorter than the endpoint's packet would overflow on a 64-byte-report device.
      endpoint.startPoll(2, Math.max(8, endpoint.descriptor?.wMaxPacketSize ?? 8));
      this.#open = { device, iface, endpoint, kernelDetached };
      this.#o.log.info('usb scanner connected', { id: this.id, interface: iface.interfaceNumber, kernelDetached });
      this.setConnected(true);
    } catch (err) {
      const code = step === 'open' ? 'open' : step === 'start polling' ? 'io' : 'claim';
      const e = new ScannerError(code, `usb scanner ${this.id}: cannot ${step}: ${(err as Error).message}`, { cause: err });
      this.#o.log.warn('usb scanner setup failed', { id: this.id, step, err: e });
      if (iface && kernelDetached) tryIt(() => iface!.attachKernelDriver());
      tryIt(() => device.close());
      this.fail(e);
      this.#scheduleRetry();
    }
  }

  #lost(err: ScannerError): void {
    const open = this.#open;
    if (!open) return;
    this.#open = undefined;
    open.endpoint.removeAllListeners('data');
    open.endpoint.removeAllListeners('error');
    // The device is gone: no release or kernel re-attach (they would only fail); free the handle.
    tryIt(() => open.endpoint.stopPoll());
    tryIt(() => open.device.close());
    this.#decoder.reset();
    this.#o.log.warn('usb scanner disconnected', { id: this.id, err });
    this.setConnected(false); // 'disconnected' is the signal; an unplug is not an 'error'
    this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    if (!this.#running) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      if (!this.#running || this.#open) return;
      const d = this.#o.usb.findByIds(this.#o.vid, this.#o.pid);
      if (d) this.#connect(d);
      else this.#scheduleRetry();
    }, this.#o.retryMs);
  }
}

function keyboardInterface(device: UsbDeviceShape): UsbInterfaceShape {
  const all = device.interfaces ?? [device.interface(0)];
  const hid = all.filter((i) => i.descriptor.bInterfaceClass === USB_CLASS_HID);
  const kbd = hid.find((i) => i.descriptor.bInterfaceProtocol === HID_PROTOCOL_KEYBOARD) ?? hid[0];
  if (!kbd) throw new Error('no HID interface');
  return kbd;
}

function interruptIn(iface: UsbInterfaceShape): UsbInEndpointShape {
  const ep = (iface.endpoints as UsbInEndpointShape[]).find(
    (e) => e.direction === 'in' && e.transferType === LIBUSB_TRANSFER_TYPE_INTERRUPT,
  );
  if (!ep) throw new Error('no interrupt IN endpoint');
  return ep;
}

/** Stop polling, release, give the keyboard back to the kernel, close: so the device works after we quit. */
async function closeGracefully(open: Open): Promise<void> {
  open.endpoint.removeAllListeners('data');
  await withTimeout((done) => open.endpoint.stopPoll(done), 500);
  open.endpoint.removeAllListeners('error');
  await withTimeout((done) => open.iface.release(true, () => done()), 500);
  if (open.kernelDetached) tryIt(() => open.iface.attachKernelDriver());
  tryIt(() => open.device.close());
}

function withTimeout(run: (done: () => void) => void, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    const done = () => {
      clearTimeout(t);
      resolve();
    };
    try {
      run(done);
    } catch {
      done();
    }
  });
}

function tryIt(f: () => void): void {
  try {
    f();
  } catch {
    /* the device may already be gone */
  }
}
