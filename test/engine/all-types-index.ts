/**
 * The index the engine suite fills: one field per type (and per setting)
 * the compiler emulates, named after what it exercises.
 */

/** Index settings: a custom normalizer made of `lowercase` only, 2 shards, no replicas. */
export const allTypesSettings = {
  number_of_shards: 2,
  number_of_replicas: 0,
  analysis: {
    normalizer: {
      lowercase_only: { type: 'custom', filter: ['lowercase'] },
    },
  },
} as const;

/**
 * `dynamic: false` at the root: keys the mapping does not name stay in
 * `_source` but are not indexed, so a filter on them matches nothing (§7 #16),
 * and the mapping does not drift with the documents.
 */
export const allTypesMappings = {
  dynamic: false,
  properties: {
    kw: { type: 'keyword' },
    kw_lower: { type: 'keyword', normalizer: 'lowercase' },
    kw_custom_lower: { type: 'keyword', normalizer: 'lowercase_only' },
    kw_short: { type: 'keyword', ignore_above: 5 },
    kw_null: { type: 'keyword', null_value: 'NULL' },
    message: { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 20 } } },
    body: { type: 'text' },
    long_f: { type: 'long' },
    long_null: { type: 'long', null_value: 7 },
    int_f: { type: 'integer' },
    int_strict: { type: 'integer', coerce: false },
    int_lenient: { type: 'integer', ignore_malformed: true },
    short_f: { type: 'short' },
    byte_f: { type: 'byte' },
    double_f: { type: 'double' },
    float_f: { type: 'float' },
    half_f: { type: 'half_float' },
    scaled_f: { type: 'scaled_float', scaling_factor: 100 },
    ulong_f: { type: 'unsigned_long' },
    bool_f: { type: 'boolean' },
    date_f: { type: 'date' },
    ip_f: { type: 'ip' },
    const_f: { type: 'constant_keyword', value: 'acme' },
    wc_f: { type: 'wildcard' },
    flat_f: { type: 'flat_object' },
    items: {
      type: 'nested',
      properties: {
        sku: { type: 'keyword' },
        qty: { type: 'integer' },
      },
    },
    obj: {
      properties: {
        a: { type: 'keyword' },
        n: { type: 'long' },
        inner: { properties: { c: { type: 'keyword' } } },
      },
    },
  },
} as const;

/** Field names of {@link allTypesMappings} plus the paths a filter may name that are not leaf fields. */
export const filterableFields = [
  'kw',
  'kw_lower',
  'kw_custom_lower',
  'kw_short',
  'kw_null',
  'message',
  'message.keyword',
  'body',
  'long_f',
  'long_null',
  'int_f',
  'int_strict',
  'int_lenient',
  'short_f',
  'byte_f',
  'double_f',
  'float_f',
  'half_f',
  'scaled_f',
  'ulong_f',
  'bool_f',
  'date_f',
  'ip_f',
  'const_f',
  'wc_f',
  'flat_f',
  'flat_f.p',
  'flat_f.q.r',
  'items.sku',
  'items.qty',
  'obj.a',
  'obj.n',
  'obj.inner.c',
  // Not leaf fields, or not mapped at all: the engine matches nothing.
  'obj',
  'obj.inner',
  'items',
  'unmapped',
  'obj.unmapped',
] as const;

/** A field name a generated filter may use. */
export type FilterableField = (typeof filterableFields)[number];
