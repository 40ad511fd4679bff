/**
 * Everything in a search request besides query clauses, read the way the
 * engines' own parsers read it (OpenSearch 2.19 and Elasticsearch 8: sort
 * builders, `HighlightBuilder`, `InnerHitBuilder`, `TopHitsAggregationBuilder`,
 * `SearchSourceBuilder.parseXContent`, the aggregation `PARSER`s,
 * `MultiSearchRequest.readMultiLineFormat`, `RestSearchAction`): each accepted
 * block with the right kinds is accepted and re-emitted exactly; a wrong kind
 * is refused with a pointer to it; deprecated spellings are refused; unknown
 * keys are refused; in the position a real request uses and nested deeper.
 */
import { describe, expect, it } from 'vitest';
import { AGGREGATIONS } from '../../src/guard/aggregation-types.js';
import { expectRefused, guard } from './guard-helpers.js';
import { AGGREGATION_EXAMPLES, AGGREGATION_REFUSALS } from './engine-parsers-body-examples.js';
import type { Placement } from './placements.js';
import { aggregationPlacements, sortPlacements } from './placements.js';

const ndjson = (...lines: unknown[]): string => lines.map((l) => `${JSON.stringify(l)}\n`).join('');

/** The value at `pointer` in the guarded request (its body, or its NDJSON lines as an array). */
function guardedAt(request: Record<string, unknown>, pointer: string): unknown {
  const guarded = guard(request);
  let node: unknown = typeof guarded.body === 'string' ? guarded.body.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown) : guarded.body;
  // The user's query comes back as the `must` clause beside the token's filter.
  const path = pointer.startsWith('/query/') ? `/query/bool/must/0/${pointer.slice('/query/'.length)}` : pointer;
  for (const raw of path.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (typeof node === 'object' && node !== null) node = (node as Record<string, unknown>)[segment];
    else throw new Error(`no value at ${pointer}`);
  }
  return node;
}

/** Asserts that `value`, placed by `placements`, is accepted and comes back unchanged everywhere. */
function expectKeptEverywhere(placements: Placement[], value: unknown): void {
  expect(placements.length).toBeGreaterThan(0);
  for (const [, request, pointer] of placements) expect(guardedAt(request, pointer)).toEqual(value);
}

/** Asserts the refusal everywhere, with the pointer `inside` the placed value. */
function expectRefusedEverywhere(placements: Placement[], reason: string, inside: string): void {
  expect(placements.length).toBeGreaterThan(0);
  for (const [, request, pointer] of placements) expectRefused(request, reason, { pointer: `${pointer}${inside}` });
}

/** A highlight object in the places a real request puts one, and deeper. */
function highlightPlacements(highlight: unknown): Placement[] {
  return [
    ['top level', { body: { highlight } }, '/highlight'],
    ['collapse inner_hits', { body: { collapse: { field: 'service', inner_hits: { name: 'i', highlight } } } }, '/collapse/inner_hits/highlight'],
    ['nested query inner_hits', { body: { query: { nested: { path: 'items', query: { match_all: {} }, inner_hits: { highlight } } } } }, '/query/nested/inner_hits/highlight'],
    ['top_hits under terms', { body: { aggs: { t: { terms: { field: 'service' }, aggs: { h: { top_hits: { highlight } } } } } } }, '/aggs/t/aggs/h/top_hits/highlight'],
    ['second _msearch item', { path: '/_msearch', body: ndjson({}, {}, { index: 'logs-app' }, { highlight }) }, '/3/highlight'],
  ];
}

/** A hits-options block (`inner_hits` / `top_hits` body) in every place one appears. */
function hitsPlacements(options: Record<string, unknown>): Placement[] {
  return [
    ['collapse inner_hits', { body: { collapse: { field: 'service', inner_hits: { name: 'i', ...options } } } }, '/collapse/inner_hits'],
    ['collapse inner_hits array', { body: { collapse: { field: 'service', inner_hits: [{ name: 'a' }, { name: 'i', ...options }] } } }, '/collapse/inner_hits/1'],
    ['top_hits under terms', { body: { aggs: { t: { terms: { field: 'service' }, aggs: { h: { top_hits: options } } } } } }, '/aggs/t/aggs/h/top_hits'],
    ['top_hits in an _msearch item', { path: '/_msearch', body: ndjson({ index: 'logs-app' }, { aggs: { h: { top_hits: options } } }) }, '/1/aggs/h/top_hits'],
  ];
}

/** A top-level body key in a `_search` body and in an `_msearch` item. */
function bodyPlacements(key: string, value: unknown): Placement[] {
  return [
    ['_search body', { body: { [key]: value } }, `/${key}`],
    ['_msearch item', { path: '/_msearch', body: ndjson({}, { size: 1 }, { index: 'logs-app' }, { [key]: value }) }, `/3/${key}`],
  ];
}

describe('sort (SortBuilder.fromXContent and the builders it dispatches to)', () => {
  const nested = { path: 'items', filter: { term: { 'items.sku': 'a' } }, max_children: 2, nested: { path: 'items.parts' } };
  it.each([
    ['field sort, every option', [{ code: { order: 'desc', mode: 'avg', missing: '_last', unmapped_type: 'long', numeric_type: 'double', format: 'strict_date_optional_time', nested } }]],
    ['field sort modes', [{ a: { mode: 'min' } }, { b: { mode: 'max' } }, { c: { mode: 'sum' } }, { d: { mode: 'median' } }]],
    ['missing as a number or a boolean (objectText)', [{ a: { missing: 0 } }, { b: { missing: true } }]],
    ['numeric types', [{ a: { numeric_type: 'long' } }, { b: { numeric_type: 'date' } }, { c: { numeric_type: 'date_nanos' } }]],
    ['_score and _shard_doc with order', [{ _score: { order: 'asc' } }, { _shard_doc: { order: 'desc' } }, { _doc: { order: 'asc', unmapped_type: 'long' } }]],
    ['short forms', ['_score', 'code', { code: 'asc' }, { _doc: 'desc' }]],
    [
      '_geo_distance, every parameter and point form',
      [
        { _geo_distance: { loc: [[0, 0], 'drm3btev3e86', '1.5,2.5', { lat: 1, lon: 2 }], order: 'desc', unit: 'km', mode: 'median', distance_type: 'plane', ignore_unmapped: true, validation_method: 'coerce', nested } },
        { _geo_distance: { loc: { lat: 1, lon: 2 } } },
        { _geoDistance: { loc: [0, 0] } },
      ],
    ],
  ])('%s is kept exactly everywhere a sort appears', (_name, sort) => {
    expectKeptEverywhere(sortPlacements(sort), sort);
  });

  it.each([
    ['an order that is no direction', [{ code: { order: 'up' } }], 'malformed', '/0/code/order'],
    ['an order that is a number', [{ code: { order: 1 } }], 'malformed', '/0/code/order'],
    ['a mode the engine does not know', [{ code: { mode: 'first' } }], 'malformed', '/0/code/mode'],
    ['an object missing value', [{ code: { missing: { index: 'x' } } }], 'malformed', '/0/code/missing'],
    ['a numeric_type the engine does not know', [{ code: { numeric_type: 'int' } }], 'malformed', '/0/code/numeric_type'],
    ['an unmapped_type that is a number', [{ code: { unmapped_type: 1 } }], 'malformed', '/0/code/unmapped_type'],
    ['a nested path that is a number', [{ code: { nested: { path: 1 } } }], 'malformed', '/0/code/nested/path'],
    ['a nested max_children that is text', [{ code: { nested: { path: 'items', max_children: 'many' } } }], 'malformed', '/0/code/nested/max_children'],
    ['_score with mode (ScoreSortBuilder reads order only)', [{ _score: { order: 'desc', mode: 'max' } }], 'sort-option-not-allowed', '/0/_score/mode'],
    ['_score with missing', [{ _score: { missing: '_last' } }], 'sort-option-not-allowed', '/0/_score/missing'],
    ['_score with nested', [{ _score: { nested: { path: 'items' } } }], 'sort-option-not-allowed', '/0/_score/nested'],
    ['_shard_doc with unmapped_type', [{ _shard_doc: { unmapped_type: 'long' } }], 'sort-option-not-allowed', '/0/_shard_doc/unmapped_type'],
    ['_geo_distance coerce (no parameter since 7.0)', [{ _geo_distance: { loc: [0, 0], coerce: true } }], 'sort-option-not-allowed', '/0/_geo_distance/coerce'],
    ['_geo_distance ignore_malformed (no parameter since 7.0)', [{ _geo_distance: { loc: [0, 0], ignore_malformed: true } }], 'sort-option-not-allowed', '/0/_geo_distance/ignore_malformed'],
    ['_geo_distance sort_mode (deprecated spelling of mode)', [{ _geo_distance: { loc: [0, 0], sort_mode: 'min' } }], 'sort-option-not-allowed', '/0/_geo_distance/sort_mode'],
    ['_geo_distance mode sum (refused by GeoDistanceSortBuilder.sortMode)', [{ _geo_distance: { loc: [0, 0], mode: 'sum' } }], 'malformed', '/0/_geo_distance/mode'],
    ['_geo_distance distance_type the engine does not know', [{ _geo_distance: { loc: [0, 0], distance_type: 'sloppy_arc' } }], 'malformed', '/0/_geo_distance/distance_type'],
    ['_geo_distance validation_method the engine does not know', [{ _geo_distance: { loc: [0, 0], validation_method: 'lenient' } }], 'malformed', '/0/_geo_distance/validation_method'],
    ['_geo_distance ignore_unmapped that is text', [{ _geo_distance: { loc: [0, 0], ignore_unmapped: 'yes' } }], 'malformed', '/0/_geo_distance/ignore_unmapped'],
    ['_geo_distance with nested_path (deprecated)', [{ _geo_distance: { loc: [0, 0], nested_path: 'items' } }], 'sort-option-not-allowed', '/0/_geo_distance/nested_path'],
    ['a field sort with nested_path (deprecated)', [{ code: { nested_path: 'items' } }], 'sort-option-not-allowed', '/0/code/nested_path'],
    ['a field sort with sort_mode (no FieldSortBuilder parameter)', [{ code: { sort_mode: 'min' } }], 'sort-option-not-allowed', '/0/code/sort_mode'],
    ['a number as a sort item', [1], 'malformed', '/0'],
  ])('%s is refused everywhere a sort appears', (_name, sort, reason, inside) => {
    expectRefusedEverywhere(sortPlacements(sort), reason, inside);
  });
});

describe('highlight (HighlightBuilder, AbstractHighlighterBuilder.setupParser)', () => {
  const common = {
    type: 'unified', pre_tags: ['<b>'], post_tags: '</b>', require_field_match: false, boundary_chars: '.,', boundary_max_scan: 20, boundary_scanner: 'sentence',
    boundary_scanner_locale: 'en-US', fragment_size: '150', number_of_fragments: 3, fragmenter: 'span', order: 'score', no_match_size: 0, phrase_limit: 256,
    force_source: false, highlight_filter: true, max_analyzer_offset: 1000, max_analyzed_offset: 1000,
  };
  it('every option at its level, with its kind, is kept exactly everywhere a highlight appears', () => {
    const highlight = {
      ...common,
      tags_schema: 'styled',
      encoder: 'html',
      highlight_query: { match: { msg: 'x' } },
      fields: { msg: { ...common, type: 'plain', fragmenter: 'simple', fragment_offset: 2, matched_fields: ['msg', 'msg.raw'], highlight_query: { term: { service: 'a' } } }, '*': {} },
    };
    expectKeptEverywhere(highlightPlacements(highlight), highlight);
  });

  it('fields as an array of one-field objects is kept', () => {
    const highlight = { fields: [{ msg: { number_of_fragments: 0 } }, { title: {} }] };
    expectKeptEverywhere(highlightPlacements(highlight), highlight);
  });

  it.each([
    ['a top-level-only option on a field: encoder', { fields: { msg: { encoder: 'html' } } }, 'highlight-option-not-allowed', '/fields/msg/encoder'],
    ['a top-level-only option on a field: tags_schema', { fields: { msg: { tags_schema: 'styled' } } }, 'highlight-option-not-allowed', '/fields/msg/tags_schema'],
    ['a field-only option at the top: fragment_offset', { fragment_offset: 1, fields: { msg: {} } }, 'highlight-option-not-allowed', '/fragment_offset'],
    ['a field-only option at the top: matched_fields', { matched_fields: ['msg'], fields: { msg: {} } }, 'highlight-option-not-allowed', '/matched_fields'],
    ['max_fragment_length (no engine reads it)', { fields: { msg: { max_fragment_length: 10 } } }, 'highlight-option-not-allowed', '/fields/msg/max_fragment_length'],
    ['custom highlighter options', { options: { x: 1 }, fields: { msg: {} } }, 'highlight-option-not-allowed', '/options'],
    ['the fvh highlighter', { fields: { msg: { type: 'fvh' } } }, 'term-dictionary-oracle', '/fields/msg/type'],
    ['a plugin highlighter type', { type: 'custom', fields: { msg: {} } }, 'malformed', '/type'],
    ['a fragment_size that is text', { fields: { msg: { fragment_size: 'long' } } }, 'malformed', '/fields/msg/fragment_size'],
    ['pre_tags holding a number', { pre_tags: [1], post_tags: ['x'], fields: { msg: {} } }, 'malformed', '/pre_tags/0'],
    ['an order the engine does not know', { order: 'random', fields: { msg: {} } }, 'malformed', '/order'],
    ['an encoder the engine does not know', { encoder: 'xml', fields: { msg: {} } }, 'malformed', '/encoder'],
    ['a tags_schema the engine does not know', { tags_schema: 'bold', fields: { msg: {} } }, 'malformed', '/tags_schema'],
    ['a boundary_scanner the engine does not know', { boundary_scanner: 'line', fields: { msg: {} } }, 'malformed', '/boundary_scanner'],
    ['require_field_match that is a number', { require_field_match: 1, fields: { msg: {} } }, 'malformed', '/require_field_match'],
    ['a fields array item with two fields', { fields: [{ msg: {}, title: {} }] }, 'malformed', '/fields/0'],
    ['a field spec that is not an object', { fields: { msg: 'on' } }, 'malformed', '/fields/msg'],
    ['an unknown key', { fields: { msg: {} }, future: 1 }, 'highlight-option-not-allowed', '/future'],
  ])('%s is refused everywhere a highlight appears', (_name, highlight, reason, inside) => {
    expectRefusedEverywhere(highlightPlacements(highlight), reason, inside);
  });
});

describe('hit options of inner_hits and top_hits (InnerHitBuilder.PARSER, TopHitsAggregationBuilder.parse)', () => {
  it('every shared option with its kind is kept exactly, in collapse inner_hits, top_hits and _msearch items', () => {
    const options = {
      size: 2, from: '1', _source: { includes: ['msg'], excludes: 'secret.*' }, docvalue_fields: ['code', { field: 'ts', format: 'epoch_millis' }],
      stored_fields: '_none_', fields: [{ field: 'ts', format: 'yyyy', include_unmapped: true }], version: true, seq_no_primary_term: false, track_scores: 'true',
      sort: [{ code: 'desc' }], highlight: { fields: { msg: {} } }, explain: false, script_fields: {},
    };
    for (const [, request, pointer] of hitsPlacements(options)) {
      const kept = guardedAt(request, pointer) as Record<string, unknown>;
      const { name: _name, ...rest } = kept;
      expect(rest).toEqual(options);
    }
  });

  it.each([
    ['_source as true', { _source: true }],
    ['_source as one pattern', { _source: 'msg*' }],
    ['_source with the deprecated include/exclude spellings (FetchSourceContext reads both)', { _source: { include: ['a'], exclude: ['b'] } }],
  ])('%s is kept', (_name, options) => {
    for (const [, request, pointer] of hitsPlacements(options)) expect(guardedAt(request, pointer)).toMatchObject(options);
  });

  it.each([
    ['size as text', { size: 'two' }, 'malformed', '/size'],
    ['version as a number', { version: 1 }, 'malformed', '/version'],
    ['docvalue_fields as one string (the engines want an array)', { docvalue_fields: 'code' }, 'malformed', '/docvalue_fields'],
    ['a docvalue field with an unknown key', { docvalue_fields: [{ field: 'code', script: 'x' }] }, 'malformed', '/docvalue_fields/0/script'],
    ['fields holding a number', { fields: [1] }, 'malformed', '/fields/0'],
    ['stored_fields holding an object', { stored_fields: [{ f: 1 }] }, 'malformed', '/stored_fields/0'],
    ['a _source pattern that is a number', { _source: [1] }, 'malformed', '/_source/0'],
    ['seq_no_primary_term true', { seq_no_primary_term: true }, 'sequence-numbers', '/seq_no_primary_term'],
    ['explain true', { explain: true }, 'explain', '/explain'],
    ['a script field', { script_fields: { s: { script: 'doc' } } }, 'script', '/script_fields'],
  ])('%s is refused in inner_hits and top_hits', (_name, options, reason, inside) => {
    expectRefusedEverywhere(hitsPlacements(options), reason, inside);
  });

  it.each([
    ['query', { match_all: {} }],
    ['collapse', { field: 'service' }],
    ['name', 'x'],
    ['ignore_unmapped', true],
  ])('top_hits has no %s parameter', (key, value) => {
    expectRefused({ aggs: { h: { top_hits: { [key]: value } } } }, 'aggregation-option-not-allowed', { pointer: `/aggs/h/top_hits/${key}` });
  });

  it('inner_hits takes name and ignore_unmapped, and refuses collapse', () => {
    expect(guardedAt({ body: { collapse: { field: 'service', inner_hits: { name: 'n', ignore_unmapped: true } } } }, '/collapse/inner_hits')).toEqual({ name: 'n', ignore_unmapped: true });
    expectRefused({ collapse: { field: 'service', inner_hits: { name: 'n', collapse: { field: 'x' } } } }, 'inner-hits-collapse', { pointer: '/collapse/inner_hits/collapse' });
    expectRefused({ collapse: { field: 'service', inner_hits: { name: 1 } } }, 'malformed', { pointer: '/collapse/inner_hits/name' });
  });
});

describe('the top-level search body (SearchSourceBuilder.parseXContent)', () => {
  it.each([
    ['size', 10], ['size', '10'], ['from', 0], ['timeout', '1s'], ['terminate_after', 100], ['track_total_hits', true], ['track_total_hits', 10_000],
    ['track_scores', true], ['min_score', 0.5], ['version', false], ['seq_no_primary_term', false], ['search_after', [1, 'a', null, true]],
    ['slice', { id: 0, max: 2, field: 'code' }], ['stored_fields', ['_none_']], ['stored_fields', 'msg'], ['docvalue_fields', ['code']],
    ['fields', [{ field: 'ts', format: 'epoch_millis' }]], ['_source', false], ['stats', ['group']], ['script_fields', {}], ['runtime_mappings', {}],
    ['profile', false], ['explain', false],
    ['rescore', { window_size: 10, query: { rescore_query: { match: { msg: 'x' } }, query_weight: 1, rescore_query_weight: 2, score_mode: 'total' } }],
    ['rescore', [{ window_size: 5, query: { rescore_query: { match_all: {} } } }]],
    ['collapse', { field: 'service', max_concurrent_group_searches: 2, inner_hits: [{ name: 'a', size: 1 }] }],
  ])('%s: %j is kept exactly', (key, value) => {
    expectKeptEverywhere(bodyPlacements(key, value), value);
  });

  it.each([
    ['size', 'ten', 'malformed', ''],
    ['track_total_hits', 'all', 'malformed', ''],
    ['timeout', 5, 'malformed', ''],
    ['stats', 'group', 'malformed', ''],
    ['search_after', [{ a: 1 }], 'malformed', '/0'],
    ['slice', { id: 'first', max: 2 }, 'malformed', '/id'],
    ['slice', { id: 0, max: 2, query: {} }, 'body-key-not-allowed', '/query'],
    ['version', 'yes', 'malformed', ''],
    ['min_score', { x: 1 }, 'malformed', ''],
    ['indices_boost', [{ 'logs-app': 2 }], 'indices-boost', ''],
    ['indices_boost', { 'logs-app': 2 }, 'indices-boost', ''],
    ['verbose_pipeline', true, 'search-pipeline', ''],
    ['include_named_queries_score', true, 'body-key-not-allowed', ''],
    ['rescore', { window_size: 10, learning_to_rank: {} }, 'rescorer-not-allowed', '/learning_to_rank'],
    ['rescore', { query: { rescore_query: { match_all: {} }, future: 1 } }, 'rescore-option-not-allowed', '/query/future'],
    ['collapse', { field: 'service', size: 1 }, 'collapse-option-not-allowed', '/size'],
    ['collapse', { field: 1 }, 'malformed', '/field'],
  ])('%s: %j is refused', (key, value, reason, inside) => {
    expectRefusedEverywhere(bodyPlacements(key, value), reason, inside);
  });
});

describe('aggregations (each type on the allowlist, as its PARSER reads it)', () => {
  it('the examples cover every allowed type', () => {
    expect(Object.keys(AGGREGATION_EXAMPLES).sort()).toEqual(Object.keys(AGGREGATIONS).sort());
  });

  describe.each(Object.entries(AGGREGATION_EXAMPLES))('%s', (type, { body, wrong }) => {
    it('its options with their kinds are kept exactly, at the top, under terms, under filter › nested and in an _msearch item', () => {
      expectKeptEverywhere(aggregationPlacements({ [type]: body }), { [type]: body });
    });

    it(`a wrong kind (${wrong[0]}: ${JSON.stringify(wrong[1])}) is refused with its pointer`, () => {
      const [key, value] = wrong;
      const refusal = aggregationPlacements({ [type]: { ...body, [key]: value } });
      for (const [, request, pointer] of refusal) {
        const error = (() => {
          try {
            guard(request);
          } catch (e) {
            return e as { reason: string; context: { pointer?: string } };
          }
          throw new Error('accepted');
        })();
        expect(error.context.pointer?.startsWith(`${pointer}/${type}/${key}`), JSON.stringify(error.context)).toBe(true);
      }
    });

    it('an unknown key is refused', () => {
      const placements = aggregationPlacements({ [type]: { ...body, future_option: 1 } });
      for (const [, request, pointer] of placements) {
        let caught: { context: { pointer?: string } } | undefined;
        try {
          guard(request);
        } catch (e) {
          caught = e as { context: { pointer?: string } };
        }
        // A filter aggregation's body is one query clause: a second key makes the whole clause malformed.
        expect(caught?.context.pointer).toBe(type === 'filter' ? `${pointer}/filter` : `${pointer}/${type}/future_option`);
      }
    });
  });

  it.each([
    ['histogram offset as a date offset (declareDouble)', { histogram: { field: 'code', interval: 10, min_doc_count: 1, offset: '1h' } }, 'malformed', '/histogram/offset'],
    ['a composite source of a type the guard does not know', { composite: { sources: [{ s: { geohash_grid: { field: 'loc' } } }] } }, 'aggregation-type-not-allowed', '/composite/sources/0/s/geohash_grid'],
    ['a composite source with an unknown option', { composite: { sources: [{ s: { terms: { field: 'service', size: 3 } } }] } }, 'aggregation-option-not-allowed', '/composite/sources/0/s/terms/size'],
    ['a composite source object with two names (the engine reads the first only)', { composite: { sources: [{ s: { terms: { field: 'a' } }, t: { terms: { field: 'b' } } }] } }, 'malformed', '/composite/sources/0'],
    ['a composite source with two types (the engine reads the first only)', { composite: { sources: [{ s: { terms: { field: 'a' }, histogram: { field: 'code', interval: 1 } } }] } }, 'malformed', '/composite/sources/0/s'],
    ['terms mixing a regex include with a term-list exclude (IncludeExclude.merge)', { terms: { field: 'a', include: 'x.*', exclude: ['y'] } }, 'malformed', '/terms/exclude'],
    ['terms mixing a term-list include with a regex exclude', { terms: { field: 'a', include: ['x'], exclude: 'y.*' } }, 'malformed', '/terms/exclude'],
    ['a terms include that is a bare number (neither regex, list nor partition)', { terms: { field: 'a', include: 5 } }, 'malformed', '/terms/include'],
    ['bucket_script whose path name is only a function name', { bucket_script: { buckets_path: { max: '_count' }, script: { source: 'max(1, 2)', lang: 'expression' } } }, 'malformed', '/bucket_script/script/source'],
    ['bucket_script whose path name appears only inside a string index', { bucket_script: { buckets_path: { c: '_count' }, script: { source: "doc['c'].value", lang: 'expression' } } }, 'malformed', '/bucket_script/script/source'],
    ['a range with an unknown key', { range: { field: 'code', ranges: [{ to: 1, query: {} }] } }, 'aggregation-option-not-allowed', '/range/ranges/0/query'],
    ['an aggregation with two types', { terms: { field: 'a' }, avg: { field: 'b' } }, 'malformed', '/avg'],
    ['meta that is not an object', { terms: { field: 'a' }, meta: 'x' }, 'malformed', '/meta'],
  ])('%s is refused everywhere', (_name, aggregation, reason, inside) => {
    expectRefusedEverywhere(aggregationPlacements(aggregation), reason, inside);
  });

  // What the OpenSearch 2.19 / Elasticsearch 8.19 parsers do not read as the guard would (one of them or both).
  it.each(AGGREGATION_REFUSALS.map((r) => [r.name, r] as const))('%s is refused everywhere', (_name, { aggregation, reason, inside }) => {
    expectRefusedEverywhere(aggregationPlacements(aggregation), reason, inside);
  });

  it.each([
    ['terms include and exclude as regular expressions', { terms: { field: 'service', include: 'a.*', exclude: 'b|c' } }],
    ['terms include as a partition', { terms: { field: 'service', include: { partition: 0, num_partitions: 4 } } }],
    ['rare_terms include as a partition', { rare_terms: { field: 'service', include: { partition: 1, num_partitions: 2 } } }],
    ['a date_histogram with a fixed interval and epoch bounds', { date_histogram: { field: 'ts', fixed_interval: '12h', min_doc_count: 1, extended_bounds: { min: 0, max: 86_400_000 } } }],
    ['a composite date_histogram source with a fixed interval', { composite: { sources: [{ d: { date_histogram: { field: 'ts', fixed_interval: '1h' } } }] } }],
    ['bucket_sort with one sort object', { bucket_sort: { sort: { _count: 'desc' } } }],
    ['bucket_selector with a string script path', { bucket_selector: { buckets_path: '_count', script: { source: '_value > 1', lang: 'expression' } } }],
    ['bucket_script with an array path (_value0, _value1) and a function', { bucket_script: { buckets_path: ['_count', '_count'], script: { source: 'max(_value0, _value1) + doc[\'x\'].value', lang: 'expression' } } }],
    ['bucket_script with a param used beside a path', { bucket_script: { buckets_path: { total: '_count' }, script: { source: 'total * factor', lang: 'expression', params: { factor: 0.5 } } } }],
  ])('%s is kept', (_name, aggregation) => {
    expectKeptEverywhere(aggregationPlacements(aggregation), aggregation);
  });

  it('meta is echoed data, and sub-aggregations are walked', () => {
    const aggregation = { terms: { field: 'service' }, meta: { any: { thing: [1] } }, aggs: { h: { top_hits: { size: 1 } } } };
    expectKeptEverywhere(aggregationPlacements(aggregation), aggregation);
  });
});

describe('_msearch headers (MultiSearchRequest.readMultiLineFormat)', () => {
  const header = {
    index: ['logs-app'], search_type: 'dfs_query_then_fetch', preference: '_local', routing: 'r1', request_cache: true, allow_no_indices: false, ignore_unavailable: 'true',
    ignore_throttled: false, allow_partial_search_results: false, cancel_after_time_interval: '10s', phase_took: true,
  };

  it('every header key with its kind is kept; index is rewritten and expand_wildcards pinned', () => {
    const guarded = guard({ path: '/_msearch', body: ndjson(header, {}) });
    const [line] = (guarded.body as string).split('\n');
    const { index: _index, ...rest } = header;
    expect(JSON.parse(line as string)).toEqual({ index: 'logs-app', ...rest, expand_wildcards: 'open' });
  });

  it.each([
    ['indices', ['logs-app']], ['searchType', 'query_then_fetch'], ['requestCache', true], ['expandWildcards', 'all'], ['ignoreUnavailable', true],
    ['allowNoIndices', true], ['ignoreThrottled', false], ['cancelAfterTimeInterval', '1s'], ['ccsMinimizeRoundtrips', true], ['ccs_minimize_roundtrips', true],
    ['type', '_doc'], ['search_pipeline', 'p'],
  ])('the engine spelling %s is refused (the guard reads only the keys it re-emits)', (key, value) => {
    expectRefused({ path: '/_msearch', body: ndjson({}, {}, { index: 'logs-app', [key]: value }, {}) }, 'msearch-header-not-allowed', { pointer: `/2/${key}` });
  });

  it.each([
    ['request_cache', 'often'], ['phase_took', 1], ['routing', { r: 1 }], ['cancel_after_time_interval', 10],
  ])('%s with a wrong kind is refused', (key, value) => {
    expectRefused({ path: '/_msearch', body: ndjson({ index: 'logs-app', [key]: value }, {}) }, 'malformed', { pointer: `/0/${key}` });
  });
});

describe('URL parameters (RestSearchAction.parseSearchRequest, RestMultiSearchAction, RestCountAction)', () => {
  it.each([
    ['size', '5'], ['from', 0], ['sort', 'code:desc'], ['_source', 'false'], ['_source_includes', 'msg'], ['_source_excludes', 'x'], ['stored_fields', '_none_'],
    ['docvalue_fields', 'code'], ['track_total_hits', 'true'], ['track_scores', true], ['timeout', '1s'], ['terminate_after', 10], ['version', true],
    ['request_cache', false], ['batched_reduce_size', 5], ['max_concurrent_shard_requests', 3], ['allow_partial_search_results', false],
    ['search_type', 'dfs_query_then_fetch'], ['routing', 'r'], ['preference', '_local'], ['include_named_queries_score', true], ['phase_took', true],
    ['cancel_after_time_interval', '1s'], ['pre_filter_shard_size', 1], ['ccs_minimize_roundtrips', false], ['rest_total_hits_as_int', true], ['typed_keys', true],
    ['ignore_unavailable', true], ['allow_no_indices', true], ['expand_wildcards', 'open'], ['ignore_throttled', true],
  ])('_search keeps %s=%j as text', (name, value) => {
    expect(guard({ path: '/logs-app/_search', params: { [name]: value } }).params[name]).toBe(String(value));
  });

  it.each([
    ['q', 'url-query'], ['df', 'url-query'], ['analyzer', 'url-query'], ['default_operator', 'url-query'], ['lenient', 'url-query'], ['analyze_wildcard', 'url-query'],
    ['suggest_field', 'suggest'], ['suggest_text', 'suggest'], ['explain', 'explain'], ['search_pipeline', 'search-pipeline'], ['verbose_pipeline', 'search-pipeline'],
    ['seq_no_primary_term', 'sequence-numbers'], ['stats', 'url-param-not-allowed'], ['index', 'url-param-not-allowed'], ['streaming_mode', 'url-param-not-allowed'],
    ['stream_scoring_mode', 'url-param-not-allowed'], ['_source_include', 'url-param-not-allowed'], ['force_synthetic_source', 'url-param-not-allowed'],
  ])('_search refuses %s', (name, reason) => {
    expectRefused({ path: '/logs-app/_search', params: { [name]: 'x' } }, reason, { parameter: name });
  });

  it.each([
    ['expand_wildcards', 'all', 'expand-wildcards'], ['search_type', 'query_and_fetch', 'url-param-invalid'], ['sort', '_seq_no:asc', 'sequence-numbers'],
    ['size', { n: 1 }, 'url-param-invalid'],
  ])('_search refuses %s=%j', (name, value, reason) => {
    expectRefused({ path: '/logs-app/_search', params: { [name]: value } }, reason, { parameter: name });
  });

  it.each([['size'], ['sort'], ['_source'], ['track_total_hits']])('_count refuses the search-only %s', (name) => {
    expectRefused({ path: '/logs-app/_count', params: { [name]: '1' } }, 'url-param-not-allowed', { parameter: name });
  });

  it.each([['max_concurrent_searches', '2'], ['typed_keys', 'true'], ['search_type', 'query_then_fetch']])('_msearch keeps %s', (name, value) => {
    expect(guard({ path: '/_msearch', params: { [name]: value }, body: ndjson({ index: 'logs-app' }, {}) }).params[name]).toBe(value);
  });
});
