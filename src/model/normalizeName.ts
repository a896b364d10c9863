/**
 * Name keys
 *
 * Names match when they differ only in case, accents, Greek letters spelt out or not, or
 * punctuation and spacing: "γ-Hydroxybutyric acid", "gamma hydroxybutyric acid" and
 * "GAMMA-HYDROXYBUTYRIC ACID" share one key. The loader stores keys made by this function and
 * lookups use the same function, so the two can never disagree.
 */
const GREEK: Record<string, string> = {
  α: 'alpha',
  β: 'beta',
  γ: 'gamma',
  δ: 'delta',
  κ: 'kappa',
  μ: 'mu',
  µ: 'mu',
  ω: 'omega',
};

export function normalizeName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[αβγδκμµω]/g, (letter) => GREEK[letter] ?? letter)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
