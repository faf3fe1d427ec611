import * as fs from 'fs';
import * as path from 'path';
import { loadCatalogue, nistBase, parseCatalogueFile } from '../../lib/compliance/catalogue';
import type { CatalogueControl } from '../../lib/compliance/catalogue';
import { ALL_CHECKS, CHECKS_BY_ID } from '../../lib/compliance/checks';
import { controlTowerControl } from '../../lib/synth-validation/control-tower';
import { FRAMEWORK_IDS } from '../../lib/definition/model';

const { catalogue, problems } = loadCatalogue();
const controls = FRAMEWORK_IDS.flatMap((fw) => (catalogue[fw]?.controls ?? []).map((c) => ({ fw, c })));

/** Rule → control ids, read from a cdk-nag pack's own rule descriptions ("(Control IDs: ...)"). */
function nagPackControlIds(pack: string): Map<string, string[]> {
  const file = path.join(path.dirname(require.resolve('cdk-nag/package.json')), 'lib', 'packs', `${pack}.js`);
  const source = fs.readFileSync(file, 'utf8');
  const out = new Map<string, string[]>();
  for (const m of source.matchAll(/applyRule\(\{([\s\S]*?)\n {8}\}\);/g)) {
    const body = m[1]!;
    const info = /info: (['"`])([\s\S]*?)\1,\n/.exec(body)?.[2] ?? '';
    const rule = /ruleSuffixOverride: '([^']+)'/.exec(body)?.[1] ?? /rule: [\w.]+\.(\w+)/.exec(body)?.[1];
    const ids = /Control IDs?: (.*)\)\.?\s*$/.exec(info)?.[1];
    if (rule && ids) out.set(rule, ids.split(/,\s*/).map((s) => s.trim()));
  }
  return out;
}

const NAG = {
  'HIPAA.Security': nagPackControlIds('hipaa-security'),
  'NIST.800.53.R5': nagPackControlIds('nist-800-53-r5'),
} as const;

const bases = (ids: readonly string[]) => new Set(ids.map(nistBase));

describe('control catalogue', () => {
  test('every framework file loads against the schema', () => {
    expect(problems).toEqual([]);
    expect(Object.keys(catalogue).sort()).toEqual([...FRAMEWORK_IDS].sort());
  });

  test.each(controls.map(({ fw, c }) => [`${fw} ${c.id}`, c] as const))('%s has an id, a title, a source, and checks or manual evidence', (_name, c: CatalogueControl) => {
    expect(c.id.length).toBeGreaterThan(0);
    expect(c.title.length).toBeGreaterThan(0);
    expect(c.source.length).toBeGreaterThan(0);
    if (c.manual) expect(c.evidence_required!.length).toBeGreaterThan(0);
    else expect(c.checks!.length).toBeGreaterThan(0);
  });

  test('every check a control names exists, and every check is used by some control', () => {
    const used = new Set(controls.flatMap(({ c }) => c.checks ?? []));
    expect([...used].filter((id) => !CHECKS_BY_ID.has(id))).toEqual([]);
    expect(ALL_CHECKS.map((c) => c.id).filter((id) => !used.has(id))).toEqual([]);
  });

  test('every NIST SP 800-53 mapping records its source', () => {
    const missing = controls.flatMap(({ fw, c }) => c.nist_800_53.filter((m) => m.mapping_source.trim() === '').map((m) => `${fw} ${c.id} ${m.id}`));
    expect(missing).toEqual([]);
    expect(controls.filter(({ c }) => c.nist_800_53.length === 0).map(({ fw, c }) => `${fw} ${c.id}`)).toEqual([]);
  });

  test('SOX, GDPR, the EU AI Act, ISO 42001 and the AI RMF say their mappings are ours', () => {
    for (const fw of ['sox', 'gdpr', 'eu_ai_act', 'iso_42001', 'nist_ai_rmf'] as const) {
      const sources = new Set(catalogue[fw]!.controls.flatMap((c) => c.nist_800_53.map((m) => m.mapping_source)));
      expect([...sources]).toEqual(['ours']);
    }
    expect(catalogue.sox!.source).toMatch(/ours/);
  });

  test('every cdk-nag rule a control is evidenced by exists, and covers the control (HIPAA id, or a shared NIST SP 800-53 control)', () => {
    const wrong: string[] = [];
    for (const { fw, c } of controls) {
      for (const id of c.evidenced_by?.cdk_nag ?? []) {
        const [pack, rule] = id.split('-') as [keyof typeof NAG, string];
        const ids = NAG[pack]?.get(rule);
        if (!ids) { wrong.push(`${fw} ${c.id}: ${id} is not a rule of the pack`); continue; }
        if (pack === 'HIPAA.Security') {
          if (fw !== 'hipaa' || !ids.includes(c.id)) wrong.push(`${fw} ${c.id}: ${id} covers ${ids.join(', ')}`);
        } else if (![...bases(ids)].some((b) => bases(c.nist_800_53.map((m) => m.id)).has(b))) {
          wrong.push(`${fw} ${c.id}: ${id} maps to ${ids.join(', ')}, none of the control's NIST ids`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  test('every Control Tower control a control is evidenced by is bundled and shares a NIST SP 800-53 control with it', () => {
    const wrong: string[] = [];
    for (const { fw, c } of controls) {
      for (const id of c.evidenced_by?.control_tower ?? []) {
        const ct = controlTowerControl(id);
        if (![...bases(ct.nist80053)].some((b) => bases(c.nist_800_53.map((m) => m.id)).has(b))) wrong.push(`${fw} ${c.id}: ${id} maps to ${ct.nist80053.join(', ')}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test('critical controls exist in every framework with automated controls, and HIPAA names the Security Rule clauses of the issue', () => {
    const hipaa = catalogue.hipaa!.controls.map((c) => c.id);
    expect(hipaa).toEqual(expect.arrayContaining(['164.312(a)(2)(iv)', '164.312(b)', '164.312(e)(1)', '164.308(a)(7)(ii)(A)']));
    expect(catalogue.iso_27001!.controls.map((c) => c.id)).toEqual(expect.arrayContaining(['A.8.15', 'A.8.24', 'A.8.20', 'A.8.13', 'A.5.15']));
    expect(catalogue.gdpr!.controls.map((c) => c.id)).toEqual(expect.arrayContaining(['Art. 32(1)(a)', 'Art. 5(1)(f)', 'Art. 44']));
    expect(catalogue.eu_ai_act!.controls.find((c) => c.id === 'Art. 14')!.manual).toBe(true);
  });
});

describe('catalogue schema', () => {
  const file = (control: string) => `framework: sox\ntitle: t\nsource: s\nscope: x\ncontrols:\n${control}`;
  test.each([
    ['neither checks nor manual', '  - { id: A, title: t, source: s }', /expected checks/],
    ['both checks and manual', '  - { id: A, title: t, source: s, checks: [kms-key-rotation], manual: true, evidence_required: [x] }', /either checks or manual/],
    ['manual without evidence', '  - { id: A, title: t, source: s, manual: true }', /evidence the organization must provide/],
    ['mapping without source', '  - { id: A, title: t, source: s, checks: [kms-key-rotation], nist_800_53: [{ id: AU-9, mapping_source: "" }] }', /where this mapping comes from/],
    ['malformed NIST id', '  - { id: A, title: t, source: s, checks: [kms-key-rotation], nist_800_53: [{ id: AU9, mapping_source: ours }] }', /NIST SP 800-53/],
    ['unknown key', '  - { id: A, title: t, source: s, checks: [kms-key-rotation], owner: me }', /owner|Unrecognized/i],
    ['duplicate id', '  - { id: A, title: t, source: s, checks: [kms-key-rotation] }\n  - { id: A, title: u, source: s, checks: [kms-key-rotation] }', /unique control ids/],
  ])('rejects a control with %s, located in the file', (_name, control, message) => {
    const result = parseCatalogueFile('sox.yml', file(control));
    expect(result.catalogue).toBeUndefined();
    expect(result.problems.map((p) => p.message).join('\n')).toMatch(message);
    expect(result.problems[0]!.line).toBeGreaterThanOrEqual(6);
  });
});
