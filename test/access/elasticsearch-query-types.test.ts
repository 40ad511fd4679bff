import type { estypes } from '@elastic/elasticsearch';
import type { Types as OpenSearchTypes } from '@opensearch-project/opensearch';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { compileAccess } from '../../src/access/plan/compile-access.js';
import type { ElasticsearchQuery } from '../../src/access/query/elasticsearch-query-types.js';
import { toElasticsearchQuery } from '../../src/access/query/elasticsearch-query.js';

// These checks run in `tsc --noEmit` (the project type check): a query type
// that stopped fitting either official client would fail the build.
describe('the emitted query type', () => {
  it('is assignable to the Elasticsearch client query type', () => {
    expectTypeOf<ElasticsearchQuery>().toExtend<estypes.QueryDslQueryContainer>();
    const query: estypes.QueryDslQueryContainer = toElasticsearchQuery(compileAccess([{ field: 'a', value: 'x' }], 'AND'), { fields: { a: { type: 'keyword' } } });
    const request: estypes.SearchRequest = { index: 'logs', query };
    expect(request.query).toEqual({ term: { a: { value: 'x' } } });
  });

  it('is assignable to the OpenSearch client query type', () => {
    expectTypeOf<ElasticsearchQuery>().toExtend<OpenSearchTypes.Common_QueryDsl.QueryContainer>();
    const query: OpenSearchTypes.Common_QueryDsl.QueryContainer = toElasticsearchQuery({ kind: 'none' });
    expect(query).toEqual({ match_none: {} });
  });
});
