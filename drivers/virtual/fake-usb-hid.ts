// A hand-written stand-in for the `usb` module and one HID keyboard-wedge scanner, for tests and
// laptop demos. It types strings as boot keyboard reports (press/release per char, shift for
// capitals and symbols). It throws on anything a real device would refuse (claim before open,
// poll before claim, use after unplug), and records every call so tests can check the order.
import { EventEmitter } from 'node:events';
import { KEY_ENTER, KEY_TAB, MOD, US_REVERSE } from '../scanner/hid-keymap.js';
import type { UsbDeviceShape, UsbInEndpointShape, UsbInterfaceShape, UsbShape } from '../scanner/usb-shapes.js';

export type HidTerminator = 'Enter' | 'Tab' | 'none';

/** Boot reports that type `text` then the terminator. `rollover`: press the next key before releasing the last. */
export function reportsFor(text: string, opts: { terminator?: HidTerminator; rollover?: boolean } = {}): Buffer[] {
  const keys = [...text].map((ch) => {
    const k = US_REVERSE.get(ch);
    if (!k) throw new Error(`fake HID: no US key types ${JSON.stringify(ch)}`);
    return k;
  });
  const term = opts.terminator ?? 'Enter';
  if (term !== 'none') keys.push({ code: term === 'Enter' ? KEY_ENTER : KEY_TAB, shift: false });
  const out: Buffer[] = [];
  const report = (shift: boolean, ...codes: number[]) =>
    Buffer.from([shift ? MOD.leftShift : 0, 0, ...codes, ...Array(6 - codes.length).fill(0)]);
  let held: number | undefined;
  for (const k of keys) {
    if (opts.rollover && held !== undefined && held !== k.code) {
      out.push(report(k.shift, held, k.code)); // both down: only the new key counts
      out.push(report(k.shift, k.code)); // the old one released
    } else {
      if (held !== undefined) out.push(report(false));
      out.push(report(k.shift, k.code));
    }
    held = k.code;
  }
  out.push(report(false));
  return out;
}

class FakeInEndpoint extends EventEmitter implements UsbInEndpointShape {
  direction = 'in' as const;
  transferType = 3;
  descriptor = { wMaxPacketSize: 8 };
  polling = false;
  pollSize = 0;
  constructor(private readonly dev: FakeUsbHidDevice) {
    super();
  }
  startPoll(_n?: number, size?: number): unknown {
    this.dev.use('startPoll');
    if (!this.dev.iface.claimed) throw new Error('LIBUSB_ERROR_ACCESS: interface not claimed');
    this.polling = true;
    this.pollSize = size ?? 0;
    return [];
  }
  stopPoll(callback?: () => void): void {
    this.dev.calls.push('stopPoll');
    this.polling = false;
    if (callback) setImmediate(callback);
  }
}

class FakeInterface implements UsbInterfaceShape {
  interfaceNumber = 0;
  descriptor = { bInterfaceClass: 3, bInterfaceSubClass: 1, bInterfaceProtocol: 1 };
  endpoints: FakeInEndpoint[];
  kernelDriverActive = true;
  claimed = false;
  constructor(private readonly dev: FakeUsbHidDevice) {
    this.endpoints = [new FakeInEndpoint(dev)];
  }
  isKernelDriverActive(): boolean {
    this.dev.use('isKernelDriverActive');
    return this.kernelDriverActive;
  }
  detachKernelDriver(): void {
    this.dev.use('detachKernelDriver');
    this.kernelDriverActive = false;
  }
  attachKernelDriver(): void {
    this.dev.use('attachKernelDriver');
    this.kernelDriverActive = true;
  }
  claim(): void {
    this.dev.use('claim');
    if (this.kernelDriverActive) throw new Error('LIBUSB_ERROR_BUSY: kernel driver still attached');
    this.claimed = true;
  }
  release(_close: boolean, callback?: (error?: Error) => void): void {
    this.dev.use('release');
    this.claimed = false;
    if (callback) setImmediate(callback);
  }
}

export class FakeUsbHidDevice implements UsbDeviceShape {
  deviceDescriptor: { idVendor: number; idProduct: number };
  busNumber?: number;
  deviceAddress?: number;
  readonly iface = new FakeInterface(this);
  interfaces = [this.iface];
  readonly calls: string[] = [];
  opened = false;
  plugged = true;
  constructor(vid = 0x0c2e, pid = 0x0b61) {
    this.deviceDescriptor = { idVendor: vid, idProduct: pid };
  }
  get endpoint(): FakeInEndpoint {
    return this.iface.endpoints[0];
  }
  /** Every call lands here: it is recorded, and refused like libusb would once the device is gone. */
  use(call: string): void {
    this.calls.push(call);
    if (!this.plugged) throw new Error(`LIBUSB_ERROR_NO_DEVICE: ${call}`);
    if (call !== 'open' && !this.opened) throw new Error(`LIBUSB_ERROR_IO: ${call} on a closed device`);
  }
  open(): void {
    this.use('open');
    this.opened = true;
  }
  close(): void {
    this.calls.push('close');
    this.opened = false;
    this.iface.claimed = false;
  }
  interface(addr: number): FakeInterface {
    if (addr !== 0) throw new Error(`fake HID: no interface ${addr}`);
    return this.iface;
  }
  controlTransfer(bm: number, req: number, value: number, index: number, _d: number | Buffer, cb?: (e?: Error) => void): unknown {
    this.use(`control:${bm.toString(16)}/${req.toString(16)}/${value}/${index}`);
    if (cb) setImmediate(cb);
    return this;
  }
  /** Sends raw reports as the device would; refuses if nobody polls (a test set-up mistake). */
  send(reports: Buffer[]): void {
    if (!this.endpoint.polling) throw new Error('fake HID: endpoint is not being polled');
    const tooLong = reports.find((r) => r.length > this.endpoint.pollSize);
    if (tooLong) throw new Error(`LIBUSB_TRANSFER_OVERFLOW: ${tooLong.length}-byte report, ${this.endpoint.pollSize}-byte transfers`);
    for (const r of reports) this.endpoint.emit('data', r);
  }
  /** Types `text` + terminator as press/release reports. */
  type(text: string, opts: { terminator?: HidTerminator; rollover?: boolean } = {}): void {
    this.send(reportsFor(text, opts));
  }
}

/** The `usb` module stand-in: holds plugged devices and emits attach/detach like libusb hotplug. */
export class FakeUsb extends EventEmitter implements UsbShape {
  readonly devices = new Set<FakeUsbHidDevice>();
  constructor(...devices: FakeUsbHidDevice[]) {
    super();
    for (const d of devices) this.devices.add(d);
  }
  findByIds(vid: number, pid: number): FakeUsbHidDevice | undefined {
    return [...this.devices].find((d) => d.deviceDescriptor.idVendor === vid && d.deviceDescriptor.idProduct === pid);
  }
  override on(event: 'attach' | 'detach', listener: (d: UsbDeviceShape) => void): this {
    return super.on(event, listener);
  }
  override removeListener(event: 'attach' | 'detach', listener: (d: UsbDeviceShape) => void): this {
    return super.removeListener(event, listener);
  }
  /** Unplug: transfers fail with NO_DEVICE, then the detach event, as libusb reports it. */
  unplug(d: FakeUsbHidDevice): void {
    d.plugged = false;
    this.devices.delete(d);
    if (d.endpoint.polling) d.endpoint.emit('error', new Error('LIBUSB_TRANSFER_NO_DEVICE'));
    this.emit('detach', d);
  }
  /** Plug a (new) device in: a real replug is a new Device object with a fresh kernel driver. */
  plug(d: FakeUsbHidDevice): void {
    this.devices.add(d);
    this.emit('attach', d);
  }
}
