/**
 * MCP request logs
 *
 * Every JSON-RPC request an MCP client sends leaves one structured log line when it is
 * answered, whatever the transport: its request id (the HTTP request's, or one made for a stdio
 * message, and the same id the API's log lines of the tool's GraphQL work carry), the method,
 * the tool or resource, the duration, and how it ended (ok, a tool error with its code, or a
 * JSON-RPC error). Notifications are not answered and leave no line. The line is written by
 * watching the transport's messages in and out, so no handler can forget it.
 */
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  isJSONRPCErrorResponse,
  isJSONRPCRequest,
  isJSONRPCResultResponse,
  type JSONRPCMessage,
} from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from 'pino';

/** Longest tool, resource or error text logged; clients choose them. */
const MAX_LOGGED = 200;
const cut = (text: string) => (text.length <= MAX_LOGGED ? text : `${text.slice(0, MAX_LOGGED)}...`);

interface Pending {
  method: string;
  target: string | undefined;
  started: number;
}

/** What a request is about: the tool called, the resource read or the prompt got. */
function targetOf(message: JSONRPCMessage): string | undefined {
  if (!isJSONRPCRequest(message)) return undefined;
  const params = message.params as { name?: unknown; uri?: unknown } | undefined;
  const target = params?.name ?? params?.uri;
  return typeof target === 'string' ? cut(target) : undefined;
}

/** Outcome of a tool call's result, with its error code when isError. */
function toolOutcome(result: unknown): { outcome: string; code?: string } {
  const { isError, content } = (result ?? {}) as { isError?: boolean; content?: { text?: string }[] };
  if (!isError) return { outcome: 'ok' };
  const text = content?.[0]?.text ?? '';
  // Ours start with their code; the SDK's own refusals (arguments, unknown tools) do not.
  const code =
    /^([A-Z_0-9]+):/.exec(text)?.[1] ??
    (/Input validation error/.test(text)
      ? 'INVALID_ARGUMENTS'
      : /Tool .* not found/.test(text)
        ? 'UNKNOWN_TOOL'
        : 'TOOL_ERROR');
  return { outcome: 'tool error', code };
}

/** Logs each request of `transport` once answered; call after the server has connected to it. */
export function logTraffic(
  transport: Transport,
  logger: Logger,
  requestIdFor: (rpcId: string | number) => string,
): void {
  const pending = new Map<string | number, Pending>();
  const receive = transport.onmessage;
  transport.onmessage = (message, extra) => {
    if (isJSONRPCRequest(message)) {
      pending.set(message.id, { method: cut(message.method), target: targetOf(message), started: performance.now() });
    }
    receive?.call(transport, message, extra);
  };
  const send = transport.send.bind(transport);
  transport.send = (message, options) => {
    const answer = isJSONRPCResultResponse(message) || isJSONRPCErrorResponse(message) ? message : null;
    const request = answer?.id === undefined ? undefined : pending.get(answer.id);
    if (answer?.id !== undefined && request) {
      pending.delete(answer.id);
      const outcome = isJSONRPCErrorResponse(answer)
        ? { outcome: 'error', code: String(answer.error.code), reason: cut(answer.error.message) }
        : request.method === 'tools/call'
          ? toolOutcome(answer.result)
          : { outcome: 'ok' };
      logger.info(
        {
          requestId: requestIdFor(answer.id),
          method: request.method,
          target: request.target,
          durationMs: Math.round(performance.now() - request.started),
          ...outcome,
        },
        'mcp',
      );
    }
    return send(message, options);
  };
}
