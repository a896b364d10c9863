/**
 * Outside resources
 *
 * What some tests need that the project does not ship: a Chromium for the explorer's browser
 * steps, and the source article's text for the checks of wording against it. Each is found
 * where its setting points, else in the usual places. When one is absent, the tests that need
 * it are skipped with one line saying what was skipped and how to enable it; with CI=true they
 * run and fail instead, naming what is missing, so CI cannot pass by skipping them.
 *
 * The settings are the tests' own, so they are read here and not in src/config.ts, which holds
 * the API's settings (and whose every variable the README's configuration table documents).
 */
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const TestSettings = z.object({
  /**
   * Chromium (or Chrome) for tests/explorer.test.ts; when set, nothing else is tried.
   * @default the first of /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome,
   * playwright's own download
   */
  CHROMIUM_PATH: z.string().min(1).optional(),
  /** Folder holding the article's sentences, `baclofen-sentences.tsv`. @default ../shared/seeds beside the repository */
  ARTICLE_DIR: z.string().min(1).optional(),
  /** `true` or `1` (as CI services set it): a missing resource fails its tests instead of skipping them. @default off */
  CI: z
    .string()
    .optional()
    .transform((v) => v === 'true' || v === '1'),
});

const testSettings = TestSettings.parse(process.env);

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEFAULT_ARTICLE_DIR = resolve(REPO_ROOT, '..', 'shared', 'seeds');
const SENTENCES_FILE = 'baclofen-sentences.tsv';

/** A resource some tests need, found or not. */
export interface Needed {
  /** Whether the tests that need it are to be skipped: it is absent and CI is off. */
  skip: boolean;
  /** Where it is; throws, naming what is missing and how to provide it, when it is absent. */
  path(): string;
}

interface Search {
  /** What is looked for, e.g. "Chromium". */
  what: string;
  /** The tests that need it, e.g. "the explorer's browser steps (tests/explorer.test.ts)". */
  tests: string;
  /** The places tried, in order, each as it should read in a message. */
  places: { label: string; path: string }[];
  /** How to enable the tests. */
  enable: string;
}

function isReadable(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}

function need(search: Search, mode: number): Needed {
  const found = search.places.find((place) => isReadable(place.path, mode));
  if (found) return { skip: false, path: () => found.path };
  const looked = search.places.map((place) => place.label).join(', ');
  if (!testSettings.CI)
    // Written straight to the terminal: console output in a test file gets a header line of its own.
    process.stdout.write(`skipped: ${search.tests}: ${search.what} not found at ${looked}; ${search.enable}\n`);
  return {
    skip: !testSettings.CI,
    path() {
      throw new Error(`CI=true needs ${search.what} for ${search.tests}, not found at ${looked}; ${search.enable}`);
    },
  };
}

/** Where playwright-core keeps the Chromium it downloads (`npx playwright-core install chromium`). */
function playwrightChromium(): string | undefined {
  try {
    const { chromium } = createRequire(import.meta.url)('playwright-core') as typeof import('playwright-core');
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

export function chromiumFor(tests: string): Needed {
  const { CHROMIUM_PATH } = testSettings;
  const usual = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const playwright = playwrightChromium();
  const places = CHROMIUM_PATH
    ? [{ label: `CHROMIUM_PATH=${CHROMIUM_PATH}`, path: CHROMIUM_PATH }]
    : [
        ...usual.map((path) => ({ label: path, path })),
        ...(playwright ? [{ label: `playwright's ${playwright}`, path: playwright }] : []),
      ];
  return need(
    {
      what: 'Chromium',
      tests,
      places,
      enable: 'install Chromium (Debian: apt-get install chromium) or set CHROMIUM_PATH to its executable',
    },
    constants.X_OK,
  );
}

/** The article cut into sentences: a header line, then section, paragraph, sentence and text. */
export function articleFor(tests: string): Needed {
  const { ARTICLE_DIR } = testSettings;
  const dir = ARTICLE_DIR ? resolve(ARTICLE_DIR) : DEFAULT_ARTICLE_DIR;
  const label = ARTICLE_DIR ? `ARTICLE_DIR=${ARTICLE_DIR}` : `${DEFAULT_ARTICLE_DIR} (ARTICLE_DIR unset)`;
  return need(
    {
      what: `the article's sentences (${SENTENCES_FILE})`,
      tests,
      places: [{ label, path: join(dir, SENTENCES_FILE) }],
      enable: `set ARTICLE_DIR to the folder holding ${SENTENCES_FILE} (the project does not ship the article)`,
    },
    constants.R_OK,
  );
}
