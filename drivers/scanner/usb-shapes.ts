// The small part of the `usb` 2.x legacy API the HID scanner uses. The real module satisfies it
// (loadUsb in drivers/usb/usb-host.ts); drivers/virtual/fake-usb-hid.ts is a hand-written
// stand-in for tests.
import type { EventEmitter } from 'node:events';
import type { UsbHost } from '../usb/usb-host.js';

export interface UsbInEndpointShape extends Pick<EventEmitter, 'on' | 'removeAllListeners'> {
  direction: 'in' | 'out';
  /** 3 = LIBUSB_TRANSFER_TYPE_INTERRUPT. */
  transferType: number;
  descriptor?: { wMaxPacketSize: number };
  startPoll(nTransfers?: number, transferSize?: number): unknown;
  stopPoll(callback?: () => void): void;
}

export interface UsbInterfaceShape {
  interfaceNumber: number;
  descriptor: { bInterfaceClass: number; bInterfaceSubClass: number; bInterfaceProtocol: number };
  endpoints: UsbInEndpointShape[] | readonly unknown[];
  isKernelDriverActive(): boolean;
  detachKernelDriver(): void;
  attachKernelDriver(): void;
  claim(): void;
  release(closeEndpoints: boolean, callback?: (error?: Error) => void): void;
}

export interface UsbDeviceShape {
  deviceDescriptor: { idVendor: number; idProduct: number };
  /** Where it sits on the bus: identifies the device across Device objects (hotplug events). */
  busNumber?: number;
  deviceAddress?: number;
  interfaces?: UsbInterfaceShape[];
  open(defaultConfig?: boolean): void;
  close(): void;
  interface(addr: number): UsbInterfaceShape;
  controlTransfer(
    bmRequestType: number,
    bRequest: number,
    wValue: number,
    wIndex: number,
    dataOrLength: number | Buffer,
    callback?: (error?: Error, data?: Buffer | number) => void,
  ): unknown;
}

export type UsbShape = UsbHost<UsbDeviceShape>;

export const USB_CLASS_HID = 3;
export const HID_PROTOCOL_KEYBOARD = 1;
