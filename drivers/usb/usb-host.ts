// The one place that loads the native `usb` module, for every USB driver (printer class,
// HID scanner). Each driver describes the device shape it needs (drivers/printer/
// usb-printer-shape.ts, drivers/scanner/usb-shapes.ts); a fake in drivers/virtual stands in
// for tests. Why `usb` 2.x: 3.x keeps only the WebUSB API and throws where /sys/bus/usb is
// missing; 2.x still has the legacy API (kernel-driver detach, bulk and interrupt transfers)
// and hotplug attach/detach events.

/** The bus: find a device by ids and hear about hotplug. D is the driver's device shape. */
export interface UsbHost<D> {
  findByIds(vid: number, pid: number): D | undefined;
  on(event: 'attach' | 'detach', listener: (device: D) => void): void;
  removeListener(event: 'attach' | 'detach', listener: (device: D) => void): void;
}

/** libusb transfer types, as endpoint.transferType reports them. */
export const LIBUSB_TRANSFER_TYPE_BULK = 2;
export const LIBUSB_TRANSFER_TYPE_INTERRUPT = 3;
/** libusb's LIBUSB_ERROR_TIMEOUT: a transfer that found nothing to read in time. */
export const LIBUSB_ERROR_TIMEOUT = -7;

/**
 * Loads the native module only when a USB device is configured (it opens libusb). The cast
 * is the one place where the real module is trusted to match the driver's shape.
 */
export async function loadUsb<D>(): Promise<UsbHost<D>> {
  const mod = await import('usb');
  const bus = mod.usb as unknown as Pick<UsbHost<D>, 'on' | 'removeListener'>;
  return {
    findByIds: (vid, pid) => mod.findByIds(vid, pid) as unknown as D | undefined,
    on: (e, l) => bus.on(e, l),
    removeListener: (e, l) => bus.removeListener(e, l),
  };
}
