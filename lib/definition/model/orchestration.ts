/**
 * `orchestration-rules.yml`, resolved: the six orchestration patterns, each
 * agent reference (`tenant/agent` or a bare name) resolved to the agent it
 * names, and fan-out targets resolved to projects. Durations are seconds.
 */
/** The six pattern kinds, in the order of the file's `orchestration_patterns`. */
export const PATTERN_KINDS = ['sequential', 'parallel', 'fanout', 'pipeline', 'mapreduce', 'circuit_breaker'] as const;
export type PatternKind = (typeof PATTERN_KINDS)[number];

/** An agent a pattern names, resolved. */
export interface AgentRefModel {
  /** `tenant/agent`, as messages should name it. */
  readonly ref: string;
  readonly tenant: string;
  /** The agent's name (its Deployment and ServiceAccount). */
  readonly agent: string;
  readonly project: string;
  /** Namespace the agent runs in. */
  readonly namespace: string;
}

/** A project a fan-out reaches. */
export interface ProjectRefModel {
  readonly tenant: string;
  readonly project: string;
  readonly namespace: string;
}

interface PatternBase {
  /** The pattern's name, unique across all patterns (a snake_case id). */
  readonly name: string;
  /** What the pattern is for, as prose. */
  readonly description?: string;
}

/** Steps run one after another. */
export interface SequentialPatternModel extends PatternBase {
  readonly kind: 'sequential';
  /** Steps in the order written. */
  readonly steps: ReadonlyArray<{ readonly name: string; readonly agent: AgentRefModel; readonly timeoutSeconds: number }>;
}

/** Groups of agents run at the same time. */
export interface ParallelPatternModel extends PatternBase {
  readonly kind: 'parallel';
  /** Groups in the order written, each with its agents in the order written. */
  readonly groups: ReadonlyArray<{ readonly name: string; readonly agents: readonly AgentRefModel[] }>;
  /** Most agents running at once. */
  readonly maxParallel: number;
  /** Time allowed for the whole pattern, seconds. */
  readonly timeoutSeconds: number;
}

/** Which projects a fan-out reaches, as written. */
export type FanoutTargetModel =
  | { readonly kind: 'all_projects' }
  | { readonly kind: 'all_production_projects' }
  | { readonly kind: 'tenants'; readonly tenants: readonly string[] };

/** One agent run against each project of a target. */
export interface FanoutPatternModel extends PatternBase {
  readonly kind: 'fanout';
  readonly target: FanoutTargetModel;
  /** The projects the target selects, by tenant then project. */
  readonly projects: readonly ProjectRefModel[];
  readonly agent: AgentRefModel;
  /** Whether the runs' results are collected. */
  readonly collectResults: boolean;
  /** Where results are aggregated (a dashboard name); undefined: not aggregated. */
  readonly aggregation?: string;
  /** Most runs at once. */
  readonly maxParallel: number;
}

/** Stages run in order, each optionally checkpointed. */
export interface PipelinePatternModel extends PatternBase {
  readonly kind: 'pipeline';
  /** Stages in the order written. */
  readonly stages: ReadonlyArray<{ readonly name: string; readonly agent: AgentRefModel; readonly timeoutSeconds: number; readonly checkpoint: boolean }>;
}

/** A mapper over partitions, then a reducer. */
export interface MapReducePatternModel extends PatternBase {
  readonly kind: 'mapreduce';
  readonly mapper: AgentRefModel;
  readonly reducer: AgentRefModel;
  readonly partitions: number;
  /** Most mappers running at once. */
  readonly maxParallel: number;
  /** Time allowed for the whole pattern, seconds. */
  readonly timeoutSeconds: number;
}

/** Calls to an agent guarded by a circuit breaker. */
export interface CircuitBreakerPatternModel extends PatternBase {
  readonly kind: 'circuit_breaker';
  readonly agent: AgentRefModel;
  /** Failures in a row that open the circuit. */
  readonly failureThreshold: number;
  /** Time the circuit stays open before it lets calls through again, seconds. */
  readonly resetTimeoutSeconds: number;
  /** Calls allowed while half open. */
  readonly halfOpenMaxCalls: number;
  /** The agent called while the circuit is open; undefined: calls fail. */
  readonly fallback?: AgentRefModel;
}

export type OrchestrationPatternModel =
  | SequentialPatternModel | ParallelPatternModel | FanoutPatternModel
  | PipelinePatternModel | MapReducePatternModel | CircuitBreakerPatternModel;

/** `orchestration-rules.yml`, resolved. */
export interface OrchestrationModel {
  /** Every pattern, sorted by name; `kind` tells them apart. */
  readonly patterns: readonly OrchestrationPatternModel[];
}
