export { receiptDocument, localTime, COPY_MARK, type ReceiptLayout, type ReceiptOptions, type ReceiptBlock } from './receipt-document.js';
export { receiptBytes, blocksToEscPos, code128Payload } from './escpos.js';
export { printedReceiptText, blocksToText } from './text.js';
export { receiptSvg, blocksToSvg } from './svg.js';
export { code128Values, code128Widths, code128Decode } from '../../drivers/barcode/code128.js';
export { layoutFromConfig } from './layout-from-config.js';
