/**
 * A browser script that replaces Math.random by mulberry32 from `seed`, so that the explorer's
 * layout (which starts from random positions) draws the same picture for the same seed.
 */
export const seededRandomScript = (seed: number): string => `(() => {
  let state = ${seed};
  Math.random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
})();`;
