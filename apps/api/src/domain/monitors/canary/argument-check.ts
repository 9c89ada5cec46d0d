import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** One way the arguments fail the schema: where (a JSON pointer into the arguments) and why, as ajv says it. */
export interface ArgumentProblem {
  path: string;
  message: string;
}

export type ArgumentVerdict =
  | { valid: true }
  | { valid: false; problem: ArgumentProblem }
  /** The schema could not be used to check anything (it does not compile, or took too long or too much). */
  | { unusable: string };

/**
 * The bounds of one check. A tool's inputSchema comes from the monitored
 * server: it may be huge, nested without end, refer to what does not exist,
 * or hold a `pattern` that backtracks for ever. So it is compiled and run in a
 * worker thread of its own, with a small heap, ended at the deadline.
 */
export const ARGUMENT_CHECK_LIMITS = {
  schemaChars: 256 * 1024,
  deadlineMs: 2_000,
  heapMb: 64,
  /** Checks at once in this process; others wait their turn. */
  concurrent: 2,
} as const;

const require = createRequire(import.meta.url);
const VALIDATORS = {
  draft7: require.resolve('ajv'),
  draft2019: require.resolve('ajv/dist/2019'),
  draft2020: require.resolve('ajv/dist/2020'),
};

/**
 * The worker: CommonJS evaluated from this string, so it runs the same from
 * the sources and the build. `$schema` picks the draft (2020-12, MCP's
 * default, when absent or unknown) and is then dropped, so no meta-schema is
 * ever fetched; unknown keywords (`x-mcp-header` and the like) are ignored,
 * formats are not checked.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { schema, args, validators } = workerData;
const declared = typeof schema.$schema === 'string' ? schema.$schema : '';
const path = /draft-0[4-7]/.test(declared) ? validators.draft7 : declared.includes('2019-09') ? validators.draft2019 : validators.draft2020;
const Ajv = require(path).default;
parentPort.postMessage({ ready: true });
const { $schema, ...rest } = schema;
let verdict;
try {
  const validate = new Ajv({ strict: false, validateFormats: false, allErrors: false }).compile(rest);
  if (validate(args)) verdict = { valid: true };
  else {
    const error = validate.errors[0];
    const params = error.params || {};
    const key = params.missingProperty ?? params.additionalProperty ?? params.unevaluatedProperty;
    const pointer = error.instancePath + (key === undefined ? '' : '/' + String(key).replace(/~/g, '~0').replace(/\\//g, '~1'));
    verdict = { valid: false, problem: { path: pointer, message: error.message || 'is not valid' } };
  }
} catch (error) {
  verdict = { unusable: String(error && error.message ? error.message : error) };
}
parentPort.postMessage(verdict);
`;

/** How long a worker may take to start and load the validator, before the schema is touched. */
const BOOT_DEADLINE_MS = 30_000;

let running = 0;
const waiting: Array<() => void> = [];

async function turn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= ARGUMENT_CHECK_LIMITS.concurrent)
    await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function inWorker(schema: Record<string, unknown>, args: Record<string, unknown>): Promise<ArgumentVerdict> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { schema, args, validators: VALIDATORS },
      resourceLimits: { maxOldGenerationSizeMb: ARGUMENT_CHECK_LIMITS.heapMb, maxYoungGenerationSizeMb: 16 },
    });
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const settle = (verdict: ArgumentVerdict) => {
      if (settled) return;
      settled = true;
      clearTimeout(boot);
      clearTimeout(timer);
      void worker.terminate();
      resolve(verdict);
    };
    // The deadline bounds the schema's own work (compiling and validating), from the moment the
    // worker has loaded the validator: starting a thread on a busy machine is not the schema's cost.
    const boot = setTimeout(
      () => settle({ unusable: `the checker did not start within ${BOOT_DEADLINE_MS} ms` }),
      BOOT_DEADLINE_MS,
    );
    worker.on('message', (message: ArgumentVerdict | { ready: true }) => {
      if ('ready' in message) {
        clearTimeout(boot);
        timer = setTimeout(
          () => settle({ unusable: `checking took longer than ${ARGUMENT_CHECK_LIMITS.deadlineMs} ms` }),
          ARGUMENT_CHECK_LIMITS.deadlineMs,
        );
        return;
      }
      settle(message);
    });
    worker.once('error', (error) => settle({ unusable: error.message }));
    worker.once('exit', () => settle({ unusable: 'the check stopped before it finished' }));
  });
}

/** Checks a canary's arguments against a tool's inputSchema, within ARGUMENT_CHECK_LIMITS. */
export async function checkArguments(
  inputSchema: Record<string, unknown>,
  args: Record<string, unknown>,
): Promise<ArgumentVerdict> {
  let size: number;
  try {
    size = JSON.stringify(inputSchema).length;
  } catch {
    return { unusable: 'it is nested too deeply' };
  }
  if (size > ARGUMENT_CHECK_LIMITS.schemaChars) {
    return { unusable: `it is larger than ${ARGUMENT_CHECK_LIMITS.schemaChars} characters` };
  }
  return turn(() => inWorker(inputSchema, args));
}
