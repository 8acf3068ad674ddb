// A hand-written USB printer-class device behind the `usb` legacy API shape, backed by the
// emulator's PrinterCore: bulk OUT feeds it, bulk IN returns its status answers. Plug and
// unplug emit hotplug events like libusb does. Calls outside that shape do not exist here.
import { EventEmitter } from 'node:events';
import { LIBUSB_ERROR_TIMEOUT, LIBUSB_TRANSFER_TYPE_BULK } from '../usb/usb-host.js';
import {
  USB_CLASS_PRINTER,
  type UsbBulkEndpointShape,
  type UsbPrinterDeviceShape,
  type UsbPrinterHost,
  type UsbPrinterInterfaceShape,
} from '../printer/usb-printer-shape.js';
import { PrinterCore } from './printer-core.js';

const LIBUSB_ERROR_NO_DEVICE = -4;
const usbError = (errno: number, message: string) => Object.assign(new Error(message), { errno });

export class FakeUsbPrinter implements UsbPrinterHost {
  readonly core: PrinterCore;
  readonly calls: string[] = [];
  kernelDriverActive = true;
  private plugged = true;
  private opened = false;
  private claimed = false;
  private replies: number[] = [];
  private readonly hub = new EventEmitter();
  readonly device: UsbPrinterDeviceShape;

  constructor(
    readonly vid = 0x04b8,
    readonly pid = 0x0202,
    core?: PrinterCore,
  ) {
    this.core = core ?? new PrinterCore(42);
    const self = this;
    const out: UsbBulkEndpointShape = {
      direction: 'out',
      transferType: LIBUSB_TRANSFER_TYPE_BULK,
      timeout: 0,
      transfer(buf, cb) {
        if (!Buffer.isBuffer(buf)) throw new Error('fake usb: OUT transfer needs a Buffer');
        setImmediate(() => {
          if (!self.live()) return cb(usbError(LIBUSB_ERROR_NO_DEVICE, 'LIBUSB_ERROR_NO_DEVICE'));
          self.replies.push(...self.core.feed(buf));
          cb(undefined, buf.length);
        });
        return this;
      },
    };
    const inEp: UsbBulkEndpointShape = {
      direction: 'in',
      transferType: LIBUSB_TRANSFER_TYPE_BULK,
      timeout: 0,
      transfer(len, cb) {
        if (typeof len !== 'number') throw new Error('fake usb: IN transfer needs a length');
        const finish = () => {
          if (!self.live()) return cb(usbError(LIBUSB_ERROR_NO_DEVICE, 'LIBUSB_ERROR_NO_DEVICE'));
          if (self.replies.length) return cb(undefined, Buffer.from(self.replies.splice(0, len)));
          cb(usbError(LIBUSB_ERROR_TIMEOUT, 'LIBUSB_ERROR_TIMEOUT'));
        };
        // Answers already waiting come back at once; otherwise the transfer times out.
        if (self.replies.length) setImmediate(finish);
        else setTimeout(finish, Math.min(this.timeout || 50, 50));
        return this;
      },
    };
    const iface: UsbPrinterInterfaceShape = {
      descriptor: { bInterfaceClass: USB_CLASS_PRINTER },
      endpoints: [out, inEp],
      isKernelDriverActive: () => this.kernelDriverActive,
      detachKernelDriver: () => {
        this.calls.push('detachKernelDriver');
        this.kernelDriverActive = false;
      },
      claim: () => {
        if (!this.opened) throw new Error('fake usb: claim before open');
        if (this.kernelDriverActive) throw usbError(-6, 'LIBUSB_ERROR_BUSY (kernel driver attached)');
        this.calls.push('claim');
        this.claimed = true;
      },
      release: (_close, cb) => {
        this.calls.push('release');
        this.claimed = false;
        cb?.();
      },
    };
    this.device = {
      deviceDescriptor: { idVendor: vid, idProduct: pid },
      interfaces: [iface],
      open: () => {
        if (!this.plugged) throw usbError(LIBUSB_ERROR_NO_DEVICE, 'LIBUSB_ERROR_NO_DEVICE');
        this.calls.push('open');
        this.opened = true;
      },
      close: () => {
        this.calls.push('close');
        this.opened = false;
      },
    };
  }

  findByIds(vid: number, pid: number): UsbPrinterDeviceShape | undefined {
    return this.plugged && vid === this.vid && pid === this.pid ? this.device : undefined;
  }

  on(event: 'attach' | 'detach', l: (d: UsbPrinterDeviceShape) => void): void {
    this.hub.on(event, l);
  }

  removeListener(event: 'attach' | 'detach', l: (d: UsbPrinterDeviceShape) => void): void {
    this.hub.removeListener(event, l);
  }

  unplug(): void {
    this.plugged = false;
    this.opened = this.claimed = false;
    this.kernelDriverActive = true; // the kernel binds usblp again on the next plug
    this.replies = [];
    this.hub.emit('detach', this.device);
  }

  plug(): void {
    this.plugged = true;
    this.hub.emit('attach', this.device);
  }

  private live(): boolean {
    return this.plugged && this.opened && this.claimed;
  }
}
