/**
 * The control catalogue: `policies/controls/<framework>.yml`, one file per
 * framework, validated here. Each control names the framework's own
 * identifier and clause, its NIST SP 800-53 Rev. 5 pivots (each with where the
 * mapping comes from), and either the technical checks that evidence it or
 * `manual: true` with the evidence the organization must provide. A manual
 * control is never passed automatically.
 */
import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import { FRAMEWORK_IDS } from '../definition/model';
import type { FrameworkId } from '../definition/model';
import { formatPath, locate, parseSource } from '../definition/source';

/** Where the catalogue lives in the package. */
export const CATALOGUE_DIR = path.resolve(__dirname, '..', '..', 'policies', 'controls');

/** A NIST SP 800-53 Rev. 5 control or enhancement: `AU-9`, `SC-7(5)`. */
export const NIST_ID = /^[A-Z]{2}-\d{1,2}(\(\d{1,2}\))?$/;

const nistMapping = z.strictObject({
  id: z.string().regex(NIST_ID, { error: 'expected a NIST SP 800-53 Rev. 5 id like "AU-9" or "SC-7(5)"' }),
  mapping_source: z.string().min(1, { error: 'expected where this mapping comes from ("ours" when it is ours)' }),
});

const evidencedBy = z.strictObject({
  cdk_nag: z.array(z.string().regex(/^(AwsSolutions|HIPAA\.Security|NIST\.800\.53\.R5|PCI\.DSS\.321)-[A-Za-z0-9]+$/, {
    error: 'expected a cdk-nag rule id like "HIPAA.Security-S3DefaultEncryptionKMS"',
  })).default([]),
  control_tower: z.array(z.string().regex(/^CT\.[A-Z0-9-]+\.PR\.\d+$/, { error: 'expected a Control Tower proactive control id like "CT.S3.PR.10"' })).default([]),
});

const control = z.strictObject({
  id: z.string().min(1),
  title: z.string().min(1),
  source: z.string().min(1).meta({ description: 'The document and clause the control comes from.' }),
  critical: z.boolean().default(false).meta({ description: 'In a framework the governance marks critical, a failing critical control fails the gate whatever the score.' }),
  nist_800_53: z.array(nistMapping).default([]),
  checks: z.array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)).min(1).optional(),
  manual: z.literal(true).optional(),
  evidence_required: z.array(z.string().min(1)).min(1).optional()
    .meta({ description: 'For manual controls: what the organization must provide (policies, training records, assessments).' }),
  evidenced_by: evidencedBy.optional()
    .meta({ description: 'Existing rules that evidence the same control: cdk-nag rules and Control Tower proactive controls, related through NIST SP 800-53.' }),
  notes: z.string().optional(),
}).superRefine((c, ctx) => {
  if (c.manual && c.checks) ctx.addIssue({ code: 'custom', path: ['checks'], message: 'expected either checks or manual: true, got both' });
  if (!c.manual && !c.checks) ctx.addIssue({ code: 'custom', path: ['checks'], message: 'expected checks (a list of check ids) or manual: true' });
  if (c.manual && !c.evidence_required) ctx.addIssue({ code: 'custom', path: ['evidence_required'], message: 'expected the evidence the organization must provide for a manual control' });
  if (!c.manual && c.evidence_required) ctx.addIssue({ code: 'custom', path: ['evidence_required'], message: 'evidence_required is for manual controls; automated controls list checks' });
});

export const catalogueFileSchema = z.strictObject({
  framework: z.enum(FRAMEWORK_IDS),
  title: z.string().min(1),
  source: z.string().min(1).meta({ description: 'The framework document (and version) the control ids come from.' }),
  scope: z.string().min(1).meta({ description: 'What infrastructure can evidence of this framework, and what it cannot.' }),
  controls: z.array(control).min(1),
}).superRefine((f, ctx) => {
  const seen = new Set<string>();
  f.controls.forEach((c, i) => {
    if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: ['controls', i, 'id'], message: `expected unique control ids, got "${c.id}" twice` });
    seen.add(c.id);
  });
});

export type FrameworkCatalogue = z.output<typeof catalogueFileSchema>;
export type CatalogueControl = FrameworkCatalogue['controls'][number];
export type Catalogue = Readonly<Partial<Record<FrameworkId, FrameworkCatalogue>>>;

export interface CatalogueProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly path: string;
  readonly message: string;
}

/** Parses and validates one catalogue file; problems are located in the YAML. */
export function parseCatalogueFile(file: string, text: string): { catalogue?: FrameworkCatalogue; problems: CatalogueProblem[] } {
  const source = parseSource(file, text);
  if (source.document.errors.length > 0) {
    return {
      problems: source.document.errors.map((e) => {
        const { line, col } = source.lineCounter.linePos(e.pos[0]);
        return { file, line, column: col, path: '(yaml)', message: e.message.split('\n')[0]! };
      }),
    };
  }
  const result = catalogueFileSchema.safeParse(source.document.toJS());
  if (result.success) return { catalogue: result.data, problems: [] };
  return {
    problems: result.error.issues.map((issue) => {
      const p = issue.path.filter((x): x is string | number => typeof x !== 'symbol');
      const { line, column } = locate(source, p);
      return { file, line, column, path: formatPath(p), message: issue.message };
    }),
  };
}

/** Loads every `<framework>.yml` of the catalogue folder; a file named for one framework must declare that framework. */
export function loadCatalogue(dir: string = CATALOGUE_DIR): { catalogue: Catalogue; problems: CatalogueProblem[] } {
  const catalogue: Partial<Record<FrameworkId, FrameworkCatalogue>> = {};
  const problems: CatalogueProblem[] = [];
  for (const id of FRAMEWORK_IDS) {
    const file = path.join(dir, `${id}.yml`);
    if (!fs.existsSync(file)) {
      problems.push({ file, line: 1, column: 1, path: '(root)', message: `expected the catalogue of ${id}, found no file` });
      continue;
    }
    const parsed = parseCatalogueFile(file, fs.readFileSync(file, 'utf8'));
    problems.push(...parsed.problems);
    if (!parsed.catalogue) continue;
    if (parsed.catalogue.framework !== id) {
      problems.push({ file, line: 1, column: 1, path: 'framework', message: `expected framework "${id}" (the file name), got "${parsed.catalogue.framework}"` });
      continue;
    }
    catalogue[id] = parsed.catalogue;
  }
  return { catalogue, problems };
}

/** The base control of a NIST id, for comparing mappings: `SC-28(1)` → `SC-28`, cdk-nag's `AU-9a` → `AU-9`. */
export function nistBase(id: string): string {
  return /^([A-Z]{2}-\d{1,2})/.exec(id)?.[1] ?? id;
}
