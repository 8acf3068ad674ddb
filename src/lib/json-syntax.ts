/**
 * Where a JSON text is broken, without quoting it: V8's own message quotes a slice of the
 * input, which may hold a password (a config file, a request body).
 */
export function jsonSyntaxWhere(e: unknown): string {
  const at = /at position (\d+)/.exec(e instanceof Error ? e.message : '');
  return at ? `at position ${at[1]}` : 'syntax error';
}
