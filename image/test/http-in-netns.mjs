// One HTTP request, run by the boot test inside the container's network namespace
// (nsenter -n): argv method url [jsonBody] [bearerToken]; prints {status, body}.
const [method, url, body, token] = process.argv.slice(2);
const headers = { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) };
const res = await fetch(url, { method, headers, body: body || undefined, signal: AbortSignal.timeout(20_000) });
const text = await res.text();
let parsed = text;
try {
  parsed = JSON.parse(text);
} catch {
  /* not JSON */
}
process.stdout.write(JSON.stringify({ status: res.status, body: parsed }));
