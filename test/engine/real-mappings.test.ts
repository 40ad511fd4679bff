import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FieldSpec } from '../../src/access/mapping/field-types.js';
import { fieldTypesFromMapping } from '../../src/access/mapping/mapping.js';

// The real index templates and mappings in test/fixtures/mappings/ (see the
// README there for their origins and licences). The unit suite generates its
// own data; this check of the mapping reader on real files runs with the engine suite.
const dataDir = join(import.meta.dirname, '..', 'fixtures');
const mappingsDir = join(dataDir, 'mappings');

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return path.endsWith('.json') ? [path] : [];
  });
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

describe(`fieldTypesFromMapping on the real mappings in ${relative(process.cwd(), mappingsDir)}`, () => {
  const files = jsonFiles(mappingsDir);

  it('finds the real mapping files', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((path) => [relative(mappingsDir, path), path]))('reads %s', (_, path) => {
    const fields = fieldTypesFromMapping(readJson(path), { engine: /opensearch/.test(path) ? 'opensearch' : 'elasticsearch' });
    for (const [name, spec] of Object.entries(fields)) {
      expect(name).not.toMatch(/^\.|\.\.|\.$/);
      expect(spec.type).toBeTypeOf('string');
    }
    // The composable template holds only dynamic templates; every other file maps fields.
    if (!path.endsWith(join('composable', 'template.json'))) expect(Object.keys(fields).length).toBeGreaterThan(0);
  });

  it('reads the OpenSearch Dashboards sample: text + .keyword, alias, geo_point', () => {
    const fields = fieldTypesFromMapping(readJson(join(mappingsDir, 'opensearch-dashboards', 'sample-web-logs.mapping.json')));
    expect(fields['message']).toEqual({ type: 'text', keywordSubfield: 'message.keyword' });
    expect(fields['message.keyword']).toEqual({ type: 'keyword', ignoreAbove: 256, sourcePaths: ['message'] });
    expect(fields['@timestamp']).toEqual({ type: 'date', sourcePaths: ['timestamp'] });
    expect(fields['geo.coordinates']).toEqual({ type: 'unsupported', mappedType: 'geo_point' });
    expect(fields['clientip']).toEqual({ type: 'ip' });
  });

  it('reads the ES 5/6 type level of the Kafka and nginx examples', () => {
    const kafka = fieldTypesFromMapping(readJson(join(mappingsDir, 'elastic-examples', 'fb-kafka.template.json')));
    expect(kafka['beat.hostname']).toEqual({ type: 'keyword', ignoreAbove: 1024 });
    const nginx = fieldTypesFromMapping(readJson(join(mappingsDir, 'elastic-examples', 'nginx_json_template.json')));
    expect(nginx['request']).toEqual({ type: 'keyword' });
  });

  it('agrees with the ECS field catalog on every ECS field, and merges the ECS component templates to the legacy template', () => {
    // Read with OpenSearch's reading (proven on the engine suite) for the catalog check.
    const legacy = fieldTypesFromMapping(readJson(join(mappingsDir, 'ecs-9.4.0', 'legacy-template.json')), { engine: 'opensearch' });
    const componentDir = join(mappingsDir, 'ecs-9.4.0', 'composable', 'component');
    const components = fieldTypesFromMapping({
      component_templates: readdirSync(componentDir).map((name) => ({
        name,
        component_template: readJson(join(componentDir, name)),
      })),
    }, { engine: 'opensearch' });
    expect(components).toEqual(legacy);

    const catalog = readJson(join(dataDir, 'ecs-fields.json')) as { name: string; type: string; index?: boolean }[];
    let checked = 0;
    for (const entry of catalog) {
      if (entry.type === 'object' || entry.type === 'nested') continue;
      const spec = legacy[entry.name] as FieldSpec | undefined;
      // OpenSearch's wildcard without doc values checks _source, which never matches inside nested.
      const nestedWildcard = entry.type === 'wildcard' && spec?.nestedPaths !== undefined;
      const expected = entry.type === 'geo_point' || entry.index === false || nestedWildcard ? 'unsupported' : entry.type;
      expect({ name: entry.name, type: spec?.type }).toEqual({ name: entry.name, type: expected });
      checked++;
    }
    expect(checked).toBeGreaterThan(2500);
    expect(legacy['dll.pe.sections.name']).toMatchObject({ nestedPaths: ['dll.pe.sections'] });
    expect(legacy['host.cpu.usage']).toEqual({ type: 'scaled_float', scalingFactor: 1000 });
    expect(legacy['data_stream.type']).toEqual({ type: 'constant_keyword' });

    // Read for Elasticsearch, the same template differs only where the library's reading is not
    // verified there: those types are refused (unsupported, with the reason), every other field is equal.
    const onElasticsearch = fieldTypesFromMapping(readJson(join(mappingsDir, 'ecs-9.4.0', 'legacy-template.json')), { engine: 'elasticsearch' });
    expect(Object.keys(onElasticsearch)).toEqual(Object.keys(legacy));
    const refused = new Map<string, number>();
    for (const [name, spec] of Object.entries(legacy)) {
      const esSpec = onElasticsearch[name] as FieldSpec;
      // The mapped type, also when OpenSearch's reading already refuses the field (a nested wildcard).
      const mappedType = spec.type === 'unsupported' ? (spec.mappedType.split(' ')[0] ?? '') : spec.type;
      if (notVerifiedOnElasticsearch.has(mappedType)) {
        expect(esSpec.type).toBe('unsupported');
        expect(esSpec.type === 'unsupported' ? esSpec.mappedType : '').toMatch(new RegExp(`^${mappedType} \\(not verified on Elasticsearch: `));
        refused.set(mappedType, (refused.get(mappedType) ?? 0) + 1);
      } else {
        // Field types whose values the engines read differently carry the engine; apart from it they are equal.
        const { engine: esEngine, ...esRest } = esSpec as FieldSpec & { engine?: string };
        const { engine: osEngine, ...osRest } = spec as FieldSpec & { engine?: string };
        expect({ name, engines: [osEngine, esEngine] }).toEqual({ name, engines: osEngine === undefined ? [undefined, undefined] : ['opensearch', 'elasticsearch'] });
        expect({ name, spec: esRest }).toEqual({ name, spec: osRest });
      }
    }
    // ECS maps fields of four of the five types (no unsigned_long); each is reached.
    expect([...refused.keys()].sort()).toEqual(['constant_keyword', 'match_only_text', 'scaled_float', 'wildcard']);
  });
});

/** The types `fieldTypesFromMapping` refuses for Elasticsearch (their reading is proven on OpenSearch only). */
const notVerifiedOnElasticsearch: ReadonlySet<string> = new Set(['wildcard', 'constant_keyword', 'unsigned_long', 'scaled_float', 'match_only_text']);
