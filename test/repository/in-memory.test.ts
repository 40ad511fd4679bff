import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInspectableInMemoryRepository, runRepositoryConformanceSuite } from '../../src/testing/index.js';

runRepositoryConformanceSuite(
  { name: 'in-memory', create: async () => createInspectableInMemoryRepository() },
  { describe, it, expect, beforeEach, afterEach },
);
