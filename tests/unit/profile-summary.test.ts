/**
 * The CPU profile summary of `npm run bench:profile` (bench/profileSummary.ts): each sample goes
 * to the part of the innermost frame that has one, idle time and start-up stay out of the
 * shares, and the functions are ranked by self time.
 */
import { describe, expect, it } from 'vitest';
import { summariseProfile, type CpuProfile } from '../../bench/profileSummary.js';

const frame = (id: number, functionName: string, url: string, children: number[] = []) => ({
  id,
  callFrame: { functionName, url, lineNumber: 0 },
  children,
});

const profile: CpuProfile = {
  nodes: [
    frame(1, '(root)', '', [2, 6, 7, 8]),
    frame(2, 'parserOnIncoming', 'node:_http_server', [3]),
    frame(3, 'lookupDrugs', 'file:///app/src/graphql/lookupResolvers.ts', [4, 5]),
    frame(4, '_unpackMapWithSize', 'file:///app/node_modules/neo4j-driver-bolt-connection/lib/packstream.js'),
    frame(5, 'toCitation', 'file:///app/src/model/citations.ts'),
    frame(6, '(garbage collector)', ''),
    frame(7, '(idle)', ''),
    frame(8, 'compileSourceTextModule', 'node:internal/modules/esm/utils'),
  ],
  samples: [4, 4, 4, 5, 2, 6, 7, 7, 8],
  timeDeltas: [100, 100, 100, 100, 100, 100, 5000, 5000, 700],
};

describe('a CPU profile summed up', () => {
  it('gives each part its share of busy time, idle time and start-up left out', () => {
    const { parts } = summariseProfile(profile);
    expect(parts).toEqual([
      ['Neo4j driver (sending queries, unpacking records)', 50],
      ['our resolvers, Cypher and model (src/graphql, src/graph, src/model)', expect.closeTo(16.67, 2)],
      ['HTTP (node:http, @whatwg-node)', expect.closeTo(16.67, 2)],
      ['garbage collection', expect.closeTo(16.67, 2)],
    ]);
  });

  it('ranks functions by self time', () => {
    const { functions } = summariseProfile(profile, 2);
    expect(functions).toEqual([
      ['_unpackMapWithSize neo4j-driver-bolt-connection/lib/packstream.js', 50],
      ['toCitation src/model/citations.ts', expect.closeTo(16.67, 2)],
    ]);
  });
});
