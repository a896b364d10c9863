/**
 * A JSON POST as HTTP clients send it, Content-Length included (the API refuses a POST without
 * one), for calling the API in-process with `api.fetch`.
 */
export function jsonPost(body: string, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers },
    body,
  };
}
