/**
 * Engine-side roles: the same filter enforced again by the engine's
 * document-level security.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toElasticsearchRoleDescriptor, toOpenSearchRole } from '../../src/index.js';
import { toElasticsearchQuery } from '../../src/access/query/elasticsearch-query.js';
import { SharedTokenError } from '../../src/errors.js';
import { expressionArbitrary } from '../support/request-arbitraries.js';
import { keywordFieldsOf } from '../support/keyword-fields.js';

describe('toOpenSearchRole', () => {
  it('builds a read-only role whose dls is the token filter as JSON text', () => {
    expect(toOpenSearchRole({ kind: 'term', field: 'tenant', value: 'acme' }, { indices: ['logs-*'], fields: { tenant: { type: 'keyword' } } })).toEqual({
      cluster_permissions: [],
      index_permissions: [{ index_patterns: ['logs-*'], dls: '{"term":{"tenant":{"value":"acme"}}}', allowed_actions: ['read'] }],
    });
  });

  it('carries exactly the compiled query for any token', () => {
    fc.assert(
      fc.property(expressionArbitrary, (expression) => {
        const fields = keywordFieldsOf(expression);
        const role = toOpenSearchRole(expression, { indices: ['logs-app'], fields });
        expect(JSON.parse(role.index_permissions[0]?.dls ?? 'null')).toEqual(toElasticsearchQuery(expression, { fields }));
      }),
    );
  });
});

describe('toElasticsearchRoleDescriptor', () => {
  it('builds a read-only role descriptor with the token filter as query', () => {
    expect(toElasticsearchRoleDescriptor({ kind: 'none' }, { indices: ['logs-app', 'logs-web-*'] })).toEqual({
      cluster: [],
      indices: [{ names: ['logs-app', 'logs-web-*'], privileges: ['read'], query: { match_none: {} }, allow_restricted_indices: false }],
    });
  });

  it('carries exactly the compiled query for any token', () => {
    fc.assert(
      fc.property(expressionArbitrary, (expression) => {
        const fields = keywordFieldsOf(expression);
        expect(toElasticsearchRoleDescriptor(expression, { indices: ['x'], fields }).indices[0]?.query).toEqual(toElasticsearchQuery(expression, { fields }));
      }),
    );
  });
});

describe('role indices are checked', () => {
  it.each([[[]], [['other:logs']], [['logs::failures']], [['<logs-{now}>']], [['-logs']], [['']]])('refuses %j', (indices) => {
    for (const build of [toOpenSearchRole, toElasticsearchRoleDescriptor]) {
      expect(() => build({ kind: 'all' }, { indices })).toThrow(SharedTokenError);
      try {
        build({ kind: 'all' }, { indices });
      } catch (error) {
        expect((error as SharedTokenError).code).toBe('VALIDATION');
      }
    }
  });
});
