/** Where the service serves the console (src/adapters/http/console-static.ts CONSOLE_PATH). */
export const BASE = '/console';

export const casePath = (id: string): string => `${BASE}/cases/${encodeURIComponent(id)}`;
