/**
 * Parsing one seed file
 *
 * From a file's bytes to its value, or to every problem on the way, each at its line and column
 * (or, in JSON, at the path of the value). The text must be clean (seed/cleanText.ts), and YAML
 * must be plain: the core schema's tags (text, numbers, true/false, null, maps and lists) and
 * no other, so that `!!js/function`, `!!binary` or a tag of one's own is an error rather than a
 * warning and a string loaded in its place. Escapes are checked too: "\0" in a quoted YAML
 * string or "\u0000" in JSON is the same control character as the raw byte, and "\ud800" writes
 * an unpaired surrogate no UTF-8 byte can (a YAML escape is reported at its string's start). A
 * YAML file's value comes with a way to find the line and column of any path in it, for
 * problems the schema finds later.
 */
import { isNode, LineCounter, parseDocument, visit, type YAMLParseError, type YAMLWarning } from 'yaml';
import { decodeCleanText, uncleanCharacter } from './cleanText.js';

/** A problem inside the file: `path` is "line L, column C" or a path to a value. */
export interface FileProblem {
  path: string;
  message: string;
}

export type Parsed =
  | {
      value: unknown;
      problems: [];
      /** In YAML, "line L, column C" of the value at a path of the parsed value, if it is there. */
      locate?: (path: readonly PropertyKey[]) => string | undefined;
    }
  | { value?: undefined; problems: FileProblem[]; locate?: undefined };

const at = (pos: { line: number; col?: number; column?: number }) =>
  `line ${pos.line}, column ${pos.col ?? pos.column}`;

const PLAIN = 'seed data is plain YAML: text, numbers, true/false, null, maps and lists';

/** The first line of a YAML error or warning, without the position the path already gives. */
const firstLine = (error: YAMLParseError | YAMLWarning) =>
  error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:$/, '');

function parseYaml(text: string): Parsed {
  const lineCounter = new LineCounter();
  // Without the YAML 1.1 tags the core schema would still resolve (!!binary, !!set, ...), every
  // tag outside the core schema is left unresolved, and the parser says where it stands.
  const doc = parseDocument(text, { prettyErrors: true, resolveKnownTags: false, lineCounter });
  const [error] = doc.errors;
  // Later syntax errors mostly follow from the first; one is what the user needs to fix next.
  if (error)
    return {
      problems: [{ path: error.linePos ? at(error.linePos[0]) : '', message: `invalid YAML: ${firstLine(error)}` }],
    };
  const problems: FileProblem[] = doc.warnings.map((warning) => {
    const path = warning.linePos ? at(warning.linePos[0]) : '';
    if (warning.code !== 'TAG_RESOLVE_FAILED') return { path, message: `YAML warning: ${firstLine(warning)}` };
    const tag = text.slice(warning.pos[0]).match(/^\S+/)?.[0] ?? '';
    return { path, message: `the YAML tag ${tag} is not allowed: ${PLAIN}` };
  });
  visit(doc, {
    Scalar(_, node) {
      const fault = typeof node.value === 'string' ? uncleanCharacter(node.value) : undefined;
      if (fault && node.range)
        problems.push({ path: at(lineCounter.linePos(node.range[0])), message: `an escape writes ${fault}` });
    },
  });
  if (problems.length) return { problems };
  const locate = (path: readonly PropertyKey[]) => {
    const node: unknown = doc.getIn(path as unknown[], true);
    return isNode(node) && node.range ? at(lineCounter.linePos(node.range[0])) : undefined;
  };
  return { value: doc.toJS(), problems: [], locate };
}

/** Every string of a JSON value (keys included) that is not clean, by its path. */
function uncleanStrings(value: unknown, path: string, problems: FileProblem[]): void {
  if (typeof value === 'string') {
    const fault = uncleanCharacter(value);
    if (fault) problems.push({ path, message: `an escape writes ${fault}` });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => uncleanStrings(item, `${path}[${i}]`, problems));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const fault = uncleanCharacter(key);
      if (fault) problems.push({ path, message: `a key's escape writes ${fault}` });
      uncleanStrings(item, path ? `${path}.${key}` : key, problems);
    }
  }
}

/**
 * JSON escapes that may write a character clean text refuses: every \u escape but those of
 * printable ASCII (so some harmless ones too, such as the tab, \u0009, or "é"), and \b, \f.
 */
const MAYBE_UNCLEAN_ESCAPE = /\\(?:u(?!00[2-7])|u007f|[bf])/i;

function parseJson(text: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problems: [{ path: '', message: `invalid JSON: ${(error as Error).message}` }] };
  }
  const problems: FileProblem[] = [];
  // The raw text is clean, so only an escape can write such a character: the walk over every
  // string (a third of the time of a large file) runs only when the text holds one that may.
  if (MAYBE_UNCLEAN_ESCAPE.test(text)) uncleanStrings(value, '', problems);
  return problems.length ? { problems } : { value, problems: [] };
}

/** Parses a seed file's bytes: JSON when `json` (JSON.parse reads large generated files many times faster), else YAML. */
export function parseSeedFile(bytes: Uint8Array, json: boolean): Parsed {
  const { text, faults } = decodeCleanText(bytes);
  if (faults.length) return { problems: faults.map((fault) => ({ path: at(fault), message: fault.message })) };
  return json ? parseJson(text) : parseYaml(text);
}
