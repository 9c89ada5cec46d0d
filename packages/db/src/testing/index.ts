export {
  type SeededCheck,
  type SeededEndpoint,
  seedDirectoryCheck,
  seedDirectoryEndpoint,
} from './directory-audit-seed.js';
export { createPgliteDatabase, createTestDatabase, type TestDatabase } from './test-database.js';
