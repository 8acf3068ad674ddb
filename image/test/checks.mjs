// The pass/fail lines of an image test and its closing "N passed, N failed" line, which CI reads.
export const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

export function checkList(title) {
  const results = [];
  const t0 = Date.now();
  return {
    /** prints PASS/FAIL with the detail; returns ok so a failed precondition can stop the test */
    check(name, ok, detail = '') {
      results.push({ name, ok });
      console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
      return ok;
    },
    /** the closing line (with `extra` inside its parentheses); exit 1 when any check failed */
    finish(extra = '') {
      const failed = results.filter((r) => !r.ok).length;
      console.log(`${title}: ${results.length - failed} passed, ${failed} failed (${secs(Date.now() - t0)}${extra})`);
      process.exit(failed ? 1 : 0);
    },
  };
}
