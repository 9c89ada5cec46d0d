export {
  type SeededCheck,
  type SeededEndpoint,
  seedDirectoryCheck,
  seedDirectoryEndpoint,
} from './directory-audit-seed.js';
export { type DirectorySeed, type SeededDirectoryServer, seedDirectoryServer } from './directory-seed.js';
export { seedStatusPage } from './status-page-seed.js';
export { createPgliteDatabase, createTestDatabase, type TestDatabase } from './test-database.js';
