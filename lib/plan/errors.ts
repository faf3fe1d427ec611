/**
 * Input a plan cannot use: a base that is neither a folder of outputs nor a
 * git ref, a base definition that does not load or synthesize. The command
 * prints the message and exits with code 2; anything else is an internal
 * error (exit code 1).
 */
export class PlanInputError extends Error {}
