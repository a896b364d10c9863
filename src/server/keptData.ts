/**
 * A kept answer's data, parsed only when something reads it
 *
 * The response cache keeps answers as JSON text (src/server/useCaching.ts) and sends that text
 * on a hit. Parsing it back for every hit cost more than the rest of the hit together (a
 * 600 KB answer: milliseconds of a 2-core machine, per request), yet nothing on the way out
 * needs the objects unless a plugin changes the answer. So a hit's `data` is a stand-in: an
 * object that reads as the answer's data (a Proxy over the parsed value, parsed on first use)
 * and remembers whether anything changed it. Sending checks that it is the same stand-in,
 * unchanged, and sends the kept text; anything else is serialised as usual.
 */

interface Lazy {
  parsed: Record<string, unknown> | null;
  changed: boolean;
}

const lazies = new WeakMap<object, Lazy>();

/** The stand-in for the `data` of the JSON answer `text`. */
export function keptData(text: string): Record<string, unknown> {
  const lazy: Lazy = { parsed: null, changed: false };
  const value = () => (lazy.parsed ??= (JSON.parse(text) as { data: Record<string, unknown> }).data);
  const changing = <T>(change: () => T): T => {
    lazy.changed = true;
    return change();
  };
  const standIn = new Proxy({} as Record<string, unknown>, {
    get: (_, key) => Reflect.get(value(), key),
    has: (_, key) => Reflect.has(value(), key),
    ownKeys: () => Reflect.ownKeys(value()),
    getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(value(), key),
    set: (_, key, v) => changing(() => Reflect.set(value(), key, v)),
    deleteProperty: (_, key) => changing(() => Reflect.deleteProperty(value(), key)),
    defineProperty: (_, key, descriptor) => changing(() => Reflect.defineProperty(value(), key, descriptor)),
  });
  lazies.set(standIn, lazy);
  return standIn;
}

/** Whether `data` is a kept answer's stand-in that nothing has changed at its top level. */
export function isUnchangedKeptData(data: unknown): boolean {
  const lazy = typeof data === 'object' && data !== null ? lazies.get(data) : undefined;
  return lazy !== undefined && !lazy.changed;
}

/** Whether `data` is a kept answer's stand-in (its size was checked when it was computed). */
export function isKeptData(data: unknown): boolean {
  return typeof data === 'object' && data !== null && lazies.has(data);
}
