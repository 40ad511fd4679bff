import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runRepositoryConformanceSuite } from '../../src/testing/index.js';
import { schemaPool, startPGlite } from './support/pglite-subject.js';

const database = await startPGlite();
afterAll(() => database.close());

runRepositoryConformanceSuite(schemaPool('postgres (PGlite)', database.client), { describe, it, expect, beforeEach, afterEach });
