/** A connection URL without its password, for logs and errors; `variable` names it when it does not parse. */
export function redactUrl(url: string, variable: string): string {
  // A cluster's seed list (`redis+cluster://user:password@h1:p1,h2:p2`) is no WHATWG URL.
  const cluster = /^(rediss?\+cluster:\/\/)(?:([^@/:]*)(?::[^@/]*)?@)?([^@]*)$/.exec(url);
  if (cluster) return `${cluster[1]}${cluster[2] === undefined ? '' : `${cluster[2]}:***@`}${cluster[3]}`;
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return `(unparseable ${variable})`;
  }
}
