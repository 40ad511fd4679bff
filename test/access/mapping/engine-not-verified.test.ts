import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileAccess } from '../../../src/access/plan/compile-access.js';
import type { FieldSpec } from '../../../src/access/mapping/field-types.js';
import { fieldTypesFromMapping } from '../../../src/access/mapping/mapping.js';
import { toPredicate } from '../../../src/access/predicate/predicate.js';
import { toElasticsearchQuery } from '../../../src/access/query/elasticsearch-query.js';
import { SharedTokenError } from '../../../src/errors.js';

/** The types whose reading is proven on OpenSearch only: the Elasticsearch node of the engine suite lacks them. */
const NOT_VERIFIED = ['wildcard', 'constant_keyword', 'unsigned_long', 'scaled_float', 'match_only_text'] as const;
const OTHER_TYPES = ['keyword', 'text', 'long', 'integer', 'double', 'half_float', 'boolean', 'date', 'ip', 'flattened', 'geo_point'] as const;

const reasonPattern = (type: string): RegExp => new RegExp(`^${type} \\(not verified on Elasticsearch: the library's reading of this type is proven on OpenSearch only \\(`);

function refusal(run: () => unknown): SharedTokenError {
  try {
    run();
  } catch (error) {
    if (error instanceof SharedTokenError) return error;
    throw error;
  }
  throw new Error('expected the filter to be refused');
}

describe('fieldTypesFromMapping: types not verified on Elasticsearch', () => {
  it.each(NOT_VERIFIED)('reads %s as unsupported on Elasticsearch, saying why, and as before on OpenSearch', (type) => {
    const definition = type === 'scaled_float' ? { type, scaling_factor: 100 } : type === 'wildcard' ? { type, doc_values: true } : { type };
    const mapping = { properties: { f: definition } };
    const onElasticsearch = fieldTypesFromMapping(mapping, { engine: 'elasticsearch' })['f'];
    expect(onElasticsearch).toEqual({ type: 'unsupported', mappedType: expect.stringMatching(reasonPattern(type)) });
    expect(onElasticsearch?.type === 'unsupported' ? onElasticsearch.mappedType : '').toMatch(/(X-Pack plugin|mapper-extras module) that defines it is not published/);
    expect(fieldTypesFromMapping(mapping, { engine: 'opensearch' })['f']?.type).toBe(type);
    // Without an engine the OpenSearch-proven reading applies (documented as such).
    expect(fieldTypesFromMapping(mapping)['f']?.type).toBe(type);
  });

  it('refuses every filter on such a field in both compilers, with the reason in the error', () => {
    const fields = fieldTypesFromMapping({ properties: { url: { type: 'wildcard' }, ratio: { type: 'scaled_float', scaling_factor: 10 } } }, { engine: 'elasticsearch' });
    for (const [field, value] of [['url', 'https://a'], ['ratio', '1.5']] as const) {
      const expression = compileAccess([{ field, value }], 'AND');
      for (const compile of [() => toElasticsearchQuery(expression, { fields }), () => toPredicate(expression, { fields })]) {
        const error = refusal(compile);
        expect(error.code).toBe('VALIDATION');
        expect(error.message).toContain('not verified on Elasticsearch');
        expect(error.context).toMatchObject({ field, fieldType: expect.stringMatching(reasonPattern(field === 'url' ? 'wildcard' : 'scaled_float')) });
      }
    }
  });

  it('keeps the keyword multi-field of a match_only_text field usable on Elasticsearch', () => {
    const fields = fieldTypesFromMapping(
      { properties: { message: { type: 'match_only_text', fields: { keyword: { type: 'keyword', ignore_above: 256 } } } } },
      { engine: 'elasticsearch' },
    );
    expect(fields['message']?.type).toBe('unsupported');
    expect(fields['message.keyword']).toEqual({ type: 'keyword', ignoreAbove: 256, sourcePaths: ['message'] });
    const query = toElasticsearchQuery(compileAccess([{ field: 'message.keyword', value: 'boot' }], 'AND'), { fields });
    expect(JSON.stringify(query)).toContain('"message.keyword"');
    expect(() => toElasticsearchQuery(compileAccess([{ field: 'message', value: 'boot' }], 'AND'), { fields })).toThrow(/not verified on Elasticsearch/);
  });

  it('law: on Elasticsearch every field reads as on OpenSearch, except the not-verified types, which are refused', () => {
    const typeArb = fc.constantFrom<string>(...NOT_VERIFIED, ...OTHER_TYPES);
    const definitionArb = fc.record(
      {
        type: typeArb,
        doc_values: fc.boolean(),
        ignore_above: fc.integer({ min: 0, max: 300 }),
        null_value: fc.constantFrom('x', 0, true),
        normalizer: fc.constant('lowercase'),
        scaling_factor: fc.constantFrom(10, 100),
        index: fc.boolean(),
        fields: fc.constant({ raw: { type: 'keyword' } }),
      },
      { requiredKeys: ['type'] },
    );
    const mappingArb = fc.tuple(definitionArb, fc.boolean(), fc.boolean()).map(([definition, nested, sourceDisabled]) => ({
      ...(sourceDisabled ? { _source: { enabled: false } } : {}),
      properties: nested ? { n: { type: 'nested', properties: { f: definition } } } : { f: definition },
    }));
    const seen = { refused: 0, equal: 0 };
    fc.assert(
      fc.property(mappingArb, (mapping) => {
        const onOpenSearch = fieldTypesFromMapping(mapping, { engine: 'opensearch' });
        const onElasticsearch = fieldTypesFromMapping(mapping, { engine: 'elasticsearch' });
        expect(Object.keys(onElasticsearch)).toEqual(Object.keys(onOpenSearch));
        const leaf = (mapping.properties as Record<string, { type: string; properties?: Record<string, { type: string }> }>);
        const mappedType = (leaf['f'] ?? leaf['n']?.properties?.['f'])?.type ?? '';
        for (const [name, spec] of Object.entries(onElasticsearch) as [string, FieldSpec][]) {
          const own = name === 'f' || name === 'n.f';
          if (own && (NOT_VERIFIED as readonly string[]).includes(mappedType)) {
            expect(spec).toMatchObject({ type: 'unsupported', mappedType: expect.stringMatching(reasonPattern(mappedType)) });
            seen.refused++;
          } else {
            // Types whose values the engines read differently (date, date_nanos, ip) carry the engine; apart from it, equal.
            const { engine: esEngine, ...esRest } = spec as FieldSpec & { engine?: string };
            const { engine: osEngine, ...osRest } = onOpenSearch[name] as FieldSpec & { engine?: string };
            expect([osEngine, esEngine]).toEqual(osEngine === undefined ? [undefined, undefined] : ['opensearch', 'elasticsearch']);
            expect(esRest).toEqual(osRest);
            seen.equal++;
          }
        }
      }),
      { numRuns: 400 },
    );
    expect(seen.refused).toBeGreaterThan(50);
    expect(seen.equal).toBeGreaterThan(50);
  });
});
