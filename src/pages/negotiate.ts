/**
 * Content negotiation
 *
 * Which form of a resource a request asks for with its Accept header: JSON-LD when it names
 * `application/ld+json`, a web page when it prefers `text/html` (what browsers send), JSON
 * otherwise (curl, fetch and most clients send `*\/*` or nothing). A `?format=` of json, jsonld
 * or html decides instead, so a link can name its form.
 */
export type PageFormat = 'json' | 'jsonld' | 'html';

const FORMATS: readonly PageFormat[] = ['json', 'jsonld', 'html'];

/** Each media range of an Accept header with its weight, in the header's order. */
function ranges(accept: string): { type: string; q: number }[] {
  return accept
    .split(',')
    .map((part) => {
      const [type = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
      const q = params.find((p) => p.startsWith('q='));
      return { type, q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((r) => r.type && Number.isFinite(r.q) && r.q > 0);
}

export function negotiate(request: Request): PageFormat {
  const asked = new URL(request.url).searchParams.get('format');
  if (asked && (FORMATS as readonly string[]).includes(asked)) return asked as PageFormat;
  const accepted = ranges(request.headers.get('accept') ?? '');
  const weight = (type: string) => Math.max(0, ...accepted.filter((r) => r.type === type).map((r) => r.q));
  const ld = weight('application/ld+json');
  const html = Math.max(weight('text/html'), weight('application/xhtml+xml'));
  const json = weight('application/json');
  if (ld > 0 && ld >= html && ld >= json) return 'jsonld';
  if (html > 0 && html > json) return 'html';
  return 'json';
}

export const MEDIA_TYPES: Record<PageFormat, string> = {
  json: 'application/json; charset=utf-8',
  jsonld: 'application/ld+json; charset=utf-8',
  html: 'text/html; charset=utf-8',
};
