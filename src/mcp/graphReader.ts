/**
 * One tool call's reads
 *
 * A tool answers from one or a few GraphQL requests to the API (a name resolved, then the
 * question asked). The reader runs them under the call's request id, turns any error the API
 * answers with into a ToolError carrying the API's code and message (and when to retry), and
 * holds the answer to one data version: the API names the version each answer was read from,
 * and a call whose reads saw two versions (a reseed switched between them) fails with
 * DATA_CHANGED rather than mix them.
 *
 * A refusal for the client's cost per second (RATE_LIMITED, with Retry-After of at most
 * RATE_WAIT_MAX_S) is waited out once per call and the request sent again: an assistant's
 * calls come in bursts (a path, then a comparison), it cannot sleep between them, and the
 * budget is back a second later. A second refusal in the same call reaches the assistant.
 */
import type { ApiError, GraphQlAnswer, RunGraphQl } from './graphqlRunner.js';
import { ToolError } from './toolError.js';

/** The longest Retry-After a call waits out by itself, in seconds. */
export const RATE_WAIT_MAX_S = 2;

const META_VERSION = 'query McpDataVersion { meta { dataVersion } }';

/** The API's errors as one message, each with its code. */
export function describeErrors(errors: readonly ApiError[]): string {
  return errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; ');
}

/** The API's refusal as a tool error: its code, its message, and when to retry if it said. */
export function refusal(answer: GraphQlAnswer): ToolError {
  const code = answer.errors[0]?.extensions?.code ?? `HTTP_${answer.status}`;
  const retry = answer.retryAfter ? ` Retry in ${answer.retryAfter} s.` : '';
  return new ToolError(String(code), `The graph API refused this: ${describeErrors(answer.errors)}.${retry}`);
}

/** How long to wait before asking again, for a short cost-per-second refusal; else null. */
function rateWaitMs(answer: GraphQlAnswer): number | null {
  if (answer.status !== 429 || answer.errors[0]?.extensions?.code !== 'RATE_LIMITED') return null;
  const seconds = Number(answer.retryAfter);
  return Number.isFinite(seconds) && seconds > 0 && seconds <= RATE_WAIT_MAX_S ? seconds * 1000 : null;
}

export class GraphReader {
  private version: string | null = null;
  private waited = false;

  constructor(
    private readonly run: RunGraphQl,
    readonly requestId: string,
  ) {}

  /** The answer as the API gives it, errors included; its version is held to the call's. */
  async answer(query: string, variables?: Record<string, unknown>, operationName?: string): Promise<GraphQlAnswer> {
    let answer = await this.run({ query, variables, operationName }, this.requestId);
    const wait = this.waited ? null : rateWaitMs(answer);
    if (wait !== null) {
      this.waited = true;
      await new Promise((resolve) => setTimeout(resolve, wait));
      answer = await this.run({ query, variables, operationName }, this.requestId);
    }
    if (answer.dataVersion) this.hold(answer.dataVersion);
    return answer;
  }

  /** The data of a document the API answers without error; any error is thrown as a ToolError. */
  async read<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const answer = await this.answer(query, variables);
    if (answer.errors.length || !answer.data) throw refusal(answer);
    return answer.data as T;
  }

  /** The data version every answer of this call was read from (read once if none named it). */
  async dataVersion(): Promise<string> {
    if (this.version === null) {
      const { meta } = await this.read<{ meta: { dataVersion: string } }>(META_VERSION);
      this.hold(meta.dataVersion);
    }
    return this.version!;
  }

  /** The version so far, if any answer named one. */
  get knownVersion(): string | null {
    return this.version;
  }

  private hold(version: string): void {
    if (this.version === null) this.version = version;
    else if (this.version !== version) {
      throw new ToolError(
        'DATA_CHANGED',
        `The graph switched from data version ${this.version} to ${version} while this was being answered; call the tool again.`,
      );
    }
  }
}
