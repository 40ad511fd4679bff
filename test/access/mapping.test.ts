import { describe, expect, it } from 'vitest';
import type { FieldSpec } from '../../src/access/mapping/field-types.js';
import { fieldTypesFromMapping } from '../../src/access/mapping/mapping.js';
import { SharedTokenError } from '../../src/errors.js';

function pointerOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    if (error instanceof SharedTokenError && error.code === 'VALIDATION') return error.context.pointer;
    throw error;
  }
  throw new Error('expected a VALIDATION error');
}

describe('fieldTypesFromMapping: shapes', () => {
  const properties = { service: { properties: { name: { type: 'keyword' } } } };
  const expected = { 'service.name': { type: 'keyword' } };

  it.each([
    ['GET <index>/_mapping (ES 7+, OpenSearch)', { 'logs-1': { mappings: { properties } } }],
    ['a client response wrapper', { body: { 'logs-1': { mappings: { properties } } }, statusCode: 200, headers: {} }],
    ['several indices', { 'logs-1': { mappings: { properties } }, 'logs-2': { mappings: { properties } } }],
    ['the ES 6 type level', { 'logs-1': { mappings: { _doc: { properties } } } }],
    ['a bare mappings body', { properties }],
    ['a bare { mappings }', { mappings: { properties } }],
    ['a legacy template', { index_patterns: ['logs-*'], mappings: { properties } }],
    ['a composable or component template', { index_patterns: ['logs-*'], template: { mappings: { properties } } }],
    ['GET _index_template', { index_templates: [{ name: 't', index_template: { template: { mappings: { properties } } } }] }],
    ['GET _component_template', { component_templates: [{ name: 'c', component_template: { template: { mappings: { properties } } } }] }],
  ])('reads %s', (_, response) => {
    expect(fieldTypesFromMapping(response)).toEqual(expected);
  });

  it('reads an index without fields as no fields', () => {
    expect(fieldTypesFromMapping({ 'logs-1': { mappings: {} } })).toEqual({});
    expect(fieldTypesFromMapping({})).toEqual({});
  });

  it('rejects what is not a mapping, with a JSON pointer', () => {
    expect(pointerOf(() => fieldTypesFromMapping('nope'))).toBe('');
    expect(pointerOf(() => fieldTypesFromMapping({ 'logs-1': { settings: {} } }))).toBe('/logs-1');
    expect(pointerOf(() => fieldTypesFromMapping({ 'a/b': 5 }))).toBe('/a~1b');
    expect(pointerOf(() => fieldTypesFromMapping({ properties: { a: 'keyword' } }))).toBe('/properties/a');
    expect(pointerOf(() => fieldTypesFromMapping({ properties: { a: { type: 'alias' } } }))).toBe('/properties/a');
  });
});

describe('fieldTypesFromMapping: fields', () => {
  it('reads the parameters that change what term matches', () => {
    const fields = fieldTypesFromMapping({
      properties: {
        k: { type: 'keyword', normalizer: 'lowercase', ignore_above: 5, null_value: 'NULL' },
        w: { type: 'wildcard', null_value: 'n' },
        c: { type: 'constant_keyword', value: 'acme' },
        i: { type: 'integer', coerce: false, null_value: 0, ignore_malformed: true },
        f: { type: 'half_float', null_value: '1.5' },
        s: { type: 'scaled_float', scaling_factor: 100 },
        u: { type: 'unsigned_long', coerce: false, null_value: '18446744073709551615' },
        b: { type: 'boolean', null_value: 'false' },
        d: { type: 'date', format: 'yyyy-MM-dd', null_value: '2020-01-01' },
        ip: { type: 'ip', null_value: '0.0.0.0' },
        fl: { type: 'flattened' },
        fo: { type: 'flat_object' },
      },
    }, { settings: {}, engine: 'opensearch' });
    expect(fields).toEqual({
      b: { type: 'boolean', nullValue: false },
      c: { type: 'constant_keyword', value: 'acme' },
      d: { type: 'date', format: 'yyyy-MM-dd', nullValue: '2020-01-01', engine: 'opensearch' },
      f: { type: 'half_float', nullValue: 1.5 },
      fl: { type: 'flattened' },
      fo: { type: 'flat_object' },
      i: { type: 'integer', coerce: false, nullValue: 0, ignoreMalformed: true },
      ip: { type: 'ip', nullValue: '0.0.0.0', engine: 'opensearch' },
      k: { type: 'keyword', normalizer: 'lowercase', normalizerFilters: ['lowercase'], ignoreAbove: 5, nullValue: 'NULL' },
      s: { type: 'scaled_float', scalingFactor: 100 },
      u: { type: 'unsigned_long', coerce: false, nullValue: '18446744073709551615', engine: 'opensearch' },
      w: { type: 'wildcard', nullValue: 'n', docValues: false },
    });
  });

  it('gives multi-fields the source path of their parent, and text its keyword sub-field', () => {
    const fields = fieldTypesFromMapping({
      properties: {
        message: { type: 'text', fields: { raw: { type: 'keyword' }, keyword: { type: 'keyword', ignore_above: 256 } } },
        body: { type: 'wildcard', fields: { text: { type: 'match_only_text' } } },
        note: { type: 'match_only_text' },
      },
    }, { engine: 'opensearch' });
    expect(fields).toEqual({
      message: { type: 'text', keywordSubfield: 'message.keyword' },
      'message.keyword': { type: 'keyword', ignoreAbove: 256, sourcePaths: ['message'] },
      'message.raw': { type: 'keyword', sourcePaths: ['message'] },
      body: { type: 'wildcard', docValues: false },
      'body.text': { type: 'match_only_text', sourcePaths: ['body'] },
      note: { type: 'match_only_text' },
    });
  });

  it('gives copy_to targets (and their multi-fields) every source that copies to them', () => {
    const fields = fieldTypesFromMapping({
      properties: {
        first: { type: 'keyword', copy_to: 'full' },
        last: { type: 'keyword', copy_to: ['full'] },
        full: { type: 'keyword', fields: { lower: { type: 'keyword', normalizer: 'lowercase' } } },
      },
    }, { settings: { index: { number_of_shards: '1' } } });
    expect(fields['full']).toEqual({ type: 'keyword', sourcePaths: ['full', 'first', 'last'] });
    expect(fields['full.lower']).toEqual({ type: 'keyword', normalizer: 'lowercase', normalizerFilters: ['lowercase'], sourcePaths: ['full', 'first', 'last'] });
  });

  it('records nested paths, outermost first, and skips disabled objects', () => {
    const fields = fieldTypesFromMapping({
      properties: {
        order: {
          type: 'nested',
          include_in_parent: true,
          properties: { items: { type: 'nested', properties: { sku: { type: 'keyword' } } }, id: { type: 'long' } },
        },
        blob: { type: 'object', enabled: false, properties: { x: { type: 'keyword' } } },
        'dotted.name': { type: 'keyword' },
      },
    });
    expect(fields).toEqual({
      'order.id': { type: 'long', nestedPaths: ['order'] },
      'order.items.sku': { type: 'keyword', nestedPaths: ['order', 'order.items'] },
      'dotted.name': { type: 'keyword' },
    });
  });

  it('resolves an alias to its target', () => {
    const fields = fieldTypesFromMapping({
      properties: { timestamp: { type: 'date' }, '@timestamp': { type: 'alias', path: 'timestamp' }, lost: { type: 'alias', path: 'nope' } },
    });
    expect(fields['@timestamp']).toEqual({ type: 'date', sourcePaths: ['timestamp'] });
    expect(fields['lost']).toEqual({ type: 'unsupported', mappedType: 'alias' });
  });

  it.each([
    [{ type: 'geo_point' }, 'geo_point'],
    [{ type: 'keyword', index: false, doc_values: false }, 'keyword (index: false)'],
    [{ type: 'long', index: false }, 'long (index: false)'],
    [{ type: 'long', script: { source: 'emit(1)' } }, 'long (script)'],
    [{ type: 'flattened', null_value: 'n' }, 'flattened (null_value)'],
    [{ type: 'keyword', ignore_above: 'many' }, 'keyword (ignore_above)'],
    [{ type: 'scaled_float' }, 'scaled_float (no scaling_factor)'],
    [{ type: 'boolean', ignore_malformed: true }, 'boolean (ignore_malformed)'],
  ])('marks %j unsupported (%s) rather than guessing', (definition, mappedType) => {
    expect(fieldTypesFromMapping({ properties: { f: definition } })).toEqual({ f: { type: 'unsupported', mappedType } });
  });

  it('marks runtime fields unsupported (they shadow mapped fields and run scripts)', () => {
    const fields = fieldTypesFromMapping({ runtime: { f: { type: 'keyword' } }, properties: { f: { type: 'keyword' } } });
    expect(fields).toEqual({ f: { type: 'unsupported', mappedType: 'runtime keyword' } });
  });

  it('merges identical fields across indices and marks conflicting ones unsupported', () => {
    const fields = fieldTypesFromMapping({
      'logs-1': { mappings: { properties: { a: { type: 'keyword' }, b: { type: 'keyword' }, c: { type: 'keyword', ignore_above: 5 }, only1: { type: 'ip' } } } },
      'logs-2': { mappings: { properties: { a: { type: 'keyword' }, b: { type: 'long' }, c: { type: 'keyword' } } } },
    });
    expect(fields).toEqual({
      a: { type: 'keyword' },
      b: { type: 'unsupported', mappedType: 'conflict: keyword | long' },
      c: { type: 'unsupported', mappedType: 'conflict: keyword with different parameters' },
      only1: { type: 'ip' },
    });
  });

  it('keeps a field named __proto__ as an own field', () => {
    const fields = fieldTypesFromMapping(JSON.parse('{"properties": {"__proto__": {"type": "keyword"}}}'));
    expect(Object.getOwnPropertyDescriptor(fields, '__proto__')?.value).toEqual({ type: 'keyword' });
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
  });
});

describe('fieldTypesFromMapping: index settings and engine', () => {
  const mappings = { properties: { k: { type: 'keyword', normalizer: 'lowercase' }, f: { type: 'keyword', normalizer: 'folded' } } };

  it('never trusts a normalizer name: without the settings, a field with a normalizer is unsupported', () => {
    const fields = fieldTypesFromMapping(mappings);
    expect(fields['k']).toEqual({ type: 'unsupported', mappedType: 'keyword (normalizer "lowercase": its definition is in the index settings, which were not given)' });
    expect(fields['f']?.type).toBe('unsupported');
  });

  it('reads the settings of a GET <index> response, where a normalizer named lowercase shadows the built-in one', () => {
    const response = {
      logs: {
        aliases: {},
        mappings,
        settings: { index: { number_of_shards: '1', analysis: { normalizer: { lowercase: { type: 'custom', filter: ['lowercase', 'asciifolding'] }, folded: { type: 'custom', filter: ['my_fold', 'trim'] } }, filter: { my_fold: { type: 'asciifolding', preserve_original: 'true' } } } } },
      },
    };
    expect(fieldTypesFromMapping(response)).toEqual({
      k: { type: 'keyword', normalizer: 'lowercase', normalizerFilters: ['lowercase', 'asciifolding'] },
      f: { type: 'keyword', normalizer: 'folded', normalizerFilters: ['asciifolding', 'trim'] },
    });
  });

  it('takes the settings option, nested or flat, and the built-in lowercase when the settings do not define it', () => {
    expect(fieldTypesFromMapping(mappings, { settings: { 'index.analysis.normalizer.folded.filter': ['uppercase', 'cjk_width', 'decimal_digit'], 'index.analysis.normalizer.folded.type': 'custom' } })).toEqual({
      k: { type: 'keyword', normalizer: 'lowercase', normalizerFilters: ['lowercase'] },
      f: { type: 'keyword', normalizer: 'folded', normalizerFilters: ['uppercase', 'cjk_width', 'decimal_digit'] },
    });
  });

  it.each([
    [{ type: 'custom', filter: ['lowercase'], char_filter: ['html_strip'] }, 'character filters are not emulated'],
    [{ type: 'custom', filter: ['lowercase', 'elision'] }, 'the filter "elision" is not emulated'],
    [{ type: 'custom', filter: ['greek'] }, 'the filter "greek" (lowercase) has parameters that are not emulated: language'],
  ])('marks a normalizer it cannot emulate unsupported: %j', (definition, problem) => {
    const settings = { analysis: { normalizer: { folded: definition }, filter: { greek: { type: 'lowercase', language: 'greek' } } } };
    expect(fieldTypesFromMapping(mappings, { settings })['f']).toEqual({ type: 'unsupported', mappedType: `keyword (normalizer "folded": ${problem})` });
  });

  it('reads a wildcard field according to the engine: OpenSearch checks _source without doc values; on Elasticsearch it is not verified', () => {
    const wildcard = { properties: { w: { type: 'wildcard' }, dv: { type: 'wildcard', doc_values: true } } };
    expect(fieldTypesFromMapping(wildcard, { engine: 'opensearch' })).toEqual({ w: { type: 'wildcard', docValues: false }, dv: { type: 'wildcard', docValues: true } });
    const onElasticsearch = fieldTypesFromMapping(wildcard, { engine: 'elasticsearch' });
    expect(onElasticsearch['w']).toMatchObject({ type: 'unsupported', mappedType: expect.stringMatching(/^wildcard \(not verified on Elasticsearch: /) });
    expect(onElasticsearch['dv']).toMatchObject({ type: 'unsupported', mappedType: expect.stringMatching(/^wildcard \(not verified on Elasticsearch: /) });
    expect(fieldTypesFromMapping(wildcard)['w']?.type).toBe('unsupported');
    expect(fieldTypesFromMapping(wildcard)['dv']).toEqual({ type: 'wildcard', docValues: true });
  });

  it('marks a wildcard field without doc values unsupported where the _source check never matches or is filtered', () => {
    const read = (mapping: Record<string, unknown>): unknown => fieldTypesFromMapping(mapping, { engine: 'opensearch' });
    expect(read({ properties: { n: { type: 'nested', properties: { w: { type: 'wildcard' } } } } })).toEqual({
      'n.w': { type: 'unsupported', mappedType: 'wildcard (doc_values: false inside nested: the _source check never matches)', nestedPaths: ['n'] },
    });
    expect(read({ _source: { enabled: false }, properties: { w: { type: 'wildcard' } } })).toEqual({ w: { type: 'unsupported', mappedType: 'wildcard (doc_values: false with _source disabled: never matches)' } });
    expect(read({ _source: { excludes: ['x*'] }, properties: { w: { type: 'wildcard' } } })).toEqual({ w: { type: 'unsupported', mappedType: 'wildcard (doc_values: false with _source includes/excludes: not emulated)' } });
    expect(read({ _source: { excludes: ['x*'] }, properties: { w: { type: 'wildcard', doc_values: true } } })).toEqual({ w: { type: 'wildcard', docValues: true } });
  });

  it('keeps a keyword with index: false and doc values (term is answered from doc values), and text with index: false', () => {
    const fields = fieldTypesFromMapping({
      properties: { k: { type: 'keyword', index: false }, t: { type: 'text', index: false, fields: { keyword: { type: 'keyword' } } } },
    });
    expect(fields).toEqual({ k: { type: 'keyword' }, t: { type: 'text', keywordSubfield: 't.keyword' }, 't.keyword': { type: 'keyword', sourcePaths: ['t'] } });
  });

  it('rejects options of the wrong type', () => {
    expect(() => fieldTypesFromMapping(mappings, { settings: 'x' })).toThrow(/settings option/);
    expect(() => fieldTypesFromMapping(mappings, { engine: 'solr' as never })).toThrow(/engine option/);
  });
});
