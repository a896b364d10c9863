/**
 * The Docker image runs what `npm start` runs, as the container's own process: npm would not
 * pass `docker stop`'s SIGTERM on to the supervisor, and the API would stop undrained.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('the Dockerfile', () => {
  it("runs npm start's command directly, without npm in between", () => {
    const dockerfile = readFileSync('Dockerfile', 'utf8');
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile);
    expect(cmd, 'a CMD in exec form').not.toBeNull();
    const args = JSON.parse(cmd![1]!) as string[];
    const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(args[0]).toBe('node');
    expect(args.join(' ')).toBe(scripts.start);
  });
});
