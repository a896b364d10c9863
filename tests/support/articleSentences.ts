/**
 * The article's sentences
 *
 * The sentences file (found by tests/support/outsideResources.ts) read into locators and text:
 * a header line, then section, paragraph, sentence and text, tab-separated.
 */
import { readFileSync } from 'node:fs';

export interface Sentence {
  section: string;
  paragraph: number;
  sentence: number;
  text: string;
}

export function readSentences(path: string): Sentence[] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [section, paragraph, sentence, text] = line.split('\t');
      return { section: section!, paragraph: Number(paragraph), sentence: Number(sentence), text: text! };
    });
}

/** A locator as people write it: "Research 1.1". */
export const locatorText = (l: { section: string; paragraph: number; sentence: number }) =>
  `${l.section} ${l.paragraph}.${l.sentence}`;
