/** The variables the API refuses to start without, with harmless values: for tests of how it reads the rest. */
export const REQUIRED_API_ENV = {
  DATABASE_URL: 'postgres://localhost/mcpulse',
  REDIS_URL: 'redis://localhost:6379',
  MCPULSE_SECRET_KEY: '0'.repeat(64),
};
