/** Prints what was wrong with the command line and the usage, and exits 2. */
export function usageError(message: string, usage: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

/**
 * A reader of positive numeric options for one bench: `read(name, text, fallback)`
 * gives the fallback when the option is absent and stops with the usage when
 * it is not a positive integer (or, with `integer` false, a positive number).
 */
export function positiveOptions(usage: string) {
  return (name: string, text: string | undefined, fallback: number, integer = true): number => {
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!(value > 0) || (integer && !Number.isInteger(value))) {
      usageError(`--${name} must be a positive ${integer ? 'integer' : 'number'}`, usage);
    }
    return value;
  };
}
