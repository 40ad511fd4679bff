import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runRepositoryConformanceSuite } from '../../src/testing/index.js';
import { schemaPool, startPGlite } from './support/pglite-subject.js';

const database = await startPGlite();
afterAll(() => database.close());

// PGlite runs in this process on one core: the model and concurrency properties need more than vitest's default minute.
runRepositoryConformanceSuite(schemaPool('postgres (PGlite)', database.client), { describe, it, expect, beforeEach, afterEach }, { timeout: 300_000 });
