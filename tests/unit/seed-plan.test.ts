/**
 * The load plan (seed/loadPlan.ts) on its own: from the rows of the data and a stored state,
 * which rows go in, change in place, are replaced or go away.
 */
import { describe, expect, it } from 'vitest';
import { emptyState, planLoad, type StoredState } from '../../seed/loadPlan.js';
import { prepareSeed } from '../../seed/seedGraph.js';
import type { GraphRows } from '../../seed/toGraph.js';

const rows = prepareSeed();

/** The state Neo4j holds right after loading `data`. */
function stateOf(data: GraphRows): StoredState {
  const state = emptyState();
  for (const s of data.sources) state.sources.set(s.id, s.hash);
  for (const e of [...data.entities.values()].flat()) state.entities.set(e.id, e.hash);
  for (const i of data.identifiers) state.identifiers.set(i.key, i.hash);
  for (const l of data.literals) state.literals.set(l.id, l.hash);
  for (const [type, list] of data.relations)
    for (const r of list) state.relations.set(r.factId, { type, hash: r.hash });
  for (const n of data.names) state.names.set(n.key, new Set([...(state.names.get(n.key) ?? []), n.entity]));
  return state;
}

describe('planLoad', () => {
  it('writes every row into an empty database and nothing into one that holds the data', () => {
    const first = planLoad(rows, emptyState());
    const entities = [...rows.entities.values()].flat().length;
    const relations = [...rows.relations.values()].flat().length;
    expect(first.writes).toBe(
      rows.sources.length +
        entities +
        new Set(rows.names.map((n) => n.key)).size +
        rows.names.length +
        rows.identifiers.length +
        rows.literals.length +
        relations,
    );
    expect(first.removed).toEqual({ nodes: 0, relationships: 0 });
    expect(planLoad(rows, stateOf(rows)).writes).toBe(0);
  });

  it('replaces a literal and an identifier whose content changed, and removes what the data lost', () => {
    const state = stateOf(rows);
    const literal = rows.literals[0]!;
    const identifier = rows.identifiers[0]!;
    state.literals.set(literal.id, 'an older hash');
    state.identifiers.set(identifier.key, 'an older hash');
    state.entities.set('drug:withdrawn', 'any');
    state.relations.set('fact:withdrawn', { type: 'TREATS', hash: 'any' });
    state.names.set('withdrawn', new Set(['drug:withdrawn']));

    const plan = planLoad(rows, state);

    expect(plan.removeNodes.get('Literal')).toEqual([literal.id]);
    expect(plan.addLiterals).toEqual([literal]);
    expect(plan.removeNodes.get('Identifier')).toEqual([identifier.key]);
    expect(plan.addIdentifiers).toEqual([identifier]);
    expect(plan.removeNodes.get('Entity')).toEqual(['drug:withdrawn']);
    expect(plan.removeNodes.get('Name')).toEqual(['withdrawn']);
    expect(plan.removeRelations).toEqual(new Map([['TREATS', ['fact:withdrawn']]]));
    expect(plan.removeNamePairs).toEqual([{ key: 'withdrawn', entity: 'drug:withdrawn' }]);
    // Replaced rows are rewritten, not counted as gone from the data.
    expect(plan.removed).toEqual({ nodes: 2, relationships: 2 });
    expect(plan.writes).toBe(2 + 2 + 2 + 1 + 1);
  });

  it('changes an entity in place and adds a name it gained', () => {
    const state = stateOf(rows);
    const baclofen = rows.entities.get('Drug')!.find((e) => e.id === 'drug:baclofen')!;
    state.entities.set(baclofen.id, 'an older hash');
    const key = rows.names.find((n) => n.entity === baclofen.id)!.key;
    state.names.get(key)!.delete(baclofen.id);

    const plan = planLoad(rows, state);

    expect(plan.changeEntities.get('Drug')).toEqual([baclofen]);
    expect([...plan.addEntities.values()].flat()).toEqual([]);
    expect(plan.addNamePairs).toEqual([{ key, entity: baclofen.id }]);
    expect(plan.addNames).toEqual([]);
    expect(plan.writes).toBe(2);
  });

  it('rewrites a statement whose evidence changed (same id, another hash), without counting it as gone', () => {
    const state = stateOf(rows);
    const [type, list] = [...rows.relations].find(([, l]) => l.length > 0)!;
    const fact = list[0]!;
    state.relations.set(fact.factId, { type, hash: 'the hash of older evidence' });

    const plan = planLoad(rows, state);

    expect(plan.removeRelations).toEqual(new Map([[type, [fact.factId]]]));
    expect(plan.addRelations.get(type)).toEqual([fact]);
    expect(plan.removed).toEqual({ nodes: 0, relationships: 0 });
    expect(plan.writes).toBe(2);
  });

  it('counts the edges of a removed identifier with it', () => {
    const state = stateOf(rows);
    state.identifiers.set('CAS:0-00-0', 'any');
    expect(planLoad(rows, state).removed).toEqual({ nodes: 1, relationships: 1 });
  });
});
