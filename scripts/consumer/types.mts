// Type-checks against the shipped declarations (ESM view).
import { SharedTokenError, createInMemoryRepository, createSharedTokens, isSharedTokenError, toPredicate } from 'shared-tokens';
import type { AccessExpression, DocumentPredicate, SharedTokens, UnsafeRequestError } from 'shared-tokens';
import { runRepositoryConformanceSuite } from 'shared-tokens/testing';
import type { ConformanceTestApi } from 'shared-tokens/testing';
import { createSearchProxy } from 'shared-tokens/proxy';

const tokens: SharedTokens = createSharedTokens({ repository: createInMemoryRepository() });
const expression: AccessExpression = { kind: 'term', field: 'service.name', value: 'api' };
const predicate: DocumentPredicate = toPredicate(expression, { fields: { 'service.name': { type: 'keyword' } } });
export async function use(error: unknown, refusal: UnsafeRequestError): Promise<boolean> {
  if (error instanceof SharedTokenError) {
    const code: string = error.code;
    return code.length > 0 && refusal.reason.length > 0;
  }
  await tokens.createToken({ accountId: 'a', userId: 'u', role: 'admin' }, { name: 'n' });
  return isSharedTokenError(error, 'CONFLICT') && predicate({});
}
export const run: (api: ConformanceTestApi) => void = (api) =>
  runRepositoryConformanceSuite({ name: 'x', create: async () => { throw new Error('unused'); } }, api);
export const proxy: typeof createSearchProxy = createSearchProxy;
