/** What a manifest check reports. */
export interface Violation {
  /** Stable rule id, e.g. `PSA-RUN-AS-NON-ROOT`. */
  readonly rule: string;
  /** The object, as `Kind namespace/name`. */
  readonly object: string;
  /** What was found and what is expected. */
  readonly message: string;
}

/** `Kind namespace/name: [RULE] message`, one line. */
export function formatViolation(v: Violation): string {
  return `${v.object}: [${v.rule}] ${v.message}`;
}
