/**
 * Field types whose reading by the library is proven on one engine family
 * only. The engine suite runs Elasticsearch 8.19 as an embedded node built
 * from the jars Maven Central publishes: the server and its Netty transport.
 * The X-Pack plugins (`wildcard`, `constant_keyword`, `unsigned_long`) and
 * the `mapper-extras` module (`scaled_float`, `match_only_text`) are not
 * published, so that node lacks these types and nothing the library claims
 * about them on Elasticsearch has been checked against the engine (their
 * semantics there were read, and differ in places: `wildcard` doc values,
 * `unsigned_long` term parsing). Fail closed: on Elasticsearch such a field
 * is read as `unsupported`, with this reason, so its filters are refused.
 *
 * @packageDocumentation
 */
import type { MappingEngine } from './mapping-fields.js';

/** Where each type lives in Elasticsearch, when it is not in the server jar. */
const NOT_VERIFIED_ON_ELASTICSEARCH: Readonly<Record<string, string>> = {
  wildcard: 'X-Pack plugin',
  constant_keyword: 'X-Pack plugin',
  unsigned_long: 'X-Pack plugin',
  scaled_float: 'mapper-extras module',
  match_only_text: 'mapper-extras module',
};

/**
 * Why the library will not read `mappedType` for `engine`, or `undefined`
 * when its reading is proven there (or the engine was not named: then the
 * OpenSearch-proven reading applies, as documented).
 *
 * @example
 * ```ts
 * notVerifiedOn('wildcard', 'elasticsearch');
 * // 'not verified on Elasticsearch: the library\'s reading of this type is proven on OpenSearch only (...)'
 * notVerifiedOn('wildcard', 'opensearch'); // undefined
 * notVerifiedOn('keyword', 'elasticsearch'); // undefined
 * ```
 */
export function notVerifiedOn(mappedType: string, engine: MappingEngine | undefined): string | undefined {
  if (engine !== 'elasticsearch') return undefined;
  if (!Object.prototype.hasOwnProperty.call(NOT_VERIFIED_ON_ELASTICSEARCH, mappedType)) return undefined;
  const home = NOT_VERIFIED_ON_ELASTICSEARCH[mappedType];
  return `not verified on Elasticsearch: the library's reading of this type is proven on OpenSearch only (the ${home} that defines it is not published, so the engine suite's Elasticsearch node lacks it)`;
}
