/**
 * Field types for tests whose token filters name arbitrary fields: every
 * field the expression names, typed `keyword` (the query compiler needs the
 * mapping of every field it filters on).
 */
import type { AccessExpression } from '../../src/access/expression/expression.js';
import type { FieldTypes } from '../../src/index.js';

/** The fields `expression` names, each a `keyword`. */
export function keywordFieldsOf(expression: AccessExpression): FieldTypes {
  const fields: Record<string, { type: 'keyword' }> = {};
  const visit = (node: AccessExpression): void => {
    switch (node.kind) {
      case 'all':
      case 'none':
        return;
      case 'term':
      case 'terms':
        fields[node.field] = { type: 'keyword' };
        return;
      case 'and':
      case 'or':
        node.children.forEach(visit);
        return;
    }
  };
  visit(expression);
  return fields as FieldTypes;
}
