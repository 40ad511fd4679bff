/**
 * Field types: what the compilers need to know about an index's mapping to
 * give `term` the engine's exact semantics. Read them from a real
 * `GET <index>/_mapping` response with `fieldTypesFromMapping`, or write them
 * by hand: `{ 'http.response.status_code': { type: 'long' } }`.
 *
 * @packageDocumentation
 */

/**
 * A per-character filter of a normalizer that the compilers emulate (the
 * engine's `NormalizingTokenFilterFactory` filters whose output depends on
 * the string alone): `lowercase` and `uppercase` (Java
 * `Character.toLowerCase`/`toUpperCase` per code point), `asciifolding`
 * (Lucene's `ASCIIFoldingFilter` table; `preserve_original` has no effect in
 * a normalizer), `trim` (Java `String.trim`), `cjk_width` (Lucene's
 * `CJKWidthFilter`) and `decimal_digit` (Lucene's `DecimalDigitFilter`).
 */
export type NormalizerFilter = 'lowercase' | 'uppercase' | 'asciifolding' | 'trim' | 'cjk_width' | 'decimal_digit';

/** `keyword`: exact UTF-8 match of the normalized value. */
export interface KeywordFieldType {
  readonly type: 'keyword';
  /**
   * The normalizer's name, as the mapping gives it. Its meaning comes from
   * `normalizerFilters`; without them, only the name `lowercase` is
   * accepted (read as the built-in `lowercase` normalizer, which a host
   * writing the spec by hand vouches for) and any other name makes every
   * term on the field a `VALIDATION` error.
   */
  readonly normalizer?: string;
  /**
   * The normalizer's filters, in order, as the index settings define it
   * (`fieldTypesFromMapping` reads them; a normalizer it cannot resolve to
   * these filters makes the field `unsupported`). Default: none.
   */
  readonly normalizerFilters?: readonly NormalizerFilter[];
  /** Strings longer than this (in UTF-16 units, before normalization) are not indexed. Default: unlimited. */
  readonly ignoreAbove?: number;
  /** Indexed in place of an explicit `null` (and `null` array elements). */
  readonly nullValue?: string;
}

/**
 * `wildcard`: `term` is an exact whole-value match, checked in two phases
 * (n-grams of the indexed text, then the field's value).
 */
export interface WildcardFieldType {
  readonly type: 'wildcard';
  readonly normalizer?: string;
  readonly normalizerFilters?: readonly NormalizerFilter[];
  readonly ignoreAbove?: number;
  readonly nullValue?: string;
  /**
   * Whether the second phase reads doc values (`true`: the same indexed
   * form as `keyword`, from every source of the field) or the `_source`
   * value at the field's own path (`false`: OpenSearch's
   * `WildcardFieldMapper` without `doc_values`, its default in 2.x; the
   * value is Java's `toString` of the parsed JSON value, and `copy_to`
   * sources are not read). Elasticsearch always verifies against doc
   * values. Default: `true`; `fieldTypesFromMapping` always sets it.
   */
  readonly docValues?: boolean;
}

/** `constant_keyword`: every document of the index has `value`. */
export interface ConstantKeywordFieldType {
  readonly type: 'constant_keyword';
  /** The constant; absent when no document has set it yet (Elasticsearch). */
  readonly value?: string;
}

/** `text` / `match_only_text`: analyzed; `term` is redirected to `keywordSubfield` or rejected. */
export interface TextFieldType {
  readonly type: 'text' | 'match_only_text';
  /** Full name of a `keyword` multi-field of this field (e.g. `message.keyword`), if the mapping has one. */
  readonly keywordSubfield?: string;
}

/** Whole-number types. `coerce` (default true) truncates fractions and parses strings in documents. */
export interface IntegerFieldType {
  readonly type: 'long' | 'integer' | 'short' | 'byte';
  readonly coerce?: boolean;
  readonly nullValue?: number;
  readonly ignoreMalformed?: boolean;
}

/** Floating-point types; values are compared after rounding to the type's precision. */
export interface FloatFieldType {
  readonly type: 'double' | 'float' | 'half_float';
  readonly coerce?: boolean;
  readonly nullValue?: number;
  readonly ignoreMalformed?: boolean;
}

/** `scaled_float`: stored as `round(value × scalingFactor)`. */
export interface ScaledFloatFieldType {
  readonly type: 'scaled_float';
  readonly scalingFactor: number;
  readonly coerce?: boolean;
  readonly nullValue?: number;
  readonly ignoreMalformed?: boolean;
}

/** `unsigned_long`: 0 … 2^64-1. */
export interface UnsignedLongFieldType {
  readonly type: 'unsigned_long';
  /** OpenSearch truncates fractional document values when true (the default). */
  readonly coerce?: boolean;
  readonly nullValue?: number | string;
  readonly ignoreMalformed?: boolean;
  /**
   * Whose term parser reads filter values. OpenSearch reads a filter as a
   * decimal (`"200.0"`, `"2e2"` and `"+200"` find 200; `"-1"` fails the
   * search); Elasticsearch reads it with `Long.parseUnsignedLong`, so it
   * finds nothing for `"200.0"` and reads Unicode digits.
   *
   * Default: unknown. Then only plain ASCII digits (optionally after `+`)
   * are accepted, and 2^63−1 is refused (Elasticsearch puts any huge JSON
   * number there). `fieldTypesFromMapping` sets it from its `engine` option
   * (with `'elasticsearch'` the type is unsupported: not verified there).
   *
   * @example
   * ```ts
   * const fields = { bytes: { type: 'unsigned_long', engine: 'opensearch' } } as const;
   * ```
   */
  readonly engine?: ValueEngine;
}

/** `boolean`: filter values must be exactly `"true"` or `"false"`. */
export interface BooleanFieldType {
  readonly type: 'boolean';
  readonly nullValue?: boolean;
}

/**
 * The engine family whose parsers read a field's values, where they differ
 * (`date`, `date_nanos` and `ip` strings).
 */
export type ValueEngine = 'opensearch' | 'elasticsearch';

/** `date` / `date_nanos`. */
export interface DateFieldType {
  readonly type: 'date' | 'date_nanos';
  /** The mapping's `format`. Default: `strict_date_optional_time||epoch_millis`. */
  readonly format?: string;
  readonly nullValue?: string;
  readonly ignoreMalformed?: boolean;
  /**
   * Whose date parsers read the field. Elasticsearch 8 reads the ISO
   * formats (`strict_date_optional_time`, `iso8601`, `strict_date_time`, …)
   * with its own `Iso8601Parser` before `java.time`, and its built-in
   * formats differ from OpenSearch's in places: `…+010030`, `…GMT+1`,
   * `…UT+01` and `+10000-01-01` are read differently, and a filter with a
   * 12-hour clock (`h … a`) is read by Elasticsearch only.
   *
   * Default: unknown. Then a document string matches only where both
   * engines read it to a matching instant, and a filter whose reading
   * differs between them is rejected. `fieldTypesFromMapping` sets it from
   * its `engine` option.
   *
   * @example
   * ```ts
   * const fields = { '@timestamp': { type: 'date', engine: 'elasticsearch' } } as const;
   * ```
   */
  readonly engine?: ValueEngine;
}

/** `ip`: IPv4 and IPv6, compared in canonical form. */
export interface IpFieldType {
  readonly type: 'ip';
  readonly nullValue?: string;
  readonly ignoreMalformed?: boolean;
  /**
   * Whose address parser reads the field: OpenSearch reads any Unicode
   * decimal digit in an IPv4 address (`"١٠.0.0.1"` is `10.0.0.1`),
   * Elasticsearch only ASCII digits (it refuses the document).
   *
   * Default: unknown. Then documents are read as Elasticsearch reads them
   * (the stricter reading, never wider than either engine) and filters with
   * non-ASCII digits are rejected. `fieldTypesFromMapping` sets it from its
   * `engine` option.
   *
   * @example
   * ```ts
   * const fields = { 'client.ip': { type: 'ip', engine: 'opensearch' } } as const;
   * ```
   */
  readonly engine?: ValueEngine;
}

/** `flattened` (Elasticsearch) / `flat_object` (OpenSearch): leaves indexed as keywords. */
export interface FlattenedFieldType {
  readonly type: 'flattened' | 'flat_object';
}

/** A mapped type the compilers do not emulate (`geo_point`, `binary`, ...): every term on it is rejected. */
export interface UnsupportedFieldType {
  readonly type: 'unsupported';
  /** The type named in the mapping. */
  readonly mappedType: string;
}

/** The per-type part of a field's mapping. */
export type FieldType =
  | KeywordFieldType
  | WildcardFieldType
  | ConstantKeywordFieldType
  | TextFieldType
  | IntegerFieldType
  | FloatFieldType
  | ScaledFloatFieldType
  | UnsignedLongFieldType
  | BooleanFieldType
  | DateFieldType
  | IpFieldType
  | FlattenedFieldType
  | UnsupportedFieldType;

/** Where a field's values come from in `_source`, and whether it lives in a `nested` object. */
export interface FieldLocation {
  /**
   * `_source` paths whose values are indexed into this field. Default: the
   * field's own name. A multi-field `x.keyword` reads `['x']`; a `copy_to`
   * target reads every source that copies to it (and its own name).
   */
  readonly sourcePaths?: readonly string[];
  /**
   * The `nested` object paths that enclose this field, outermost first
   * (e.g. `['items']` for `items.sku`). A `term` on such a field is compiled
   * to a `nested` query.
   */
  readonly nestedPaths?: readonly string[];
}

/** One field of the `fields` option: its type and location. */
export type FieldSpec = FieldType & FieldLocation;

/**
 * The `fields` option of the compilers and the guard: full dotted field name
 * → its spec. A field not listed is unmapped and matches nothing (like the
 * engine); without the option at all, the schemaless rules apply.
 */
export type FieldTypes = Readonly<Record<string, FieldSpec>>;
