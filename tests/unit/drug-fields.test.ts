/**
 * The Drug field table (src/model/drugFields.ts), in memory: it lists exactly the Drug fields
 * that read more than the drug's own properties, each has a resolver, and every relationship
 * type it names is one the schema knows. The selection scope and the resolvers are both built
 * from it (tests/unit/drug-scope.test.ts pins the scope).
 */
import { isEnumType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { drugResolvers } from '../../src/graphql/drugResolvers.js';
import { fieldNeeds } from '../../src/graphql/drugScope.js';
import { createSchema } from '../../src/graphql/schema.js';
import { DRUG_FIELDS } from '../../src/model/drugFields.js';

const schema = createSchema();
const drug = schema.getType('Drug');
const OWN_PROPERTIES = ['id', 'kind', 'name', 'synonyms', 'aliases', 'description', 'citation', 'url'];

describe('the Drug field table', () => {
  it('lists every Drug field but those answered from the drug itself', () => {
    if (!isObjectType(drug)) throw new Error('Drug is not an object type');
    const reading = Object.keys(drug.getFields()).filter((f) => !OWN_PROPERTIES.includes(f));
    expect(Object.keys(DRUG_FIELDS).sort()).toEqual(reading.sort());
  });

  it('has a resolver for every field it lists', () => {
    const resolved = Object.keys(drugResolvers.Drug as object);
    for (const field of Object.keys(DRUG_FIELDS)) expect(resolved).toContain(field);
  });

  it('names only relationship types of the schema', () => {
    const relationType = schema.getType('RelationType');
    if (!isEnumType(relationType)) throw new Error('RelationType is not an enum');
    const known = relationType.getValues().map((v) => v.name);
    for (const reads of Object.values(DRUG_FIELDS))
      if ('relationships' in reads && reads.relationships !== 'any')
        for (const { type } of reads.relationships) expect(known).toContain(type);
  });

  it('gives each field the part of the profile it reads, and nothing to the others', () => {
    expect(fieldNeeds('targets')).toEqual({
      types: ['ACTS_ON', 'HAS_AFFINITY_FOR'],
      literals: false,
      identifiers: false,
    });
    expect(fieldNeeds('relations')).toEqual({ types: null, literals: false, identifiers: false });
    expect(fieldNeeds('chemistry')).toEqual({ types: [], literals: true, identifiers: false });
    expect(fieldNeeds('identifiers')).toEqual({ types: [], literals: false, identifiers: true });
    expect(fieldNeeds('name')).toEqual({ types: [], literals: false, identifiers: false });
    expect(fieldNeeds('toString')).toEqual({ types: [], literals: false, identifiers: false });
  });
});
