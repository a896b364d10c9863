/**
 * Synthetic graph
 *
 * Writes seed data for N invented drugs, deterministically (the same N always gives the same
 * files), with a fan-out like the real data's: each drug acts on two targets with a Ki, is
 * indicated for three conditions, causes three effects, has two brands, a half-life, a
 * molecular weight and a registry id, and every tenth drug takes part in an event. Pools of
 * targets, conditions and effects grow with N, so hubs stay realistic. Every fact cites a
 * sentence of an invented article whose locator list ships with the data, so the files go
 * through the real validator and loader like any other data.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE = 'source:synthetic-article';
const PARAGRAPHS = 20;
const SENTENCES = 10;

/** A small deterministic generator (mulberry32), so runs compare like with like. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(6, '0');

export interface SyntheticCounts {
  drugs: number;
  entities: number;
  relations: number;
  literals: number;
  identifiers: number;
}

export function writeSyntheticGraph(dir: string, drugs: number, seed = 42): SyntheticCounts {
  const next = random(seed);
  const pick = (n: number) => Math.floor(next() * n);
  const cite = (statement: string) => ({
    section: 'Synthetic',
    paragraph: 1 + pick(PARAGRAPHS),
    sentence: 1 + pick(SENTENCES),
    statement,
  });
  const targets = Math.max(20, Math.floor(drugs / 50));
  const conditions = Math.max(50, Math.floor(drugs / 20));
  const effects = Math.max(50, Math.floor(drugs / 20));

  const entity = (id: string, name: string, description: string) => ({
    id,
    name,
    synonyms: [],
    description,
    citation: cite(`The invented article names ${name}.`),
  });
  const pool = (prefix: string, label: string, n: number) =>
    Array.from({ length: n }, (_, i) =>
      entity(
        `${prefix}:synthetic-${pad(i)}`,
        `${label} ${pad(i)}`,
        `An invented ${label.toLowerCase()} for load tests.`,
      ),
    );

  const drugEntities = [];
  const brands = [];
  const events = [];
  const relations = [];
  const literals = [];
  const identifiers = [];
  for (let i = 0; i < drugs; i++) {
    const id = `drug:synthetic-${pad(i)}`;
    const name = `Synthamide ${pad(i)}`;
    drugEntities.push({ ...entity(id, name, 'An invented drug for load tests.'), synonyms: [`SYN-${pad(i)}`] });
    const t1 = pick(targets);
    const t2 = (t1 + 1 + pick(targets - 1)) % targets;
    for (const [t, action] of [
      [t1, 'agonist'],
      [t2, 'blocker'],
    ] as const) {
      relations.push({
        subject: id,
        predicate: 'ACTS_ON',
        object: `target:synthetic-${pad(t)}`,
        qualifiers: { action },
        citation: cite(`${name} is an ${action} at target ${pad(t)}.`),
      });
    }
    relations.push({
      subject: id,
      predicate: 'HAS_AFFINITY_FOR',
      object: `target:synthetic-${pad(t1)}`,
      qualifiers: { measure: 'Ki', value: 1 + pick(500), unit: 'µM', stereoisomer: 'racemic' },
      citation: cite(`${name} binds target ${pad(t1)} with a measured Ki.`),
    });
    for (let k = 0; k < 3; k++) {
      const c = (i * 3 + k * 7 + pick(conditions)) % conditions;
      relations.push({
        subject: id,
        predicate: 'INDICATED_FOR',
        object: `condition:synthetic-${pad(c)}`,
        qualifiers: { status: k === 0 ? 'approved' : 'off-label' },
        citation: cite(`${name} is used for condition ${pad(c)}, number ${k + 1}.`),
      });
      const e = (i * 5 + k * 11 + pick(effects)) % effects;
      relations.push({
        subject: id,
        predicate: 'CAUSES',
        object: `effect:synthetic-${pad(e)}`,
        qualifiers: { context: k === 0 ? 'common' : 'adverse' },
        citation: cite(`${name} can cause effect ${pad(e)}, number ${k + 1}.`),
      });
    }
    for (let b = 0; b < 2; b++) {
      const brandId = `brand:synthetic-${pad(i)}-${b}`;
      brands.push(entity(brandId, `Synthabrand ${pad(i)}-${b}`, `An invented brand of ${name}.`));
      relations.push({
        subject: brandId,
        predicate: 'BRAND_OF',
        object: id,
        qualifiers: {},
        citation: cite(`Brand ${b} of ${name}.`),
      });
    }
    literals.push(
      {
        subject: id,
        attribute: 'halfLife',
        low: 1 + pick(4),
        high: 6 + pick(6),
        unit: 'h',
        qualifiers: {},
        citation: cite(`${name} has a half-life range.`),
      },
      {
        subject: id,
        attribute: 'molecularWeight',
        value: 100 + pick(400),
        unit: 'g/mol',
        qualifiers: {},
        citation: cite(`${name} has a molecular weight.`),
      },
    );
    identifiers.push({
      subject: id,
      namespace: 'PUBCHEM_CID',
      value: String(90_000_000 + i),
      source: 'source:pubchem',
      url: `https://pubchem.ncbi.nlm.nih.gov/compound/${90_000_000 + i}`,
    });
    if (i % 10 === 0) {
      const eventId = `event:synthetic-${pad(i)}`;
      events.push({
        ...entity(eventId, `Approval of ${name}`, 'An invented approval.'),
        date: { year: 1950 + pick(75) },
      });
      relations.push({
        subject: id,
        predicate: 'PARTICIPATED_IN',
        object: eventId,
        qualifiers: { role: 'drug approved' },
        citation: cite(`${name} was approved.`),
      });
    }
  }

  const write = (path: string, doc: unknown) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), JSON.stringify(doc));
  };
  write('sources.json', {
    sources: [
      {
        id: SOURCE,
        kind: 'article',
        title: 'Synthetic article (load tests)',
        url: 'https://example.org/synthetic',
        licence: 'CC0 1.0',
      },
    ],
  });
  write('locators/synthetic.json', {
    source: SOURCE,
    locators: Array.from({ length: PARAGRAPHS * SENTENCES }, (_, k) => ({
      section: 'Synthetic',
      paragraph: 1 + Math.floor(k / SENTENCES),
      sentence: 1 + (k % SENTENCES),
      noFact: 'an invented sentence; with random citations some are not cited',
    })),
  });
  const kinds: [string, string, unknown[]][] = [
    ['Drug', 'drugs', drugEntities],
    ['Target', 'targets', pool('target', 'Target', targets)],
    ['Condition', 'conditions', pool('condition', 'Condition', conditions)],
    ['Effect', 'effects', pool('effect', 'Effect', effects)],
    ['Brand', 'brands', brands],
    ['Event', 'events', events],
  ];
  for (const [kind, file, list] of kinds) write(`entities/${file}.json`, { kind, source: SOURCE, entities: list });
  write('facts/synthetic.json', { source: SOURCE, relations, literals });
  write('identifiers.json', { identifiers });
  return {
    drugs,
    entities: kinds.reduce((n, [, , list]) => n + list.length, 0),
    relations: relations.length,
    literals: literals.length,
    identifiers: identifiers.length,
  };
}
