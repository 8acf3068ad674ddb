// The small part of the `usb` 2.x legacy API a USB printer-class driver needs. The real module
// satisfies it (loadUsb in drivers/usb/usb-host.ts); drivers/virtual/fake-usb-printer.ts
// stands in for tests.
import type { UsbHost } from '../usb/usb-host.js';

export interface UsbBulkEndpointShape {
  direction: 'in' | 'out';
  /** 2 = LIBUSB_TRANSFER_TYPE_BULK */
  transferType: number;
  /** ms; 0 = wait forever */
  timeout: number;
  transfer(
    bufferOrLength: Buffer | number,
    callback: (error: (Error & { errno?: number }) | undefined, dataOrActual?: Buffer | number) => void,
  ): unknown;
}

export interface UsbPrinterInterfaceShape {
  descriptor: { bInterfaceClass: number };
  endpoints: UsbBulkEndpointShape[];
  isKernelDriverActive(): boolean;
  detachKernelDriver(): void;
  claim(): void;
  release(closeEndpoints: boolean, callback?: (error?: Error) => void): void;
}

export interface UsbPrinterDeviceShape {
  deviceDescriptor: { idVendor: number; idProduct: number };
  interfaces?: UsbPrinterInterfaceShape[];
  open(defaultConfig?: boolean): void;
  close(): void;
}

export type UsbPrinterHost = UsbHost<UsbPrinterDeviceShape>;

export const USB_CLASS_PRINTER = 7;
