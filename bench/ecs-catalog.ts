/**
 * The ECS field catalog (`ecs-fields.json`): the generator takes field names,
 * types and array-ness from it, and the typed predicate row takes its
 * `fields` option from it, so both look like a real ECS index.
 */
import { readFileSync } from 'node:fs';
import type { FieldSpec, FieldTypes } from '../src/access/mapping/field-types.js';

/** What the catalog says about one field. */
export interface EcsField {
  readonly name: string;
  readonly type: string;
  readonly array: boolean;
  readonly ignoreAbove?: number;
}

/** The catalog as name → field, plus where it came from. */
export interface EcsCatalog {
  readonly source: string;
  readonly fields: ReadonlyMap<string, EcsField>;
}

/** Reads the catalog file (an array of `{name, type, array, ignore_above?}`). */
export function readEcsCatalog(file: string): EcsCatalog {
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(raw)) throw new Error(`${file}: expected an array of ECS fields`);
  const fields = new Map<string, EcsField>();
  for (const entry of raw as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { name, type, array, ignore_above: ignoreAbove } = entry as Record<string, unknown>;
    if (typeof name !== 'string' || typeof type !== 'string') continue;
    fields.set(name, {
      name,
      type,
      array: array === true,
      ...(typeof ignoreAbove === 'number' ? { ignoreAbove } : {}),
    });
  }
  return { source: file, fields };
}

/** The `fields` option entry an ECS index template would give this field. */
export function fieldSpecOf(field: EcsField): FieldSpec {
  const ignoreAbove = field.ignoreAbove === undefined ? {} : { ignoreAbove: field.ignoreAbove };
  switch (field.type) {
    case 'keyword':
      return { type: 'keyword', ...ignoreAbove };
    case 'wildcard':
      return { type: 'wildcard', ...ignoreAbove };
    case 'constant_keyword':
      return { type: 'constant_keyword' };
    case 'match_only_text':
    case 'text':
      return { type: field.type };
    case 'long':
    case 'integer':
    case 'short':
    case 'byte':
    case 'double':
    case 'float':
    case 'half_float':
    case 'boolean':
    case 'ip':
    case 'date':
    case 'flattened':
      return { type: field.type };
    case 'scaled_float':
      return { type: 'scaled_float', scalingFactor: 1000 };
    default:
      return { type: 'unsupported', mappedType: field.type };
  }
}

/** The typed-row `fields` option, and where the catalog disagreed with the generator. */
export interface TypedFields {
  readonly fields: FieldTypes;
  /** Fields the catalog lacks (typed as the generator declared them). */
  readonly notInCatalog: readonly string[];
  /** `field: catalog type ≠ declared type` lines. */
  readonly mismatches: readonly string[];
}

/**
 * The `fields` option for `declared` (field → the type the generator writes):
 * the catalog's type and `ignore_above` where it has the field, else the
 * declared type.
 */
export function typedFields(catalog: EcsCatalog | undefined, declared: Readonly<Record<string, string>>): TypedFields {
  const fields: Record<string, FieldSpec> = {};
  const notInCatalog: string[] = [];
  const mismatches: string[] = [];
  for (const [name, type] of Object.entries(declared)) {
    const known = catalog?.fields.get(name);
    if (known === undefined) notInCatalog.push(name);
    else if (known.type !== type) mismatches.push(`${name}: catalog ${known.type} ≠ generator ${type}`);
    fields[name] = fieldSpecOf(known ?? { name, type, array: false });
  }
  return { fields, notInCatalog, mismatches };
}
