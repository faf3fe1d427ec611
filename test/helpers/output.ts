/** What a command prints, captured in tests. */

export interface CapturedOutput {
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Captures stdout and stderr from now on (call it in `beforeEach`;
 * `jest.restoreAllMocks()` ends it). The returned object always holds
 * everything written so far.
 */
export function captureOutput(): CapturedOutput {
  const output = { stdout: '', stderr: '' };
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { output.stdout += String(chunk); return true; });
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { output.stderr += String(chunk); return true; });
  return output;
}
