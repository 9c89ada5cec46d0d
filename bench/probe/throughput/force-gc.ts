import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full collection between measured segments, so that garbage one client left
 * behind is not collected (and charged) while the next client is measured. The
 * script runs without --expose-gc, so the flag is switched on at run time.
 */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export function collectGarbage(): void {
  gc();
}
