// The request target, read defensively: anything but a plain path ("http://[", "//other/x",
// "/\other/x", "*", an absolute URL) is a 400 naming the rule. It was a 500 and an error line
// in the log per request (a log flood anyone on the network could cause), and "//other/api/x"
// was routed as /api/x.
import { HttpError } from './http-error.js';

const BASE = 'http://till.invalid';
export const TARGET_RULE = 'must be a path starting with one "/", like /api/status';

export function requestUrl(target: string | undefined): URL {
  let url: URL | undefined;
  try {
    url = new URL(target ?? '/', BASE);
  } catch {
    /* not a URL at all */
  }
  // a target that names a host of its own ("//x", "/\x", "http://x/") is not a path of ours
  if (!url || url.origin !== BASE || !(target ?? '/').startsWith('/')) throw new HttpError(400, 'path', TARGET_RULE);
  return url;
}
