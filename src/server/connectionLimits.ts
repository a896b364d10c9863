/**
 * Connection limits
 *
 * One client cannot hold the server's connections. Each client address may hold at most
 * `maxPerClient` connections: one more is answered with 429, `Retry-After` and the code
 * TOO_MANY_CONNECTIONS, and closed. The server as a whole holds at most `maxConnections`; when
 * it is full, a newcomer is not refused (node's own `maxConnections` refused every newcomer, so
 * issue 19's client holding 600 idle connections locked everyone else out): the idle
 * connections of the address holding the most are closed to make room. Idle means no request
 * being answered: a connection that has sent nothing, half a request, or is kept alive between
 * requests. Only when no other address has an idle connection to give up is the newcomer
 * refused, with 503 and SERVER_BUSY.
 *
 * A refused connection never reaches the HTTP parser: the server's own connection listener is
 * called only for admitted ones. The refusal is a whole HTTP response, written a second after
 * the connection came (what its `Retry-After` says anyway), then the socket is ended: a client
 * that re-opens every connection the server closes (issue 19's hog did) is then refused a few
 * hundred times a second, not thousands, each refusal costing the server an accept. At most
 * `MAX_HELD_REFUSALS` wait their second; beyond that, refusals are written at once.
 * Connections from a trusted proxy (TRUSTED_PROXIES) are many clients behind one address and
 * are not capped per address, though they too give up idle ones when the server is full.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { addressKey, isTrustedProxy, type ProxyTrust } from './clientAddress.js';

export interface ConnectionLimitOptions {
  /** Most connections open at once. */
  maxConnections: number;
  /** Most connections open at once from one address (trusted proxies excepted). */
  maxPerClient: number;
  /** Which addresses are trusted proxies. @default none */
  trust?: ProxyTrust;
  /** Told of each refusal, and of idle connections closed to make room; for the log. */
  onRefuse?: (code: 'TOO_MANY_CONNECTIONS' | 'SERVER_BUSY', fields: Record<string, unknown>) => void;
  onEvict?: (fields: { address: string; closed: number; held: number }) => void;
}

/** The whole response a refused connection gets. */
function refusal(status: 429 | 503, code: string, message: string): string {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  const reason = status === 429 ? 'Too Many Requests' : 'Service Unavailable';
  return (
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\n` +
    `content-length: ${Buffer.byteLength(body)}\r\nretry-after: 1\r\ncache-control: no-store\r\n` +
    `connection: close\r\n\r\n${body}`
  );
}

/** How long a refused connection waits for its answer. */
const REFUSAL_DELAY_MS = 1_000;
/** How long it then has to read the answer before it is dropped. */
const REFUSED_LINGER_MS = 1_000;
/** Most refused connections waiting for their answer at once (each holds a file descriptor). */
const MAX_HELD_REFUSALS = 1_024;

export function limitConnections(server: Server, options: ConnectionLimitOptions): void {
  const trust = options.trust ?? (() => false);
  const byAddress = new Map<string, Set<Socket>>();
  /** Requests being answered on each connection. */
  const busy = new WeakMap<Socket, number>();
  let open = 0;

  // Node's HTTP server starts parsing in its own 'connection' listener: it is called only for
  // connections admitted here.
  const parsers = server.listeners('connection') as ((socket: Socket) => void)[];
  server.removeAllListeners('connection');

  const refused = new Set<Socket>();
  const refuse = (socket: Socket, status: 429 | 503, code: 'TOO_MANY_CONNECTIONS' | 'SERVER_BUSY', message: string) => {
    options.onRefuse?.(code, { remoteAddress: addressKey(socket.remoteAddress), code });
    socket.on('error', () => undefined);
    const answer = () => {
      refused.delete(socket);
      if (socket.destroyed) return;
      // Whatever the client sent is read and dropped, so that closing does not reset the
      // connection before it has read the answer.
      socket.resume();
      socket.setTimeout(REFUSED_LINGER_MS, () => socket.destroy());
      socket.end(refusal(status, code, message));
    };
    if (refused.size >= MAX_HELD_REFUSALS) return answer();
    refused.add(socket);
    const timer = setTimeout(answer, REFUSAL_DELAY_MS);
    socket.once('close', () => {
      clearTimeout(timer);
      refused.delete(socket);
    });
  };

  /**
   * Closes the idle connections of the address holding the most, if it holds more than the
   * newcomer's address would once admitted.
   */
  const makeRoom = (newcomer: string): boolean => {
    const after = (byAddress.get(newcomer)?.size ?? 0) + 1;
    const holders = [...byAddress].filter(([, sockets]) => sockets.size > after).sort((a, b) => b[1].size - a[1].size);
    for (const [address, sockets] of holders) {
      const idle = [...sockets].filter((socket) => !busy.get(socket));
      if (idle.length === 0) continue;
      options.onEvict?.({ address, closed: idle.length, held: sockets.size });
      for (const socket of idle) {
        sockets.delete(socket);
        open--;
        socket.destroy();
      }
      if (sockets.size === 0) byAddress.delete(address);
      return true;
    }
    return false;
  };

  server.on('connection', (socket: Socket) => {
    const address = addressKey(socket.remoteAddress);
    const held = byAddress.get(address);
    if ((held?.size ?? 0) >= options.maxPerClient && !isTrustedProxy(socket.remoteAddress, trust)) {
      refuse(
        socket,
        429,
        'TOO_MANY_CONNECTIONS',
        `this address holds ${held!.size} connections, the most one client may; reuse them (keep-alive) or close some`,
      );
      return;
    }
    if (open >= options.maxConnections && !makeRoom(address)) {
      refuse(socket, 503, 'SERVER_BUSY', 'the server holds as many connections as it can; retry in 1 s');
      return;
    }
    let sockets = held;
    if (!sockets) byAddress.set(address, (sockets = new Set()));
    sockets.add(socket);
    open++;
    socket.once('close', () => {
      // Sockets closed to make room were counted out already.
      if (!sockets.delete(socket)) return;
      open--;
      if (sockets.size === 0 && byAddress.get(address) === sockets) byAddress.delete(address);
    });
    for (const parse of parsers) parse.call(server, socket);
  });

  server.on('request', (request, response) => {
    const socket = request.socket;
    busy.set(socket, (busy.get(socket) ?? 0) + 1);
    response.once('close', () => busy.set(socket, (busy.get(socket) ?? 1) - 1));
  });
}
