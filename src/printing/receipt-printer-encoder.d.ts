// The package ships no types; this declares the subset glase-pos uses.
declare module '@point-of-sale/receipt-printer-encoder' {
  export interface EncoderOptions {
    language?: 'esc-pos' | 'star-prnt' | 'star-line';
    columns?: number;
    feedBeforeCut?: number;
    printerModel?: string;
    newline?: string;
    codepageMapping?: string | Record<string, number>;
  }
  export default class ReceiptPrinterEncoder {
    constructor(options?: EncoderOptions);
    initialize(): this;
    codepage(name: string): this;
    text(value: string): this;
    line(value: string): this;
    newline(lines?: number): this;
    align(value: 'left' | 'center' | 'right'): this;
    bold(on?: boolean): this;
    invert(on?: boolean): this;
    size(width: number, height?: number): this;
    table(columns: Array<{ width: number; marginLeft?: number; marginRight?: number; align: "left" | "right" }>, rows: string[][]): this;
    rule(opts?: { style?: 'single' | 'double'; width?: number }): this;
    barcode(value: string, symbology: string, opts?: { height?: number; width?: number; text?: boolean }): this;
    qrcode(value: string, opts?: { model?: 1 | 2; size?: number; errorlevel?: 'l' | 'm' | 'q' | 'h' }): this;
    cut(type?: 'full' | 'partial'): this;
    raw(bytes: number[] | Uint8Array): this;
    encode(): Uint8Array;
  }
}
