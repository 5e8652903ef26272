/**
 * GET /docs: the API reference as one HTML page, rendered on the server from the same OpenAPI
 * document as /openapi.json (no script, no CDN: it reads offline, and nothing can drift from the
 * routes). For integrators; dispatchers use the console.
 */

interface Operation {
  readonly summary?: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  readonly security?: readonly unknown[];
  readonly responses?: Readonly<Record<string, { readonly description?: string }>>;
}

interface OpenApiDocument {
  readonly info: { readonly title: string; readonly version: string; readonly description?: string };
  /** Path → method → operation (typed loosely: the generator's types name every field we do not read). */
  readonly paths?: object;
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** `code` spans in descriptions, as the OpenAPI text writes them. */
const inlineCode = (s: string): string => escapeHtml(s).replace(/`([^`]+)`/g, '<code>$1</code>');

function operationHtml(method: string, path: string, op: Operation): string {
  const responses = Object.entries(op.responses ?? {})
    .map(([code, r]) => `<li><b>${escapeHtml(code)}</b> ${inlineCode(r.description ?? '')}</li>`)
    .join('');
  return [
    `<section class="op"><h3><span class="m ${escapeHtml(method)}">${escapeHtml(method.toUpperCase())}</span> <code>${escapeHtml(path)}</code></h3>`,
    `<p>${inlineCode(op.summary ?? '')}${op.security?.length ? ' <small>(Bearer key or console session)</small>' : ''}</p>`,
    op.description ? `<p class="d">${inlineCode(op.description)}</p>` : '',
    responses ? `<ul>${responses}</ul>` : '',
    '</section>',
  ].join('');
}

const STYLE =
  'body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:980px;margin:24px auto;padding:0 16px;color:#1f2933}' +
  'h2{border-bottom:1px solid #d9e2ec;padding-bottom:4px;margin-top:32px}.op{margin:14px 0}h3{font-size:15px;margin:0}' +
  '.m{display:inline-block;min-width:58px;font-size:12px;padding:2px 6px;border-radius:4px;background:#e4ecf5;text-align:center}' +
  '.post{background:#dff3e4}.put,.patch{background:#fdf1d6}.delete{background:#fbe1df}.d{color:#52606d}code{font-size:13px}ul{margin:4px 0}';

/** The page for one OpenAPI document, operations grouped by their first tag. */
export function apiDocsHtml(doc: OpenApiDocument): string {
  const byTag = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(doc.paths ?? {}) as [string, Readonly<Record<string, Operation>>][]) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = op.tags?.[0] ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), operationHtml(method, path, op)]);
    }
  }
  const sections = [...byTag].map(([tag, ops]) => `<h2>${escapeHtml(tag)}</h2>${ops.join('')}`).join('');
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(doc.info.title)} — API</title>` +
    `<style>${STYLE}</style></head><body><h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1>` +
    `<p>${inlineCode(doc.info.description ?? '')}</p><p>Machine-readable: <a href="/openapi.json">/openapi.json</a> · ` +
    `Dispatcher console: <a href="/console/">/console/</a></p>${sections}</body></html>`
  );
}
