export * from './add-synth-validation';
export * from './builtin-validation-plugin';
export * from './compliance-rules-plugin';
export * from './control-tower';
export * from './guard-evaluator';
export * from './synth-rules';
