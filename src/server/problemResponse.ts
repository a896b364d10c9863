/**
 * Problem responses
 *
 * How the paths beside /graphql (entity and statement pages, release files) refuse a request:
 * a JSON body `{ error: { code, message } }` with the status, never cached, with any headers the
 * refusal needs (Retry-After).
 */
export function problemResponse(
  ResponseClass: typeof Response,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return ResponseClass.json(
    { error: { code, message } },
    { status, headers: { 'cache-control': 'no-store', ...headers } },
  );
}
