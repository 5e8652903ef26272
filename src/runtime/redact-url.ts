/** A connection URL without its password, for logs and errors; `variable` names it when it does not parse. */
export function redactUrl(url: string, variable: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return `(unparseable ${variable})`;
  }
}
