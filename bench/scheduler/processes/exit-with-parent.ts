/**
 * Preloaded (`--import`) into every worker child the bench forks: when the
 * bench's IPC channel closes, because it finished or was killed, the worker
 * drains as on SIGTERM, and a worker stuck in its drain is ended regardless.
 * So no worker outlives the bench, and the worker entry itself stays untouched.
 */
const HARD_EXIT_MS = 30_000;

if (process.channel) {
  process.once('disconnect', () => {
    process.kill(process.pid, 'SIGTERM');
    setTimeout(() => process.exit(1), HARD_EXIT_MS).unref();
  });
}
