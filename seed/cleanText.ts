/**
 * Clean text
 *
 * Seed files are UTF-8 text meant to be read by people, and what they say is served as it is.
 * So a byte that is not UTF-8 and every character that is not visible text is refused, each with
 * its line and column, instead of being loaded and served as "euph\uFFFDria":
 * - control characters other than tab, line feed and carriage return (NUL, C0, C1, DEL);
 * - U+FFFD, the mark a wrong encoding conversion leaves where a character was lost;
 * - unpaired surrogates (half of a UTF-16 pair, no character; only an escape can write one);
 * - format characters (Unicode category Cf): the bidirectional controls (U+061C, U+200E/F,
 *   U+202A-202E, U+2066-2069), which reorder the text shown around them, and the invisible ones
 *   (U+00AD, U+200B-200D, U+2060, U+FEFF other than a byte order mark the decoder drops, tags):
 *   two names that look the same would differ, and a search for the one would miss the other.
 *   None of the data's names needs one; the joiners U+200C/U+200D are the ones a name in Persian
 *   or an Indic script would need, and this is where they would be let in;
 * - the invisible line and paragraph separators U+2028/U+2029 (YAML does not break lines there);
 * - noncharacters (U+FDD0-FDEF and the last two code points of every plane, U+FFFE, U+FFFF, ...),
 *   which Unicode keeps for a program's own use, never for text.
 */

export interface TextFault {
  line: number;
  /** 1-based, in UTF-16 code units like the YAML parser's columns. */
  column: number;
  message: string;
}

/**
 * Characters no seed text may hold, raw or written as an escape. With the `u` flag \p{Cs}
 * matches a surrogate only when it is unpaired: a pair is one character, outside the class.
 */
const UNCLEAN =
  // eslint-disable-next-line no-control-regex -- finding control characters is what it is for
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD\u2028\u2029\p{Cf}\p{Cs}\p{Noncharacter_Code_Point}]/gu;
/** More faults than this in one file are summed up: a binary file would otherwise print pages. */
const MOST_FAULTS = 10;

const hex = (n: number, digits: number) => n.toString(16).toUpperCase().padStart(digits, '0');

/** The bidirectional controls, by name: each reorders how the text around it is shown. */
const BIDI_CONTROLS: Record<number, string> = {
  0x061c: 'ARABIC LETTER MARK',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
};

/** Names of the invisible characters most often pasted in by accident. */
const INVISIBLE: Record<number, string> = {
  0x00ad: 'SOFT HYPHEN',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x2060: 'WORD JOINER',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE, a byte order mark inside the text',
};

/** What is wrong with one forbidden character, in words. */
export function describeCharacter(char: string): string {
  const code = char.codePointAt(0)!;
  const u = `U+${hex(code, 4)}`;
  if (code === 0xfffd)
    return 'the replacement character U+FFFD, which marks a character lost by a wrong encoding conversion: restore the original character';
  if (code >= 0xd800 && code <= 0xdfff)
    return `an unpaired surrogate, ${u}: half of a UTF-16 pair, which is no character; write the whole character`;
  if (BIDI_CONTROLS[code])
    return `a bidirectional control, ${u} (${BIDI_CONTROLS[code]}): invisible, it reorders how the text around it is shown; remove it`;
  if (/\p{Noncharacter_Code_Point}/u.test(char))
    return `a noncharacter, ${u}: Unicode keeps it for a program's own use, never for text; remove it`;
  if (code > 0x9f) {
    const name = INVISIBLE[code] ? ` (${INVISIBLE[code]})` : '';
    return `an invisible format character, ${u}${name}: text that looks the same would differ; remove it`;
  }
  const name = code === 0 ? ' (NUL)' : code === 0x7f ? ' (DEL)' : '';
  return `a control character, ${u}${name}: seed text holds only printable characters, tabs and line breaks; remove it`;
}

/** The first forbidden character of a parsed value, described, or undefined when it is clean. */
export function uncleanCharacter(value: string): string | undefined {
  const match = value.match(new RegExp(UNCLEAN.source, 'u'));
  return match ? describeCharacter(match[0]) : undefined;
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629), or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    // Trailing bytes and the range the second byte must fall in, by lead byte: this refuses
    // overlong forms, surrogates and code points above U+10FFFF, as TextDecoder does.
    let trail: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) trail = 1;
    else if (b === 0xe0) [trail, low] = [2, 0xa0];
    else if (b === 0xed) [trail, high] = [2, 0x9f];
    else if (b >= 0xe1 && b <= 0xef) trail = 2;
    else if (b === 0xf0) [trail, low] = [3, 0x90];
    else if (b === 0xf4) [trail, high] = [3, 0x8f];
    else if (b >= 0xf1 && b <= 0xf3) trail = 3;
    else return i;
    const second = bytes[i + 1];
    if (second === undefined || second < low || second > high) return i;
    for (let k = 2; k <= trail; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < 0x80 || next > 0xbf) return i;
    }
    i += trail + 1;
  }
  return -1;
}

/** Line and column of a position in a text. */
export function positionIn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}

/**
 * Decodes a file's bytes as UTF-8 and lists what makes it unclean. Text that is not UTF-8 is
 * reported at its first bad byte only: past it, the decoding says nothing reliable.
 */
export function decodeCleanText(bytes: Uint8Array): { text: string; faults: TextFault[] } {
  let text: string;
  try {
    // The native decoder checks fast; only a file it refuses is walked byte by byte.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
    const message = `not UTF-8: byte 0x${hex(bytes[bad]!, 2)} (offset ${bad}) does not begin a well-formed UTF-8 character; save the file as UTF-8`;
    return { text: '', faults: [{ ...positionIn(before, before.length), message }] };
  }
  const faults: TextFault[] = [];
  let more = 0;
  for (const match of text.matchAll(UNCLEAN)) {
    if (faults.length < MOST_FAULTS)
      faults.push({ ...positionIn(text, match.index), message: describeCharacter(match[0]) });
    else more += 1;
  }
  if (more > 0) faults[faults.length - 1]!.message += ` (and ${more} more such characters in this file)`;
  return { text, faults };
}
