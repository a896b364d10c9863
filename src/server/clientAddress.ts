/**
 * Client address
 *
 * Who a client is, for the limits that are per client (connections, cost per second): the
 * address its connection comes from, unless that address is a trusted proxy (TRUSTED_PROXIES),
 * in which case `X-Forwarded-For` is read from the right, past every trusted proxy, to the first
 * address that is not one (expressjs's `proxy-addr`, the same rule express's `trust proxy`
 * applies). With no trusted proxy, which is the default, the header is ignored: anyone can
 * write it, and a client naming a new address in every request would escape every limit.
 * IPv4 addresses reached over an IPv6 socket (`::ffff:127.0.0.2`) are written as IPv4, so one
 * client has one key whichever way the server listens.
 */
import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/** Whether an address is a proxy whose `X-Forwarded-For` is believed. */
export type ProxyTrust = (address: string, hop: number) => boolean;

/**
 * The trust rule for a list of addresses, CIDR ranges and proxy-addr's names (`loopback`,
 * `linklocal`, `uniquelocal`); throws on an entry that is none of these.
 */
export function trustedProxies(list: readonly string[]): ProxyTrust {
  return proxyAddr.compile([...list]);
}

const MAPPED_IPV4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/** An address as the limits key it: IPv4-mapped IPv6 as plain IPv4. */
export function addressKey(address: string | undefined): string {
  if (!address) return 'unknown';
  return MAPPED_IPV4.exec(address)?.[1] ?? address;
}

/** Whether the connection's own address is a trusted proxy. */
export function isTrustedProxy(address: string | undefined, trust: ProxyTrust): boolean {
  return address !== undefined && trust(address, 0);
}

/** The client a request comes from, as the limits key it. */
export function clientAddressOf(request: IncomingMessage, trust: ProxyTrust): string {
  if (!isTrustedProxy(request.socket.remoteAddress, trust)) return addressKey(request.socket.remoteAddress);
  return addressKey(proxyAddr(request, trust));
}
