// The small part of the `usb` 2.x legacy API a USB printer-class driver needs. The real module
// satisfies it (loadUsbForPrinter); drivers/virtual/fake-usb-printer.ts stands in for tests.
// Why 2.x: 3.x keeps only the WebUSB API and throws where /sys/bus/usb is missing; 2.x still
// has the legacy API (kernel-driver detach, bulk transfers) and hotplug attach/detach events.

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

export interface UsbPrinterHost {
  findByIds(vid: number, pid: number): UsbPrinterDeviceShape | undefined;
  on(event: 'attach' | 'detach', listener: (device: UsbPrinterDeviceShape) => void): void;
  removeListener(event: 'attach' | 'detach', listener: (device: UsbPrinterDeviceShape) => void): void;
}

export const USB_CLASS_PRINTER = 7;
export const LIBUSB_TRANSFER_TYPE_BULK = 2;
/** libusb's LIBUSB_ERROR_TIMEOUT: a bulk IN that found nothing to read. */
export const LIBUSB_ERROR_TIMEOUT = -7;

/** Loads the native `usb` module only when a USB printer is configured. */
export async function loadUsbForPrinter(): Promise<UsbPrinterHost> {
  const mod = await import('usb');
  const emitter = mod.usb as unknown as Pick<UsbPrinterHost, 'on' | 'removeListener'>;
  return {
    findByIds: (vid, pid) => mod.findByIds(vid, pid) as unknown as UsbPrinterDeviceShape | undefined,
    on: (e, l) => emitter.on(e, l),
    removeListener: (e, l) => emitter.removeListener(e, l),
  };
}
