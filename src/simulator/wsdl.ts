// Serves our WSDL (src/glase/glase.wsdl, copied beside dist/src/glase by the build) with the
// soap:address of the running server. Read once and cached: never parsed per request.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const WSDL_FILE = fileURLToPath(new URL('../glase/glase.wsdl', import.meta.url));

let cached: string | undefined;

export function wsdlFor(soapUrl: string, file = WSDL_FILE): string {
  cached ??= readFileSync(file, 'utf8');
  return cached.replace(/(<(?:\w+:)?address\b[^>]*\blocation=")[^"]*(")/g, `$1${soapUrl}$2`);
}
