// The small part of the `usb` 2.x legacy API the HID scanner uses. The real module satisfies it
// (loadRealUsb below); drivers/virtual/fake-usb-hid.ts is a hand-written stand-in for tests.
import type { EventEmitter } from 'node:events';

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

export interface UsbShape {
  findByIds(vid: number, pid: number): UsbDeviceShape | undefined;
  on(event: 'attach' | 'detach', listener: (device: UsbDeviceShape) => void): void;
  removeListener(event: 'attach' | 'detach', listener: (device: UsbDeviceShape) => void): void;
}

export const LIBUSB_TRANSFER_TYPE_INTERRUPT = 3;
export const USB_CLASS_HID = 3;
export const HID_PROTOCOL_KEYBOARD = 1;

/** Loads the native `usb` module only when a USB scanner is configured (it opens libusb). */
export async function loadRealUsb(): Promise<UsbShape> {
  const mod = await import('usb');
  const usb = mod.usb as unknown as Pick<UsbShape, 'on' | 'removeListener'>;
  return {
    findByIds: (vid, pid) => mod.findByIds(vid, pid) as unknown as UsbDeviceShape | undefined,
    on: (e, l) => usb.on(e, l),
    removeListener: (e, l) => usb.removeListener(e, l),
  };
}
