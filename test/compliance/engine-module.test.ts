/**
 * The validation engine's module is loaded with its memory reserved in one
 * step, the CDK's plugin uses that same instance, and a reservation that
 * cannot be made leaves the engine as it was.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CloudFormationValidatePlugin } from 'aws-cdk-lib';
import type { IPolicyValidationContext } from 'aws-cdk-lib';
import { ENGINE_MEMORY_RESERVE_BYTES, engineMemory, engineModule, reserve } from '../../lib/compliance/engine-module';

/** The WebAssembly namespace (not declared by the TypeScript libraries the project compiles with). */
const webAssembly = (globalThis as unknown as { WebAssembly: { Instance: (...args: unknown[]) => unknown } }).WebAssembly;

describe('engineModule', () => {
  it('reserves the installed engine\'s memory when it loads it, and restores webAssembly.Instance', () => {
    const instanceBefore = webAssembly.Instance;
    engineModule();
    expect(webAssembly.Instance).toBe(instanceBefore);
    const memory = engineMemory();
    expect(memory.reserved).toBe(true);
    expect(memory.bytes).toBeGreaterThanOrEqual(ENGINE_MEMORY_RESERVE_BYTES);
  });

  it('is the instance the CDK\'s own plugin validates with: it builds no WebAssembly instance of its own', () => {
    engineModule();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-module-'));
    try {
      const templatePath = path.join(dir, 'Stack.template.json');
      fs.writeFileSync(templatePath, JSON.stringify({ Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: {} } } }));
      const built = jest.spyOn(webAssembly, 'Instance');
      const plugin = new CloudFormationValidatePlugin({ includeDefaultRules: true });
      const report = plugin.validate({ templatePaths: [templatePath], stackTemplates: [{ templatePath }] } as unknown as IPolicyValidationContext);
      plugin._dispose();
      expect(report.success).toBe(true);
      expect(built).not.toHaveBeenCalled();
      built.mockRestore();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('reserve', () => {
  const memory = { buffer: new ArrayBuffer(64 * 1024) };

  it('allocates the reserve and frees the same block', () => {
    const free = jest.fn();
    const result = reserve({ memory, __wbindgen_malloc: () => 4096, __wbindgen_free: free }, 1 << 20);
    expect(result).toEqual({ reserved: true, bytes: 64 * 1024 });
    expect(free).toHaveBeenCalledWith(4096, 1 << 20, 8);
  });

  it.each([
    ['returns a null pointer', () => 0],
    ['traps (the memory cannot grow)', () => {
      throw new Error('unreachable');
    }],
  ])('reports no reservation when the allocator %s, and frees nothing', (_case, malloc) => {
    const free = jest.fn();
    expect(reserve({ memory, __wbindgen_malloc: malloc, __wbindgen_free: free }, 1 << 20)).toEqual({ reserved: false, bytes: 64 * 1024 });
    expect(free).not.toHaveBeenCalled();
  });
});
