/**
 * Loads `@aws/cloudformation-validate`, the validation engine aws-cdk-lib
 * bundles, for the compliance rules' evaluator and for the CDK's own plugin
 * in the validation workers, and reserves its WebAssembly memory at once.
 *
 * Why reserve: the engine's allocator (Rust's dlmalloc, compiled to
 * WebAssembly) grows the instance's memory a page or a few at a time, and
 * V8 answers each `memory.grow` with a new ArrayBuffer and, as the external
 * memory climbs, a full garbage collection. Building the first engine of a
 * thread grows the memory to about 150 MiB that way: a few thousand grows,
 * hundreds of collections. One allocation of the whole reserve, freed at
 * once, grows the memory in one step; the allocator then serves the engine
 * from that free space, and pages it does not touch are never resident.
 * In a one-off trial on the M workspace's templates, one thread: the CDK's
 * built-in validation took about a fifth less time with the reserve; the
 * first engine's build alone, about a third of the time.
 *
 * The reserve needs the instance's exports, which the package does not
 * export: they are seen as the package instantiates its module, on its
 * first load (`WebAssembly.Instance` is wrapped for that load only). When
 * the package was loaded before, or its exports differ
 * (`__wbindgen_malloc`/`__wbindgen_free`, as wasm-bindgen names them), or
 * the allocation fails, the engine works as it always did; a test checks
 * that the installed version is reserved.
 */
import * as path from 'path';

/** The parts of `@aws/cloudformation-validate` used in this repository. */
export interface ValidateModule {
  readonly CompositeEngine: new (config: { guardRules: Array<{ name: string; content: string }> }) => EngineOfRules;
  readonly TemplateContent: new (content: string, name: string) => unknown;
}

export interface EngineOfRules {
  validateTemplate(template: unknown, config: Record<string, unknown>): { diagnostics: EngineDiagnostic[] };
  free(): void;
}

/** A finding of the engine, as its `STANDARD` report gives it. */
export interface EngineDiagnostic {
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
  readonly propertyPath?: string;
  readonly suggestedFix?: string;
  readonly category?: string;
  readonly entity?: { readonly entityType?: string; readonly logicalId?: string };
}

/**
 * Bytes reserved at load: more than a thread's first engine and the
 * built-in validation of the M workspace's templates grow the memory to
 * without a reserve. Past the reserve, the allocator grows the memory as it
 * always does. Memory the engine does not use stays virtual.
 */
export const ENGINE_MEMORY_RESERVE_BYTES = 256 * 1024 * 1024;

/**
 * The little of the WebAssembly API used here (the TypeScript libraries this
 * project compiles with, ES2022 and Node 20's types, do not declare it).
 */
type Exports = Record<string, unknown>;
interface WebAssemblyApi {
  Instance: new (module: unknown, imports?: unknown) => { readonly exports: Exports };
}
const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

/** The WebAssembly exports the reservation uses (wasm-bindgen's allocator entry points). */
interface AllocatorExports {
  readonly memory: { readonly buffer: ArrayBuffer };
  __wbindgen_malloc(size: number, align: number): number;
  __wbindgen_free(pointer: number, size: number, align: number): void;
}

function isAllocator(exports: Exports): exports is Exports & AllocatorExports {
  const memory = exports.memory as { buffer?: unknown } | undefined;
  return typeof memory?.buffer === 'object'
    && typeof exports.__wbindgen_malloc === 'function' && typeof exports.__wbindgen_free === 'function';
}

/** What loading the engine module did about its memory, for tests and diagnostics. */
export interface EngineMemory {
  /** Whether the reserve was allocated and freed, so the memory grew in one step. */
  readonly reserved: boolean;
  /** Bytes of the instance's memory after the reservation (undefined when its exports were not seen). */
  readonly bytes?: number;
}

let loaded: { module: ValidateModule; memory: EngineMemory } | undefined;

/**
 * The engine module aws-cdk-lib bundles (a bundled dependency, not hoisted),
 * resolved from aws-cdk-lib's folder: the CDK's plugin requires the same file,
 * so a thread compiles its 9 MB WebAssembly module once, and the memory
 * reserved here serves the CDK's engines as well as ours.
 */
export function engineModule(): ValidateModule {
  return load().module;
}

/** What happened to the engine's memory when this thread loaded the module. */
export function engineMemory(): EngineMemory {
  return load().memory;
}

function load(): { module: ValidateModule; memory: EngineMemory } {
  if (!loaded) {
    const cdkRoot = path.dirname(require.resolve('aws-cdk-lib/package.json'));
    const file = require.resolve('@aws/cloudformation-validate', { paths: [cdkRoot] });
    // Loaded before (by the CDK's plugin, say), the package builds no instance now, and none is seen.
    const { result: module, seen } = withInstancesSeen(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return require(file) as ValidateModule;
    });
    const allocator = seen.find(isAllocator);
    loaded = { module, memory: allocator ? reserve(allocator, ENGINE_MEMORY_RESERVE_BYTES) : { reserved: false } };
  }
  return loaded;
}

/** Runs `body` with every `WebAssembly.Instance` built meanwhile collected (the constructor restored after). */
function withInstancesSeen<T>(body: () => T): { result: T; seen: Exports[] } {
  const seen: Exports[] = [];
  const original = webAssembly.Instance;
  webAssembly.Instance = new Proxy(original, {
    construct(target, args, newTarget) {
      const instance = Reflect.construct(target, args, newTarget) as { readonly exports: Exports };
      seen.push(instance.exports);
      return instance;
    },
  });
  try {
    return { result: body(), seen };
  } finally {
    webAssembly.Instance = original;
  }
}

/** Allocates `bytes` and frees them: the memory grows once, and the allocator keeps the space for what follows. */
export function reserve(allocator: AllocatorExports, bytes: number): EngineMemory {
  try {
    const pointer = allocator.__wbindgen_malloc(bytes, 8);
    if (pointer === 0) return { reserved: false, bytes: allocator.memory.buffer.byteLength };
    allocator.__wbindgen_free(pointer, bytes, 8);
    return { reserved: true, bytes: allocator.memory.buffer.byteLength };
  } catch {
    // The allocator could not grow the memory (a limit on virtual memory, say): it stays as it was,
    // and the engine grows it as it needs, as it always does.
    return { reserved: false, bytes: allocator.memory.buffer.byteLength };
  }
}
