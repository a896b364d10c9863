/**
 * Profile scope (src/graphql/drugScope.ts), in memory: a root drug lookup fetches only the
 * relation families its selection reads, and only brief neighbours (id, kind, name, date) when
 * nothing under it asks the entities at the other end for more. The scope is worked out from the
 * selection with the schema's types. That both shapes give the same answers is
 * tests/profile-scope.test.ts's part.
 */
import { describe, expect, it } from 'vitest';
import { Kind, parse, type FieldNode, type GraphQLResolveInfo, type OperationDefinitionNode } from 'graphql';
import { drugScope } from '../../src/graphql/drugScope.js';
import { createSchema } from '../../src/graphql/schema.js';

const schema = createSchema();

/** The scope our `drug` resolver computes for the root field of `query`. */
function scopeOf(query: string) {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const field = operation.selectionSet.selections[0] as FieldNode;
  const fragments = Object.fromEntries(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : [])),
  );
  const returnType = schema.getQueryType()!.getFields()[field.name.value]!.type;
  return drugScope({ fieldNodes: [field], fragments, schema, returnType } as unknown as GraphQLResolveInfo);
}

describe('the scope of a drug lookup', () => {
  it('is brief when neighbours are only named, with just the families read', () => {
    expect(
      scopeOf('{ drug(name: "x") { name targets { target { id name } citation { statement } } brands { name } } }'),
    ).toEqual({
      types: ['ACTS_ON', 'BRAND_OF', 'HAS_AFFINITY_FOR'],
      literals: false,
      identifiers: false,
      neighbours: 'brief',
      entity: 'brief',
    });
    expect(
      scopeOf('{ drugs(names: ["x"]) { history { name date } relations { node { __typename kind name } } } }'),
    ).toMatchObject({
      types: null,
      neighbours: 'brief',
    });
  });

  it('is full when a neighbour is asked for more, directly or through a fragment', () => {
    expect(scopeOf('{ drug(name: "x") { targets { target { name description } } } }').neighbours).toBe('full');
    expect(scopeOf('{ drug(name: "x") { brands { citation { statement } } } }').neighbours).toBe('full');
    expect(
      scopeOf('{ drug(name: "x") { ...T } } fragment T on Drug { analogues { drug { name synonyms } } }').neighbours,
    ).toBe('full');
    expect(scopeOf('{ drug(name: "x") { relations { node { ... on Target { description } } } } }').neighbours).toBe(
      'full',
    );
  });

  it('fetches the drug itself brief only when nothing reads more of its own properties', () => {
    expect(scopeOf('{ drugs(names: ["x"]) { id name brands { name } } }').entity).toBe('brief');
    expect(scopeOf('{ drug(name: "x") { __typename kind identifiers { value } properties { value } } }').entity).toBe(
      'brief',
    );
    // Its own properties, directly or through a fragment.
    expect(scopeOf('{ drug(name: "x") { name description } }').entity).toBe('full');
    expect(scopeOf('{ drug(name: "x") { ...D } } fragment D on Drug { citation { statement } }').entity).toBe('full');
    expect(scopeOf('{ drug(name: "x") { ... on Entity { synonyms } } }').entity).toBe('full');
    // Disagreements read a property of the drug's; a neighbour asked for more may be the drug itself.
    expect(scopeOf('{ drug(name: "x") { disagreements { note } } }').entity).toBe('full');
    expect(scopeOf('{ drug(name: "x") { targets { affinities { drug { description } } } } }').entity).toBe('full');
  });

  it('is worked out once per parsed selection, and again for another document', () => {
    const document = parse('{ drug(name: "x") { name brands { name } } }');
    const operation = document.definitions[0] as OperationDefinitionNode;
    const field = operation.selectionSet.selections[0] as FieldNode;
    const returnType = schema.getQueryType()!.getFields().drug!.type;
    const info = { fieldNodes: [field], fragments: {}, schema, returnType } as unknown as GraphQLResolveInfo;
    const first = drugScope(info);
    expect(drugScope({ ...info, fieldNodes: [field] })).toBe(first);
    expect(scopeOf('{ drug(name: "x") { name brands { name } } }')).not.toBe(first);
    expect(scopeOf('{ drug(name: "x") { name brands { name } } }')).toEqual(first);
  });
});
