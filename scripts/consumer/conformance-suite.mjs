// The repository conformance suite, run from the installed package against
// its in-memory repository. The runner's functions are vitest globals.
import { createInMemoryRepository } from 'shared-tokens';
import { createInspectableInMemoryRepository, runRepositoryConformanceSuite } from 'shared-tokens/testing';

runRepositoryConformanceSuite(
  {
    name: 'in-memory (installed package)',
    create: async () => createInspectableInMemoryRepository(),
  },
  { describe, it, expect, beforeEach, afterEach },
);
void createInMemoryRepository;
