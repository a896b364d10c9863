import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('configuration', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 4000,
      NEO4J_DATABASE: 'neo4j',
      QUERY_TIMEOUT_MS: 5000,
      LOG_LEVEL: 'info',
      GRAPHIQL: true,
      SEED_ON_START: true,
    });
    expect(config.NEO4J_URI).toBeUndefined();
  });

  it('loads no dataset records unless SEED_DATASETS asks for the neighbourhood or all of them', () => {
    expect(loadConfig({}).SEED_DATASETS).toBe('neighbourhood');
    expect(loadConfig({ SEED_DATASETS: 'neighbourhood' }).SEED_DATASETS).toBe('neighbourhood');
    expect(loadConfig({ SEED_DATASETS: 'full' }).SEED_DATASETS).toBe('full');
    expect(() => loadConfig({ SEED_DATASETS: 'all' })).toThrow(/SEED_DATASETS/);
  });

  it('maps stack traces to the sources except in production, unless switched on', () => {
    expect(loadConfig({}).SOURCE_MAPS).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).SOURCE_MAPS).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', SOURCE_MAPS: 'true' }).SOURCE_MAPS).toBe(true);
  });

  it('turns GraphiQL off by default in production, unless switched on', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).GRAPHIQL).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', GRAPHIQL: 'true' }).GRAPHIQL).toBe(true);
  });

  it('turns introspection and field suggestions off by default in production, unless switched on', () => {
    expect(loadConfig({})).toMatchObject({ INTROSPECTION: true, FIELD_SUGGESTIONS: true });
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ INTROSPECTION: false, FIELD_SUGGESTIONS: false });
    expect(loadConfig({ NODE_ENV: 'production', INTROSPECTION: '1' }).INTROSPECTION).toBe(true);
    expect(loadConfig({ SEED_ON_START: '0' }).SEED_ON_START).toBe(false);
  });

  it('reads CORS origins as a trimmed comma-separated list, or "*" for any', () => {
    expect(loadConfig({}).CORS_ORIGINS).toBe('*');
    expect(loadConfig({ CORS_ORIGINS: ' https://a.example , https://b.example,' }).CORS_ORIGINS).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
  });

  it('accepts routed and encrypted Neo4j URIs', () => {
    expect(loadConfig({ NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io' }).NEO4J_URI).toBe(
      'neo4j+s://abc.databases.neo4j.io',
    );
    expect(loadConfig({ NEO4J_URI: 'bolt://127.0.0.1:7687' }).NEO4J_URI).toBe('bolt://127.0.0.1:7687');
  });

  it('names the variable of a bad value', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ NEO4J_URI: 'http://localhost:7474' })).toThrow(
      /NEO4J_URI: must be a bolt:\/\/ or neo4j:\/\/ URI/,
    );
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ GRAPHIQL: 'yes' })).toThrow(/GRAPHIQL/);
    expect(() => loadConfig({ MAX_DEPTH: '0' })).toThrow(/MAX_DEPTH/);
  });
});
