/**
 * A port of the parts of `java.time.format.DateTimeFormatterBuilder` that
 * the engines' date formats are built from: the printer-parser elements
 * (numeric values with their widths, sign styles and adjacent-value
 * parsing, fractions, literals, month / day-of-week / AM-PM texts of the
 * root locale, offsets, zone ids, optional sections) and the pattern
 * letters of `DateTimeFormatter.ofPattern` that log mappings use.
 *
 * Parsing is Java's strict parse: case-sensitive, ASCII digits only, an
 * optional section rolls back when any element inside it fails, and the
 * whole text must be consumed. The parsed fields are resolved elsewhere
 * (`java-date-resolve.ts`).
 *
 * Pattern letters emulated: `y` `u` (`yy` is the reduced two-digit year
 * based on 2000), `M` `L` (numeric, or `MMM`/`MMMM`/`LLL`/`LLLL`: the root
 * locale reads `Jan` … `Dec` for every text style), `d`, `H` `h` `k` `K`
 * `m` `s`, `S` (fraction of second), `n` (nano-of-second), `a` (`AM`/`PM`),
 * `E` (`EEE`/`EEEE`: `Mon` … `Sun`), `Z` `X` `x` (offsets), `VV` (zone id),
 * quoted text, `[` `]` optional sections, and any other non-letter as a
 * literal. Everything else (`z` zone names, `O`, `G`, `D`, week fields,
 * narrow texts, padding) is refused: `compileJavaDatePattern` returns the
 * reason.
 *
 * @packageDocumentation
 */
import { javaZoneIds } from './java-zone-ids.js';

/** The `ChronoField`s the emulated elements parse. */
export type DateField =
  | 'Year'
  | 'YearOfEra'
  | 'MonthOfYear'
  | 'DayOfMonth'
  | 'DayOfWeek'
  | 'HourOfDay'
  | 'ClockHourOfDay'
  | 'HourOfAmPm'
  | 'ClockHourOfAmPm'
  | 'AmPmOfDay'
  | 'MinuteOfHour'
  | 'SecondOfMinute'
  | 'NanoOfSecond'
  | 'OffsetSeconds';

/** `java.time.format.SignStyle`. */
export type SignStyle = 'NORMAL' | 'NOT_NEGATIVE' | 'EXCEEDS_PAD' | 'ALWAYS' | 'NEVER';

/** A zone read by `ZoneIdPrinterParser`: a fixed offset in seconds, or a region id. */
export type ParsedZone = { readonly kind: 'fixed'; readonly seconds: number } | { readonly kind: 'region'; readonly id: string };

/** One printer-parser. */
export type DateElement =
  | { readonly kind: 'literal'; readonly text: string }
  | { kind: 'value'; readonly field: DateField; readonly min: number; readonly max: number; readonly sign: SignStyle; subsequent: number }
  | { kind: 'reduced'; readonly field: DateField; readonly width: number; readonly base: number; subsequent: number }
  | { kind: 'fraction'; readonly min: number; readonly max: number; readonly point: boolean; subsequent: number }
  | { readonly kind: 'text'; readonly field: 'MonthOfYear' | 'DayOfWeek' | 'AmPmOfDay'; readonly style: string }
  | { readonly kind: 'offset'; readonly pattern: string; readonly noOffset: string }
  | { readonly kind: 'zone'; readonly name: 'ZoneOrOffsetId' | 'ZoneId' }
  | { readonly kind: 'group'; readonly optional: boolean; readonly elements: readonly DateElement[] };

const FIELD_INDEX: Readonly<Record<DateField, number>> = {
  Year: 0,
  YearOfEra: 1,
  MonthOfYear: 2,
  DayOfMonth: 3,
  DayOfWeek: 4,
  HourOfDay: 5,
  ClockHourOfDay: 6,
  HourOfAmPm: 7,
  ClockHourOfAmPm: 8,
  AmPmOfDay: 9,
  MinuteOfHour: 10,
  SecondOfMinute: 11,
  NanoOfSecond: 12,
  OffsetSeconds: 13,
};

/** Field values by field, without allocating per parse (NaN marks an unset field). */
export class FieldValues {
  private readonly slots = new Float64Array(14).fill(Number.NaN);

  /** The value of `field`, or undefined. */
  get(field: DateField): number | undefined {
    const value = this.slots[FIELD_INDEX[field]] ?? Number.NaN;
    return Number.isNaN(value) ? undefined : value;
  }

  /** Whether `field` is set. */
  has(field: DateField): boolean {
    return !Number.isNaN(this.slots[FIELD_INDEX[field]] ?? Number.NaN);
  }

  /** Sets `field`. */
  set(field: DateField, value: number): void {
    this.slots[FIELD_INDEX[field]] = value;
  }

  /** Unsets `field`. */
  delete(field: DateField): void {
    this.slots[FIELD_INDEX[field]] = Number.NaN;
  }

  /** Unsets every field. */
  clear(): void {
    this.slots.fill(Number.NaN);
  }

  /** Copies every field of `other`. */
  copyFrom(other: FieldValues): void {
    this.slots.set(other.slots);
  }
}

/** What a parse collected: raw field values and the zone. */
export interface ParsedFields {
  readonly values: FieldValues;
  zone: ParsedZone | undefined;
}

/** Thrown (and caught by the caller) where Java throws out of the parse instead of failing an element. */
export class FatalDateParse extends Error {}

const SIGN_STYLES: ReadonlySet<string> = new Set(['NORMAL', 'NOT_NEGATIVE', 'EXCEEDS_PAD', 'ALWAYS', 'NEVER']);

/**
 * Builds elements with `DateTimeFormatterBuilder`'s adjacent-value rule: a
 * fixed-width value (or fixed-width fraction without decimal point) right
 * after another value reserves its width from the earlier one, so
 * `yyyyMMdd` reads `20200101` as 2020, 01, 01.
 */
export class DateElementBuilder {
  readonly elements: DateElement[] = [];
  private valueIndex = -1;

  /** `appendValue(field, min, max, sign)`. */
  value(field: DateField, min: number, max: number, sign: SignStyle): this {
    return this.appendValue({ kind: 'value', field, min, max, sign, subsequent: 0 });
  }

  /** `appendValueReduced(field, width, width, base)`. */
  reduced(field: DateField, width: number, base: number): this {
    return this.appendValue({ kind: 'reduced', field, width, base, subsequent: 0 });
  }

  /** `appendFraction(NANO_OF_SECOND, min, max, decimalPoint)`. */
  fraction(min: number, max: number, point: boolean): this {
    const element: DateElement = { kind: 'fraction', min, max, point, subsequent: 0 };
    return min === max && !point ? this.appendValue(element) : this.append(element);
  }

  /** Any element that is not a value: ends adjacent-value parsing. */
  append(element: DateElement): this {
    this.elements.push(element);
    this.valueIndex = -1;
    return this;
  }

  private appendValue(element: Extract<DateElement, { subsequent: number }>): this {
    const base = this.valueIndex >= 0 ? this.elements[this.valueIndex] : undefined;
    if (base !== undefined && (base.kind === 'value' || base.kind === 'reduced' || base.kind === 'fraction')) {
      if (isFixedWidth(element)) {
        base.subsequent += widthOf(element);
        this.elements.push(element);
        return this;
      }
      this.elements.push(element);
      this.valueIndex = this.elements.length - 1;
      return this;
    }
    this.elements.push(element);
    this.valueIndex = this.elements.length - 1;
    return this;
  }
}

function isFixedWidth(element: Extract<DateElement, { subsequent: number }>): boolean {
  switch (element.kind) {
    case 'value':
      return element.min === element.max && element.sign === 'NOT_NEGATIVE';
    case 'reduced':
      return true;
    case 'fraction':
      return element.min === element.max;
    default:
      return assertNever(element);
  }
}

function widthOf(element: Extract<DateElement, { subsequent: number }>): number {
  return element.kind === 'reduced' ? element.width : element.max;
}

// ---------------------------------------------------------------------------
// Java's own description of a formatter (`DateTimeFormatter.toString()`),
// read back into elements: the named formats are written in it, exactly as
// the engine prints them.

/**
 * Reads the text `DateTimeFormatter.toString()` prints (for example
 * `Value(Year,4,10,EXCEEDS_PAD)'-'Value(MonthOfYear,2)[…]`) into elements,
 * re-applying the adjacent-value rule per section as the builder did.
 * Returns the reason when an element is not emulated.
 *
 * @example
 * ```ts
 * describedElements("Value(HourOfDay,2)':'Value(MinuteOfHour,2)"); // two values and a literal
 * ```
 */
export function describedElements(description: string): readonly DateElement[] | string {
  let i = 0;
  const readGroup = (close: string): DateElement[] | string => {
    const builder = new DateElementBuilder();
    while (i < description.length && description[i] !== close) {
      const c = description[i];
      if (c === '[' || c === '(') {
        i++;
        const inner = readGroup(c === '[' ? ']' : ')');
        if (typeof inner === 'string') return inner;
        i++;
        builder.append({ kind: 'group', optional: c === '[', elements: inner });
        continue;
      }
      if (c === "'") {
        let text = '';
        i++;
        while (i < description.length) {
          if (description[i] === "'") {
            if (description[i + 1] === "'") {
              text += "'";
              i += 2;
              continue;
            }
            break;
          }
          text += description[i];
          i++;
        }
        i++;
        builder.append({ kind: 'literal', text });
        continue;
      }
      const open = description.indexOf('(', i);
      const end = description.indexOf(')', open);
      if (open < 0 || end < 0) return `unreadable element at ${i}`;
      const name = description.slice(i, open);
      const args = splitArgs(description.slice(open + 1, end));
      i = end + 1;
      const problem = appendDescribed(builder, name, args);
      if (problem !== undefined) return problem;
    }
    return builder.elements;
  };
  const elements = readGroup('');
  return elements;
}

function splitArgs(text: string): string[] {
  // Offset(+HH:MM,'Z') holds a quoted argument that may contain a comma-free text.
  return text === '' ? [] : text.split(',').map((part) => (part.startsWith("'") && part.endsWith("'") ? part.slice(1, -1) : part));
}

function appendDescribed(builder: DateElementBuilder, name: string, args: readonly string[]): string | undefined {
  switch (name) {
    case 'Value': {
      const field = args[0] as DateField;
      if (!isEmulatedField(field)) return `the field ${args[0] ?? ''} is not emulated`;
      if (args.length === 1) builder.value(field, 1, 19, 'NORMAL');
      else if (args.length === 2) builder.value(field, Number(args[1]), Number(args[1]), 'NOT_NEGATIVE');
      else {
        const sign = args[3] ?? '';
        if (!SIGN_STYLES.has(sign)) return `sign style ${sign}`;
        builder.value(field, Number(args[1]), Number(args[2]), sign as SignStyle);
      }
      return undefined;
    }
    case 'Fraction':
      if (args[0] !== 'NanoOfSecond') return `the fraction of ${args[0] ?? ''} is not emulated`;
      builder.fraction(Number(args[1]), Number(args[2]), args[3] === 'DecimalPoint');
      return undefined;
    case 'Offset':
      if (!OFFSET_PATTERNS.includes(args[0] ?? '')) return `offset pattern ${args[0] ?? ''}`;
      builder.append({ kind: 'offset', pattern: args[0] ?? '', noOffset: args[1] ?? '' });
      return undefined;
    case 'ZoneOrOffsetId':
    case 'ZoneId':
      builder.append({ kind: 'zone', name });
      return undefined;
    default:
      return `the element ${name} is not emulated`;
  }
}

const EMULATED_FIELDS: ReadonlySet<string> = new Set<DateField>([
  'Year',
  'YearOfEra',
  'MonthOfYear',
  'DayOfMonth',
  'DayOfWeek',
  'HourOfDay',
  'ClockHourOfDay',
  'HourOfAmPm',
  'ClockHourOfAmPm',
  'AmPmOfDay',
  'MinuteOfHour',
  'SecondOfMinute',
  'NanoOfSecond',
]);

function isEmulatedField(field: string): field is DateField {
  return EMULATED_FIELDS.has(field);
}

// ---------------------------------------------------------------------------
// Pattern letters (`DateTimeFormatterBuilder.appendPattern`).

/**
 * Compiles a `DateTimeFormatter` pattern (`dd/MMM/yyyy:HH:mm:ss Z`) into
 * elements, or returns why it is not emulated.
 *
 * @example
 * ```ts
 * compileJavaDatePattern('yyyy-MM-dd HH:mm:ss'); // elements
 * compileJavaDatePattern('yyyy-MM-dd z');        // 'the pattern letter "z" …' (a reason)
 * ```
 */
export function compileJavaDatePattern(pattern: string): readonly DateElement[] | string {
  const stack: DateElementBuilder[] = [new DateElementBuilder()];
  const top = (): DateElementBuilder => stack[stack.length - 1] as DateElementBuilder;
  let hasYear = false;
  let hasYearOfEra = false;
  for (let pos = 0; pos < pattern.length; pos++) {
    const cur = pattern[pos] ?? '';
    if ((cur >= 'A' && cur <= 'Z') || (cur >= 'a' && cur <= 'z')) {
      let start = pos++;
      while (pos < pattern.length && pattern[pos] === cur) pos++;
      let count = pos - start;
      if (cur === 'p') return 'padding (the pattern letter "p") is not emulated';
      pos--;
      start = count;
      const problem = appendLetter(top(), cur, count);
      if (problem !== undefined) return problem;
      if (cur === 'u') hasYear = true;
      if (cur === 'y') hasYearOfEra = true;
      count = start;
    } else if (cur === "'") {
      const start = pos++;
      for (; pos < pattern.length; pos++) {
        if (pattern[pos] === "'") {
          if (pos + 1 < pattern.length && pattern[pos + 1] === "'") pos++;
          else break;
        }
      }
      if (pos >= pattern.length) return `the pattern has an unterminated quote: ${pattern}`;
      const text = pattern.slice(start + 1, pos);
      top().append({ kind: 'literal', text: text === '' ? "'" : text.replace(/''/g, "'") });
    } else if (cur === '[') {
      stack.push(new DateElementBuilder());
    } else if (cur === ']') {
      if (stack.length === 1) return 'the pattern closes an optional section it did not open';
      const inner = stack.pop() as DateElementBuilder;
      top().append({ kind: 'group', optional: true, elements: inner.elements });
    } else if (cur === '{' || cur === '}' || cur === '#') {
      return `the pattern character "${cur}" is reserved`;
    } else {
      top().append({ kind: 'literal', text: cur });
    }
  }
  while (stack.length > 1) {
    const inner = stack.pop() as DateElementBuilder;
    top().append({ kind: 'group', optional: true, elements: inner.elements });
  }
  if (hasYear && hasYearOfEra) return 'a pattern with both "u" and "y" is not emulated';
  return top().elements;
}

const TEXT_LETTER_STYLES: Readonly<Record<number, string>> = { 3: 'SHORT', 4: 'FULL' };

function appendLetter(builder: DateElementBuilder, letter: string, count: number): string | undefined {
  const tooMany = `too many pattern letters "${letter}"`;
  switch (letter) {
    case 'y':
    case 'u': {
      const field: DateField = letter === 'u' ? 'Year' : 'YearOfEra';
      if (count === 2) builder.reduced(field, 2, 2000);
      else if (count < 4) builder.value(field, count, 19, 'NORMAL');
      else builder.value(field, count, 19, 'EXCEEDS_PAD');
      return undefined;
    }
    case 'M':
    case 'L':
      if (count === 1) builder.value('MonthOfYear', 1, 19, 'NORMAL');
      else if (count === 2) builder.value('MonthOfYear', 2, 2, 'NOT_NEGATIVE');
      else if (count === 3 || count === 4) {
        builder.append({ kind: 'text', field: 'MonthOfYear', style: `${TEXT_LETTER_STYLES[count] ?? ''}${letter === 'L' ? '_STANDALONE' : ''}` });
      } else return count === 5 ? 'narrow month texts are ambiguous and not emulated' : tooMany;
      return undefined;
    case 'd':
    case 'H':
    case 'h':
    case 'k':
    case 'K':
    case 'm':
    case 's': {
      const field = NUMERIC_LETTERS[letter] as DateField;
      if (count === 1) builder.value(field, 1, 19, 'NORMAL');
      else if (count === 2) builder.value(field, 2, 2, 'NOT_NEGATIVE');
      else return tooMany;
      return undefined;
    }
    case 'S':
      builder.fraction(count, count, false);
      return undefined;
    case 'n':
      if (count === 1) builder.value('NanoOfSecond', 1, 19, 'NORMAL');
      else builder.value('NanoOfSecond', count, 19, 'NOT_NEGATIVE');
      return undefined;
    case 'a':
      if (count !== 1) return tooMany;
      builder.append({ kind: 'text', field: 'AmPmOfDay', style: 'SHORT' });
      return undefined;
    case 'E':
      if (count <= 3) builder.append({ kind: 'text', field: 'DayOfWeek', style: 'SHORT' });
      else if (count === 4) builder.append({ kind: 'text', field: 'DayOfWeek', style: 'FULL' });
      else return count === 5 ? 'narrow day-of-week texts are ambiguous and not emulated' : tooMany;
      return undefined;
    case 'Z':
      if (count <= 3) builder.append({ kind: 'offset', pattern: '+HHMM', noOffset: '+0000' });
      else if (count === 5) builder.append({ kind: 'offset', pattern: '+HH:MM:ss', noOffset: 'Z' });
      else return count === 4 ? 'localized offsets ("ZZZZ") are not emulated' : tooMany;
      return undefined;
    case 'X':
    case 'x': {
      const pattern = ['+HHmm', '+HHMM', '+HH:MM', '+HHMMss', '+HH:MM:ss'][count - 1];
      if (pattern === undefined) return tooMany;
      const noOffset = letter === 'X' ? 'Z' : ['+00', '+0000', '+00:00', '+0000', '+00:00'][count - 1] ?? '';
      builder.append({ kind: 'offset', pattern, noOffset });
      return undefined;
    }
    case 'V':
      if (count !== 2) return 'the pattern letter "V" must be "VV"';
      builder.append({ kind: 'zone', name: 'ZoneId' });
      return undefined;
    default:
      return `the pattern letter "${letter}" is not emulated (zone names, eras, week and day-of-year fields, localized offsets)`;
  }
}

const NUMERIC_LETTERS: Readonly<Record<string, DateField>> = {
  d: 'DayOfMonth',
  H: 'HourOfDay',
  h: 'ClockHourOfAmPm',
  k: 'ClockHourOfDay',
  K: 'HourOfAmPm',
  m: 'MinuteOfHour',
  s: 'SecondOfMinute',
};

// ---------------------------------------------------------------------------
// Parsing.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const AM_PM = ['AM', 'PM'];

/**
 * Parses all of `text` with `elements` into `out` (which must start empty).
 * Returns false when Java's parse fails or does not consume the whole
 * text; throws `FatalDateParse` where Java throws out of the parse.
 *
 * @example
 * ```ts
 * const out = { values: new FieldValues(), zone: undefined };
 * parseDateElements(compiled, '2020-01-01 10:00:00', out); // true
 * ```
 */
export function parseDateElements(elements: readonly DateElement[], text: string, out: ParsedFields): boolean {
  return parseSequence(elements, text, 0, out) === text.length;
}

/** Java returns ~position on failure; here any negative number is a failure. */
function parseSequence(elements: readonly DateElement[], text: string, position: number, out: ParsedFields): number {
  let pos = position;
  for (const element of elements) {
    pos = parseElement(element, text, pos, out);
    if (pos < 0) return -1;
  }
  return pos;
}

// Copies kept while parsing nested optional sections, one per nesting depth, reused across parses.
const savedValues: FieldValues[] = [];
let depth = 0;

function setField(out: ParsedFields, field: DateField, value: number): boolean {
  const old = out.values.get(field);
  out.values.set(field, value);
  return old === undefined || old === value;
}

function parseElement(element: DateElement, text: string, position: number, out: ParsedFields): number {
  switch (element.kind) {
    case 'literal':
      return text.startsWith(element.text, position) ? position + element.text.length : -1;
    case 'group': {
      if (!element.optional) return parseSequence(element.elements, text, position, out);
      // Java parses an optional section on a copy of what was parsed so far and drops it on failure.
      const saved = savedValues[depth] ?? (savedValues[depth] = new FieldValues());
      saved.copyFrom(out.values);
      const savedZone = out.zone;
      depth++;
      let end: number;
      try {
        end = parseSequence(element.elements, text, position, out);
      } finally {
        depth--;
      }
      if (end >= 0) return end;
      out.values.copyFrom(saved);
      out.zone = savedZone;
      return position;
    }
    case 'value':
    case 'reduced':
      return parseNumber(element, text, position, out);
    case 'fraction':
      return parseFraction(element, text, position, out);
    case 'text':
      return parseText(element, text, position, out);
    case 'offset': {
      const result = parseOffset(element.pattern, element.noOffset, text, position);
      if (result === undefined) return -1;
      return setField(out, 'OffsetSeconds', result.seconds) ? result.end : -1;
    }
    case 'zone':
      return parseZone(text, position, out);
    default:
      return assertNever(element);
  }
}

function asciiDigit(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0x30 && c <= 0x39 ? c - 0x30 : -1;
}

/** `NumberPrinterParser.parse` / `ReducedPrinterParser` in strict mode. */
function parseNumber(element: Extract<DateElement, { kind: 'value' | 'reduced' }>, text: string, start: number, out: ParsedFields): number {
  const min = element.kind === 'reduced' ? element.width : element.min;
  const max = element.kind === 'reduced' ? element.width : element.max;
  const sign: SignStyle = element.kind === 'reduced' ? 'NOT_NEGATIVE' : element.sign;
  const length = text.length;
  let position = start;
  if (position === length) return -1;
  const c = text[position];
  let negative = false;
  let positive = false;
  if (c === '+') {
    if (!(sign === 'ALWAYS' || sign === 'EXCEEDS_PAD')) return -1;
    positive = true;
    position++;
  } else if (c === '-') {
    if (!(sign === 'NORMAL' || sign === 'ALWAYS' || sign === 'EXCEEDS_PAD')) return -1;
    negative = true;
    position++;
  } else if (sign === 'ALWAYS') return -1;
  const minEnd = position + min;
  if (minEnd > length) return -1;
  let effectiveMax = max + Math.max(element.subsequent, 0);
  let pos = position;
  for (let pass = 0; pass < 2; pass++) {
    const maxEnd = Math.min(pos + effectiveMax, length);
    while (pos < maxEnd) {
      if (asciiDigit(text, pos) < 0) {
        if (pos < minEnd) return -1;
        break;
      }
      pos++;
    }
    if (element.subsequent > 0 && pass === 0) {
      effectiveMax = Math.max(min, pos - position - element.subsequent);
      pos = position;
    } else break;
  }
  let digits = text.slice(position, pos);
  // A magnitude over 63 bits reads one digit less (Java's overflow rule).
  if (digits.length >= 19 && BigInt(digits) > 9223372036854775807n) {
    digits = digits.slice(0, -1);
    pos--;
  }
  let value = Number(digits);
  if (negative) {
    if (value === 0) return -1; // minus zero is not allowed in strict mode
    value = -value;
  } else if (sign === 'EXCEEDS_PAD') {
    const parsed = pos - position;
    if (positive ? parsed <= min : parsed > min) return -1;
  }
  if (element.kind === 'reduced') {
    // ReducedPrinterParser.setValue with a base value: the value in [base, base + 10^width).
    const range = 10 ** element.width;
    const lastPart = element.base % range;
    let full = element.base - lastPart + value;
    if (full < element.base) full += range;
    value = full;
  }
  return setField(out, element.field, value) ? pos : -1;
}

/** `FractionPrinterParser.parse` in strict mode (nano-of-second). */
function parseFraction(element: Extract<DateElement, { kind: 'fraction' }>, text: string, start: number, out: ParsedFields): number {
  let position = start;
  const length = text.length;
  if (position === length) return element.min > 0 ? -1 : position;
  if (element.point) {
    if (text[position] !== '.') return element.min > 0 ? -1 : position;
    position++;
  }
  const minEnd = position + element.min;
  if (minEnd > length) return -1;
  const maxEnd = Math.min(position + element.max, length);
  let pos = position;
  let total = 0;
  while (pos < maxEnd) {
    const d = asciiDigit(text, pos);
    if (d < 0) {
      if (pos < minEnd) return -1;
      break;
    }
    total = total * 10 + d;
    pos++;
  }
  const nanos = total * 10 ** (9 - (pos - position));
  return setField(out, 'NanoOfSecond', nanos) ? pos : -1;
}

/** `TextPrinterParser.parse` (strict, root locale): the longest text first. */
function parseText(element: Extract<DateElement, { kind: 'text' }>, text: string, position: number, out: ParsedFields): number {
  const table = element.field === 'MonthOfYear' ? MONTHS : element.field === 'DayOfWeek' ? DAYS : AM_PM;
  for (let i = 0; i < table.length; i++) {
    const name = table[i] ?? '';
    if (text.startsWith(name, position)) return setField(out, element.field, element.field === 'AmPmOfDay' ? i : i + 1) ? position + name.length : -1;
  }
  return -1;
}

/** The offset patterns `OffsetIdPrinterParser` knows (those with a one-digit hour are not emulated). */
const OFFSET_PATTERNS: readonly string[] = ['+HH', '+HHmm', '+HH:mm', '+HHMM', '+HH:MM', '+HHMMss', '+HH:MM:ss', '+HHMMSS', '+HH:MM:SS', '+HHmmss', '+HH:mm:ss'];

/**
 * `OffsetIdPrinterParser.parse` (strict) for the two-digit-hour patterns:
 * the offset in seconds and the end position, or undefined. Throws
 * `FatalDateParse` for an hour above 23, as Java throws a
 * `DateTimeException` out of the parse.
 */
function parseOffset(pattern: string, noOffset: string, text: string, position: number): { seconds: number; end: number } | undefined {
  const length = text.length;
  if (noOffset === '') {
    if (position === length) return { seconds: 0, end: position };
  } else {
    if (position === length) return undefined;
    if (text.startsWith(noOffset, position)) return { seconds: 0, end: position + noOffset.length };
  }
  const sign = text[position];
  if (sign === '+' || sign === '-') {
    const colon = pattern.includes(':');
    const state = { pos: position + 1, failed: false };
    const values = [0, 0, 0];
    const digits = (index: number, mandatory: boolean): boolean => {
      if (state.failed) return true;
      let pos = state.pos;
      if (colon && index !== 0) {
        if (pos + 1 > length || text[pos] !== ':') {
          if (mandatory) state.failed = true;
          return false;
        }
        pos++;
      }
      const a = asciiDigit(text, pos);
      const b = pos + 1 < length ? asciiDigit(text, pos + 1) : -1;
      if (pos + 2 > length || a < 0 || b < 0 || a * 10 + b > 59) {
        if (mandatory) state.failed = true;
        return false;
      }
      values[index] = a * 10 + b;
      state.pos = pos + 2;
      return true;
    };
    digits(0, true);
    switch (pattern) {
      case '+HH':
        break;
      case '+HHmm':
      case '+HH:mm':
        digits(1, false);
        break;
      case '+HHMM':
      case '+HH:MM':
        digits(1, true);
        break;
      case '+HHMMss':
      case '+HH:MM:ss':
        digits(1, true);
        digits(2, false);
        break;
      case '+HHMMSS':
      case '+HH:MM:SS':
        digits(1, true);
        digits(2, true);
        break;
      case '+HHmmss':
      case '+HH:mm:ss':
        if (digits(1, false)) digits(2, false);
        break;
      default:
        return undefined;
    }
    if (!state.failed) {
      if ((values[0] ?? 0) > 23) throw new FatalDateParse('offset hour out of range');
      const seconds = (sign === '-' ? -1 : 1) * ((values[0] ?? 0) * 3600 + (values[1] ?? 0) * 60 + (values[2] ?? 0));
      return { seconds, end: state.pos };
    }
  }
  if (noOffset === '') return { seconds: 0, end: position };
  return undefined;
}

const MAX_OFFSET_SECONDS = 18 * 3600;

/** `ZoneIdPrinterParser.parse`: `Z`, `±offset`, `UTC`/`GMT`/`UT` with an optional offset, `GMT0`, or the longest region id. */
function parseZone(text: string, position: number, out: ParsedFields): number {
  const length = text.length;
  if (position === length) return -1;
  const next = text[position];
  if (next === '+' || next === '-') return parseOffsetBased(text, position, position, '+HH:MM:ss', 'Z', out);
  if (length >= position + 2) {
    const nextNext = text[position + 1];
    if (next === 'U' && nextNext === 'T') {
      if (length >= position + 3 && text[position + 2] === 'C') return parseOffsetBased(text, position, position + 3, '+HH:MM:ss', '0', out);
      return parseOffsetBased(text, position, position + 2, '+HH:MM:ss', '0', out);
    }
    if (next === 'G' && length >= position + 3 && nextNext === 'M' && text[position + 2] === 'T') {
      if (length >= position + 4 && text[position + 3] === '0') {
        out.zone = { kind: 'fixed', seconds: 0 };
        return position + 4;
      }
      return parseOffsetBased(text, position, position + 3, '+HH:MM:ss', '0', out);
    }
  }
  const region = longestZoneId(text, position);
  if (region === undefined) {
    if (next === 'Z') {
      out.zone = { kind: 'fixed', seconds: 0 };
      return position + 1;
    }
    return -1;
  }
  out.zone = { kind: 'region', id: region };
  return position + region.length;
}

function parseOffsetBased(text: string, prefixPos: number, position: number, pattern: string, noOffset: string, out: ParsedFields): number {
  if (position >= text.length || text[position] === '0' || text[position] === 'Z') {
    if (position === prefixPos) return -1;
    out.zone = { kind: 'fixed', seconds: 0 };
    return position;
  }
  const result = parseOffset(pattern, noOffset, text, position);
  if (result === undefined) {
    if (position === prefixPos) return -1;
    out.zone = { kind: 'fixed', seconds: 0 };
    return position;
  }
  if (Math.abs(result.seconds) > MAX_OFFSET_SECONDS) return -1;
  out.zone = { kind: 'fixed', seconds: result.seconds };
  return result.end;
}

let longestId = 0;

function longestZoneId(text: string, position: number): string | undefined {
  const ids = javaZoneIds();
  if (longestId === 0) for (const id of ids) longestId = Math.max(longestId, id.length);
  for (let end = Math.min(text.length, position + longestId); end > position; end--) {
    const candidate = text.slice(position, end);
    if (ids.has(candidate)) return candidate;
  }
  return undefined;
}

function assertNever(value: never): never {
  throw new TypeError(`Unexpected date element: ${JSON.stringify(value)}`);
}
