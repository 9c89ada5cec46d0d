export { createPgliteDatabase, createTestDatabase, type TestDatabase } from './test-database.js';
