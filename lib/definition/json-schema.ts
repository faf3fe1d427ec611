/**
 * JSON Schemas generated from the zod schemas, for editors (yaml-language-server)
 * and other tools. `npm run schema` writes them to schema/; a test keeps them in sync.
 */
import { z } from 'zod';
import { contextFileSchema } from './schema/context';
import { governanceFileSchema } from './schema/governance';
import { orchestrationFileSchema } from './schema/orchestration';
import { projectFileSchema, tenantFileSchema } from './schema/tenant';
import { workspaceFileSchema } from './schema/workspace';

const FILES = {
  'workspace.schema.json': workspaceFileSchema,
  'governance.schema.json': governanceFileSchema,
  'orchestration-rules.schema.json': orchestrationFileSchema,
  'context.schema.json': contextFileSchema,
  // A file under tenants/ is either a tenant or a project file.
  'tenant.schema.json': z.union([tenantFileSchema, projectFileSchema]).meta({ title: 'OAAS tenant or project file' }),
} as const;

/** File name → JSON text (2-space indented, trailing newline). */
export function jsonSchemaFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, schema] of Object.entries(FILES)) {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-7' });
    out[name] = `${JSON.stringify(json, null, 2)}\n`;
  }
  return out;
}
