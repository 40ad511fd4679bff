// The engines the engine suite runs on, one Maven module each under engine/.
// Each module's main class prints `<PORT_LINE>=<port>` on stdout once its
// single node is ready on 127.0.0.1. The version is read from the module's
// pom.xml so that it is written in one place.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @typedef {object} EngineModule
 * @property {string} id         short name used to select it (`ENGINES=opensearch-2,...`)
 * @property {'opensearch' | 'elasticsearch'} product
 * @property {string} dir        Maven module folder under engine/
 * @property {string} versionProperty  pom property holding the engine version
 * @property {string} mainClass
 * @property {string} portLine   the stdout line's name, before `=`
 * @property {number} javaMin    lowest Java feature release the jars run on
 * @property {number} javaMax    highest one known to work (the newest JDK is tried last)
 */

/** @type {readonly EngineModule[]} */
export const engineModules = [
  {
    id: 'opensearch-2',
    product: 'opensearch',
    dir: 'opensearch-2',
    versionProperty: 'opensearch.version',
    mainClass: 'dev.sharedtokens.engine.OpenSearchNode',
    portLine: 'OPENSEARCH_PORT',
    // 2.19 is built for 11+ and ships a 21 JDK; 17 is what CI installs.
    javaMin: 17,
    javaMax: 21,
  },
  {
    id: 'opensearch-3',
    product: 'opensearch',
    dir: 'opensearch-3',
    versionProperty: 'opensearch.version',
    mainClass: 'dev.sharedtokens.engine.OpenSearchNode',
    portLine: 'OPENSEARCH_PORT',
    javaMin: 21,
    javaMax: 99,
  },
  {
    id: 'elasticsearch-8',
    product: 'elasticsearch',
    dir: 'elasticsearch-8',
    versionProperty: 'elasticsearch.version',
    mainClass: 'dev.sharedtokens.engine.ElasticsearchNode',
    portLine: 'ELASTICSEARCH_PORT',
    javaMin: 21,
    javaMax: 99,
  },
];

/** The engine version a module's pom pins, e.g. `2.19.6`. */
export function moduleVersion(root, module) {
  const pom = readFileSync(join(root, 'engine', module.dir, 'pom.xml'), 'utf8');
  const match = new RegExp(`<${module.versionProperty.replace('.', '\\.')}>([^<]+)</`).exec(pom);
  if (!match) throw new Error(`engine/${module.dir}/pom.xml has no <${module.versionProperty}>`);
  return match[1].trim();
}

/**
 * The modules named by a comma-separated selection (`ENGINES`, `--engines`).
 * A name selects every module whose id starts with it, so `opensearch`
 * selects both OpenSearch lines. Empty or `all`: every module.
 */
export function selectModules(selection) {
  if (selection === undefined || selection.trim() === '' || selection.trim() === 'all') return [...engineModules];
  const chosen = [];
  for (const raw of selection.split(',')) {
    const name = raw.trim();
    if (name === '') continue;
    const matches = engineModules.filter((module) => module.id === name || module.id.startsWith(name));
    if (matches.length === 0) {
      throw new Error(`unknown engine "${name}"; known: ${engineModules.map((module) => module.id).join(', ')}`);
    }
    for (const module of matches) if (!chosen.includes(module)) chosen.push(module);
  }
  return chosen;
}
