/**
 * Runs a strict `parseArgs` for the repository's scripts, turning its errors
 * (an unknown option, a missing value) into the script's own one-line failure
 * instead of a stack trace.
 */
export function parseCommandLine<T>(parse: () => T, fail: (message: string) => never): T {
  try {
    return parse();
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}
