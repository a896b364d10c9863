/**
 * Entity names against the article's text. Every synonym is a name the article uses for its
 * entity, cited to a sentence where it occurs: a plain synonym to the entity's own sentence, a
 * located one to its own locator. Where each name and synonym occurs is listed in
 * __snapshots__/entity-names.txt, so a change to any of it shows in review. The project does not
 * ship the article (tests/support/outsideResources.ts says where it is looked for); without it
 * these tests are skipped, and with CI=true they fail.
 *
 * A name occurs in a sentence when its words do, whole and in order, after normalizeName on both:
 * case, accents, Greek letters spelt out or not (α2δ is alpha2delta), and any run of punctuation
 * or spacing as one space (end-stage is end stage; Charcot–Marie–Tooth is Charcot-Marie-Tooth).
 * Nothing more: no stemming ("tremor" does not occur in "tremors"), and a hyphen is never
 * dropped ("GABA-B receptor" does not occur in "GABAB receptor").
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { storedAliases } from '../../src/model/aliases.js';
import { normalizeName } from '../../src/model/normalizeName.js';
import type { StoredEntity } from '../../src/model/storedShapes.js';
import { prepareSeed } from '../../seed/seedGraph.js';
import { locatorText, readSentences, type Sentence } from '../support/articleSentences.js';
import { articleFor } from '../support/outsideResources.js';

const article = articleFor("the checks of entity names against the article's text (tests/unit/entity-aliases.test.ts)");

const words = (text: string) => ` ${normalizeName(text)} `;
const occursIn = (name: string, sentence: Sentence) => words(sentence.text).includes(words(name));

/** The names the audit removed that the article does use, and where (issue: wrongly removed synonyms). */
const RESTORED = [
  { entity: 'condition:alcohol-use-disorder', name: 'alcoholism', at: 'Research 1.1' },
  { entity: 'condition:alcohol-use-disorder', name: 'AD', at: 'Research 4.3' },
  { entity: 'drug:baclofen', name: 'β-(4-chlorophenyl)-GABA', at: 'Pharmacodynamics 2.1' },
  { entity: 'condition:spasticity', name: 'spastic movement disorders', at: 'Medical uses 1.1' },
  { entity: 'route:intrathecal', name: 'intrathecal pump', at: 'Lead 1.3' },
  { entity: 'target:alpha2delta-vgcc', name: 'α2δ subunit-containing VGCCs', at: 'Pharmacodynamics 2.4' },
];

/** Names asked for or once listed that the article never writes, in any spelling the matching allows. */
const NOT_IN_ARTICLE = [
  { entity: 'condition:alcohol-use-disorder', name: 'alcohol dependence' },
  // The article writes "GABAB receptor", which is the entity's name.
  { entity: 'target:gaba-b-receptor', name: 'GABA-B receptor' },
  { entity: 'target:gaba-b-receptor', name: 'GABA(B) receptor' },
  { entity: 'target:alpha2delta-vgcc', name: 'α2δ VGCC' },
  // The article spells these the American way, as the entities' names do.
  { entity: 'effect:depersonalization', name: 'depersonalisation' },
  { entity: 'effect:behavioral-disturbances', name: 'behavioural disturbances' },
  // Singulars and plurals the article does not write ("tremors", "muscle relaxants", "antispasmodic").
  { entity: 'effect:tremors', name: 'tremor' },
  { entity: 'class:muscle-relaxant', name: 'muscle relaxant' },
  { entity: 'class:antispasmodic', name: 'antispasmodics' },
  { entity: 'class:gaba-analogue', name: 'GABA analogue' },
  { entity: 'class:gaba-analogue', name: 'GABA derivative' },
];

/** Names the article writes, but not as a name of the entity. */
const NOT_A_NAME_OF = [
  // A part of the channel: the article writes it only inside "α2δ subunit-containing ... channels".
  { entity: 'target:alpha2delta-vgcc', name: 'α2δ subunit' },
  { entity: 'target:alpha2delta-vgcc', name: 'alpha2delta subunit' },
  // Kinds of the entity, the kind being what the sentence says of it (origin, persistence, onset, extent).
  { entity: 'condition:spasticity', name: 'spinal spasticity' },
  { entity: 'condition:hiccups', name: 'persistent hiccups' },
  { entity: 'effect:seizures', name: 'de novo seizures' },
  { entity: 'effect:weakness', name: 'general weakness' },
  // Half of the one effect "poor concentration and recall".
  { entity: 'effect:poor-concentration-and-recall', name: 'poor concentration' },
  // Misuse is not abuse.
  { entity: 'effect:abuse', name: 'misuse' },
];

interface Named {
  entity: string;
  name: string;
  /** Where it is cited, for a synonym. */
  at?: string;
  /** Every sentence it occurs in. */
  occurs: string[];
}

describe.skipIf(article.skip)("entity names against the article's text", () => {
  let sentences: Sentence[] = [];
  let entities: StoredEntity[] = [];
  let synonyms: Named[] = [];
  let names: Named[] = [];
  const occurrences = (name: string) => sentences.filter((s) => occursIn(name, s)).map(locatorText);

  beforeAll(() => {
    sentences = readSentences(article.path());
    entities = [...prepareSeed(undefined, { datasets: 'none' }).entities.values()]
      .flat()
      .map((row) => row.props)
      .sort((a, b) => a.id.localeCompare(b.id));
    names = entities.map((e) => ({ entity: e.id, name: e.name, occurs: occurrences(e.name) }));
    synonyms = entities.flatMap((e) =>
      storedAliases(e).map((alias) => ({
        entity: e.id,
        name: alias.name,
        at: `${alias.citeSection} ${alias.citeParagraph}.${alias.citeSentence}`,
        occurs: occurrences(alias.name),
      })),
    );
  });

  it('cites every synonym to a sentence where the article writes it', () => {
    expect(synonyms.length).toBeGreaterThan(30);
    expect(synonyms.filter((s) => !s.occurs.includes(s.at!))).toEqual([]);
  });

  it('keeps every synonym that the stored list of synonyms holds, in the same order', () => {
    for (const e of entities) expect(storedAliases(e).map((a) => a.name)).toEqual(e.synonyms);
  });

  it('has the names the audit wrongly removed back, each at a sentence where it occurs', () => {
    const cited = synonyms.map(({ entity, name, at }) => ({ entity, name, at }));
    expect(cited).toEqual(expect.arrayContaining(RESTORED));
    for (const { name, at } of RESTORED) expect(occurrences(name)).toContain(at);
  });

  it('leaves out names the article never writes', () => {
    for (const { entity, name } of NOT_IN_ARTICLE) {
      expect(occurrences(name), name).toEqual([]);
      expect(synonyms.filter((s) => s.entity === entity && s.name === name)).toEqual([]);
    }
  });

  it('leaves out names the article writes for something else than the entity', () => {
    for (const { entity, name } of NOT_A_NAME_OF) {
      expect(occurrences(name), name).not.toEqual([]);
      expect(synonyms.filter((s) => s.entity === entity && normalizeName(s.name) === normalizeName(name))).toEqual([]);
    }
  });

  it('lists where every name and synonym occurs (__snapshots__/entity-names.txt)', async () => {
    const line = (n: Named, label: string) =>
      `  ${label} "${n.name}"${n.at ? ` cited at ${n.at}` : ''}: ${n.occurs.join(', ') || 'nowhere'}`;
    const listing = entities.flatMap((e) => [
      e.id,
      ...names.filter((n) => n.entity === e.id).map((n) => line(n, 'name')),
      ...synonyms.filter((n) => n.entity === e.id).map((n) => line(n, 'synonym')),
    ]);
    await expect(`${listing.join('\n')}\n`).toMatchFileSnapshot('__snapshots__/entity-names.txt');
  });
});

describe('what the loader indexes of the synonyms (no article needed)', () => {
  const rows = prepareSeed();
  const entity = (id: string) => [...rows.entities.values()].flat().find((e) => e.id === id)!.props;

  it('keys every synonym for lookup, a located one too', () => {
    const keys = (id: string) => rows.names.filter((n) => n.entity === id).map((n) => n.key);
    expect(keys('condition:alcohol-use-disorder')).toEqual(['alcohol use disorder', 'alcoholism', 'ad']);
    expect(keys('drug:baclofen')).toContain(normalizeName('β-(4-chlorophenyl)-GABA'));
  });

  it('gives the full-text index every synonym, and names with Greek letters spelt out as a search spells them', () => {
    expect(entity('condition:alcohol-use-disorder').synonymsText).toBe('alcoholism | AD');
    expect(entity('target:alpha2delta-vgcc').synonymsText.split(' | ')).toEqual([
      'α2δ subunit-containing VGCCs',
      'alpha2delta subunit containing voltage gated calcium channel',
      'alpha2delta subunit containing vgccs',
    ]);
  });
});
