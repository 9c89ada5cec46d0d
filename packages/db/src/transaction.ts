import type { Executor } from './database.js';

/**
 * Runs `run` as one transaction: it commits when `run` resolves and rolls back
 * when it throws. Inside a transaction it nests as a savepoint.
 */
export function inTransaction<T>(
  db: Pick<Executor, 'transaction'>,
  run: (tx: Executor) => Promise<T>,
): Promise<T> {
  return db.transaction((tx) => run(tx));
}
