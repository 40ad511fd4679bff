import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runRepositoryConformanceSuite } from '../../src/testing/index.js';
import { sqliteSubject } from './support/sqlite-subject.js';

runRepositoryConformanceSuite(sqliteSubject('memory'), { describe, it, expect, beforeEach, afterEach });
runRepositoryConformanceSuite(sqliteSubject('file'), { describe, it, expect, beforeEach, afterEach });
