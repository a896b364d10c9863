/**
 * Queries that worked before statements (issue 11) still validate and answer: the cookbook of
 * that time, kept as it was in tests/fixtures/queries-before-statements.json, and queries of the
 * fields whose answers the statement model changed (paths, relations, research, edges).
 */
import { readFileSync } from 'node:fs';
import { parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchema } from '../src/graphql/schema.js';
import { graphql, openDatabase, testApi, useStandardGraph } from './support/testGraph.js';

const QUERIES = JSON.parse(
  readFileSync(new URL('./fixtures/queries-before-statements.json', import.meta.url), 'utf8'),
) as string[];

const database = openDatabase();
const api = testApi(database);
const schema = createSchema();
beforeAll(() => useStandardGraph(database));
afterAll(() => database.close());

describe('queries written before statements', () => {
  it('are all kept', () => expect(QUERIES.length).toBe(23));

  it.each(QUERIES)('%s validates and answers with data', async (query) => {
    expect(validate(schema, parse(query))).toEqual([]);
    const { data, errors } = await graphql<Record<string, unknown>>(api, query);
    expect(errors).toBeUndefined();
    const values = Object.values(data ?? {});
    expect(values.length).toBeGreaterThan(0);
    // Every root field answers something (the batch's miss is the one null, inside a list).
    for (const value of values) expect(value === null || (Array.isArray(value) && value.length === 0)).toBe(false);
  });
});
