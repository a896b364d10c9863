/**
 * The schema contract: the printed schema is committed, every element is described, and the
 * API is read-only.
 */
import { readFileSync } from 'node:fs';
import { isInputObjectType, isInterfaceType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createSchema, printedSchema, PRINTED_SCHEMA_PATH } from '../../src/graphql/schema.js';
import { GENERATED_PATH, generateResolverTypes } from '../../scripts/resolverTypes.js';

const schema = createSchema();

describe('the schema contract', () => {
  it('equals the committed printed schema (run `npm run schema:print` after an intended change)', () => {
    expect(printedSchema()).toBe(readFileSync(PRINTED_SCHEMA_PATH, 'utf8'));
  });

  it('describes every type, field and argument', () => {
    const undocumented: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) undocumented.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) undocumented.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) undocumented.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
    }
    expect(undocumented).toEqual([]);
  });

  it('has resolver types generated from the current SDL (run `npm run codegen` after a change)', async () => {
    expect(readFileSync(GENERATED_PATH, 'utf8')).toBe(await generateResolverTypes());
  });

  it('has no mutations or subscriptions', () => {
    expect(schema.getMutationType()).toBeUndefined();
    expect(schema.getSubscriptionType()).toBeUndefined();
  });
});
