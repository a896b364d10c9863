/**
 * Example: plain fetch, by GET
 *
 * A query in the URL is a plain GET: any HTTP cache, CDN or browser can keep the answer, and
 * `If-None-Match` with the ETag of a kept answer costs a 304 and no body.
 */
export async function drugBrandsByFetch(endpoint: string, name: string) {
  const query = 'query Brands($name: String!) { drug(name: $name) { id name brands { name } } }';
  const url = `${endpoint}?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(JSON.stringify({ name }))}`;
  const first = await fetch(url, { headers: { accept: 'application/json' } });
  const etag = first.headers.get('etag');
  const answer = (await first.json()) as { data: { drug: { id: string; name: string; brands: { name: string }[] } } };
  // Later: ask whether the kept answer is still current.
  const again = await fetch(url, { headers: { accept: 'application/json', 'if-none-match': etag ?? '' } });
  return { drug: answer.data.drug, etag, revalidationStatus: again.status };
}
