import type { EvidenceSpan } from '@/domain/chart/chart-types';

/** Runs of spaces for padding, shared (padding is the most frequent write in a table). */
const SPACES: string[] = [''];
for (let i = 1; i <= 120; i++) SPACES.push(' '.repeat(i));

const RULES = new Map<string, string>();

function spaces(n: number): string {
  return n < SPACES.length ? (SPACES[n] as string) : ' '.repeat(n);
}

/**
 * Builds a document's plain text and its evidence spans in one pass: `fact()` appends the words
 * that state a fact and records where they landed, so offsets can never drift from the text.
 *
 * The text grows by string concatenation (V8 keeps it as a rope and flattens it once) and the
 * builder tracks the current column, so tables can be aligned with `padTo()`. It can word-wrap
 * narrative paragraphs: in wrap mode a line only breaks at a space of plain text, never inside a
 * fact, so a span never crosses a line. Text, facts and padding never contain line breaks; only
 * `nl()` (and `line()`, `rule()`) start a new line.
 */
export class TextBuilder {
  private out = '';
  private col = 0;
  private readonly spans: EvidenceSpan[] = [];
  private wrapWidth = 0;
  private wrapIndent = '';
  private pendingSpace = false;

  /** The column (characters since the last line break) the next text starts at. */
  get column(): number {
    return this.col + (this.pendingSpace ? 1 : 0);
  }

  /**
   * Plain text, without line breaks (end lines with `nl()` or `line()`). Not scanning for them
   * matters: a template literal is a rope in V8, and any scan would make it flatten (copy) it.
   */
  text(s: string): this {
    if (s.length === 0) return this;
    if (this.wrapWidth > 0) {
      this.wrapText(s);
      return this;
    }
    this.out += s;
    this.col += s.length;
    return this;
  }

  /**
   * Text written as is, even in wrap mode: a space written this way never becomes a line break
   * (keeps "HR 78" or "Cr 1.42 (H)" together). No line breaks.
   */
  raw(s: string): this {
    if (this.wrapWidth > 0) this.breakOrSpace(s.length);
    this.append(s);
    return this;
  }

  /** Text that states `field` of the fact `ref` (`ResourceType/id`); records its span. No line breaks. */
  fact(ref: string, field: string, s: string): this {
    if (s.length === 0) return this;
    if (this.wrapWidth > 0) this.breakOrSpace(s.length);
    const start = this.out.length;
    this.append(s);
    this.spans.push({ ref, field, start, end: start + s.length });
    return this;
  }

  /**
   * Cite one more fact with the words just written by `fact()` (a diagnosis that is both the
   * Condition's code and the Encounter's reason).
   */
  also(ref: string, field: string): this {
    const last = this.spans[this.spans.length - 1];
    if (last) this.spans.push({ ref, field, start: last.start, end: last.end });
    return this;
  }

  /** End the line (drops a space still pending in wrap mode). */
  nl(count = 1): this {
    this.pendingSpace = false;
    this.out += count === 1 ? '\n' : '\n'.repeat(count);
    this.col = 0;
    return this;
  }

  /** `text(s)` and a line break. */
  line(s = ''): this {
    return this.text(s).nl();
  }

  /** Pad with spaces to `column`; at least `min` spaces when the line already reaches it. */
  padTo(column: number, min = 1): this {
    const n = column - this.col;
    this.append(spaces(n >= min ? n : min));
    return this;
  }

  /** Start word-wrapping at `width` columns; continuation lines start with `indent`. */
  wrap(width: number, indent = ''): this {
    this.wrapWidth = width;
    this.wrapIndent = indent;
    this.pendingSpace = false;
    return this;
  }

  unwrap(): this {
    this.wrapWidth = 0;
    this.pendingSpace = false;
    return this;
  }

  /** A horizontal rule. */
  rule(char = '-', width = 80): this {
    const key = char + width;
    let line = RULES.get(key);
    if (!line) RULES.set(key, (line = char.repeat(width) + '\n'));
    this.out += line;
    this.col = 0;
    this.pendingSpace = false;
    return this;
  }

  /** The text and spans; call once when the document is complete. */
  build(): { text: string; spans: EvidenceSpan[] } {
    return { text: this.out, spans: this.spans };
  }

  /** Append text known to hold no line break. */
  private append(s: string): void {
    this.out += s;
    this.col += s.length;
  }

  /** Before a word of `size` characters: a pending space, or a line break if the word would overflow. */
  private breakOrSpace(size: number): void {
    if (!this.pendingSpace) return;
    this.pendingSpace = false;
    if (this.col + 1 + size > this.wrapWidth && this.col > this.wrapIndent.length) {
      this.out += '\n' + this.wrapIndent;
      this.col = this.wrapIndent.length;
    } else {
      this.append(' ');
    }
  }

  /**
   * Word-wraps plain text. Fast path: the rest of the text fits on the line and is appended in
   * one piece; otherwise it breaks at the last space that fits (or the first one after).
   */
  private wrapText(s: string): void {
    let pos = 0;
    // Leading spaces only separate this text from what came before.
    while (pos < s.length && s.charCodeAt(pos) === 32) {
      this.pendingSpace = true;
      pos++;
    }
    for (;;) {
      const lead = this.pendingSpace ? 1 : 0;
      const room = this.wrapWidth - this.col - lead;
      const rest = s.length - pos;
      if (rest <= room) {
        if (rest === 0) return;
        if (lead) this.append(' ');
        this.pendingSpace = false;
        const tail = pos === 0 ? s : s.slice(pos);
        // A trailing space is kept pending so it can become the line break.
        if (tail.charCodeAt(tail.length - 1) === 32) {
          this.append(tail.slice(0, -1));
          this.pendingSpace = true;
        } else {
          this.append(tail);
        }
        return;
      }
      if (room > 0) {
        const cut = s.lastIndexOf(' ', pos + room);
        if (cut > pos) {
          if (lead) this.append(' ');
          this.append(s.slice(pos, cut));
          this.pendingSpace = true;
          pos = cut + 1;
          continue;
        }
      }
      // Nothing fits before the margin: one word at a time.
      pos = this.wrapWord(s, pos);
      if (pos < 0) return;
    }
  }

  /** Writes the word at `pos` (breaking before it if it overflows); the position after its space, or -1 at the end. */
  private wrapWord(s: string, pos: number): number {
    const space = s.indexOf(' ', pos);
    const end = space < 0 ? s.length : space;
    if (end > pos) {
      this.breakOrSpace(end - pos);
      this.append(s.slice(pos, end));
    }
    if (space < 0) return -1;
    this.pendingSpace = true;
    return space + 1;
  }
}
