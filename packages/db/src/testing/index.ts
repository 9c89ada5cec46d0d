export {
  type SeededCheck,
  type SeededEndpoint,
  seedDirectoryCheck,
  seedDirectoryEndpoint,
} from './directory-audit-seed.js';
export { type DirectorySeed, type SeededDirectoryServer, seedDirectoryServer } from './directory-seed.js';
export { createPgliteDatabase, createTestDatabase, type TestDatabase } from './test-database.js';
