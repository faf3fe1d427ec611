/**
 * Table of bad workspaces, each made by one small edit of an example. Every
 * row checks that nothing is generated and that the problem is reported with
 * its code, file, line, column and YAML path. Line and column numbers were
 * counted by hand from the example files (listed in each row's comment), so a
 * change to an example that moves them fails here on purpose.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { renderOutProblem } from '../../lib/cli/render';
import { reportOutProblem } from '../../lib/cli/report-output';
import { CODES } from '../../lib/definition/diagnostics';
import type { Diagnostic } from '../../lib/definition/diagnostics';
import { loadWorkspace } from '../../lib/definition/loader';
import { PACKAGE_ROOT } from '../../lib/fs/output-folder';
import { renderManifests } from '../../lib/k8s/render';
import { copyFolder } from '../helpers/hostile';
import { EXAMPLES, exampleTexts, loadTexts } from '../helpers/workspace';

type Example = 'starter' | 'enterprise';

const originals: Record<Example, Record<string, string>> = {
  starter: exampleTexts('starter'),
  enterprise: exampleTexts('enterprise'),
};

/** A copy of an example's texts with helpers for precise edits. */
class Edit {
  readonly texts: Record<string, string>;

  constructor(example: Example) {
    this.texts = { ...originals[example] };
  }

  private text(file: string): string {
    const text = this.texts[file];
    if (text === undefined) throw new Error(`no file ${file} in the example`);
    return text;
  }

  /** Replaces `from`, which must occur exactly once, so the fixture cannot drift unnoticed. */
  replace(file: string, from: string, to: string): this {
    const text = this.text(file);
    const count = text.split(from).length - 1;
    if (count !== 1) throw new Error(`expected "${from}" once in ${file}, found it ${count} times`);
    this.texts[file] = text.replace(from, () => to);
    return this;
  }

  /** Inserts lines after line `line` (1-based). */
  insertAfter(file: string, line: number, lines: string): this {
    const all = this.text(file).split('\n');
    all.splice(line, 0, ...lines.split('\n'));
    this.texts[file] = all.join('\n');
    return this;
  }

  /** Edits with the yaml Document API, which keeps comments and flow style. */
  document(file: string, change: (doc: Document) => void): this {
    const doc = parseDocument(this.text(file));
    change(doc);
    this.texts[file] = doc.toString();
    return this;
  }

  set(file: string, text: string): this {
    this.texts[file] = text;
    return this;
  }

  remove(file: string): this {
    this.text(file);
    delete this.texts[file];
    return this;
  }
}

interface Expected {
  readonly code: string;
  readonly file: string;
  readonly line: number;
  readonly column?: number;
  readonly path: string;
  readonly message?: RegExp;
  readonly hint?: RegExp;
}

interface Row {
  readonly name: string;
  readonly from?: Example;
  readonly edit: (e: Edit) => unknown;
  readonly expected: Expected;
  /** How many errors the edit causes in all; 1 unless a second problem follows from the same edit. */
  readonly errors?: number;
}

const LONG_PROJECT = 'p'.repeat(60);

const rows: Row[] = [
  // ------------------------------------------------------------ files and YAML
  {
    name: 'malformed YAML: an unclosed flow sequence',
    // tenants/web.yml line 4 "team: web"; the parser notices at the start of line 5.
    edit: (e) => e.replace('tenants/web.yml', 'team: web', 'team: [web'),
    expected: { code: CODES.yamlSyntax, file: 'tenants/web.yml', line: 5, column: 1, path: 'team', message: /expected valid YAML: Flow sequence/ },
  },
  {
    name: 'a duplicate top-level key',
    edit: (e) => e.replace('tenants/web.yml', 'team: web\n', 'team: web\nteam: data\n'),
    expected: { code: CODES.yamlSyntax, file: 'tenants/web.yml', line: 5, column: 1, path: 'team', message: /Map keys must be unique/, hint: /Remove or rename the repeated key/ },
  },
  {
    name: 'a duplicate nested key',
    // workspace.yml line 29 "          max_size: 4"; the repeat is line 30, column 11.
    edit: (e) => e.replace('workspace.yml', '          max_size: 4\n', '          max_size: 4\n          max_size: 5\n'),
    expected: { code: CODES.yamlSyntax, file: 'workspace.yml', line: 30, column: 11, path: 'environments[0].cluster.node_pools[0].max_size', message: /Map keys must be unique/ },
  },
  {
    name: 'tabs used for indentation',
    // workspace.yml line 17 "        vpc_cidr: ..." indented with a tab instead.
    edit: (e) => e.replace('workspace.yml', '        vpc_cidr: 10.0.0.0/16', '\tvpc_cidr: 10.0.0.0/16'),
    expected: { code: CODES.yamlSyntax, file: 'workspace.yml', line: 17, column: 1, path: 'environments[0].regions[0]', hint: /Indent with spaces/ },
    errors: 7,
  },
  {
    name: 'an alias without its anchor',
    edit: (e) => e.replace('tenants/web.yml', 'team: web', 'team: *web'),
    expected: { code: CODES.yamlSyntax, file: 'tenants/web.yml', line: 4, column: 7, path: 'team', message: /alias to an anchor/, hint: /Define &web/ },
  },
  {
    name: 'an empty file',
    edit: (e) => e.set('governance.yml', ''),
    expected: { code: CODES.notAMapping, file: 'governance.yml', line: 1, column: 1, path: '(root)', message: /got an empty file/ },
  },
  {
    name: 'a file with only comments',
    edit: (e) => e.set('context.yml', '# defaults come later\n'),
    expected: { code: CODES.notAMapping, file: 'context.yml', line: 1, column: 1, path: '(root)', message: /got an empty file/ },
  },
  {
    name: 'a top-level list',
    // The list starts on line 2, after the modeline comment.
    edit: (e) => e.set('tenants/web.yml', '# yaml-language-server: $schema=../../../schema/tenant.schema.json\n- tenant_id: web\n  team: web\n'),
    expected: { code: CODES.notAMapping, file: 'tenants/web.yml', line: 2, column: 1, path: '(root)', message: /got a list/ },
  },
  {
    name: 'the workspace file is missing',
    edit: (e) => e.remove('workspace.yml'),
    expected: { code: CODES.fileMissing, file: 'workspace.yml', line: 1, column: 1, path: '(root)', hint: /Create workspace.yml/ },
  },

  // ------------------------------------------------------------ wrong types
  {
    name: 'an account id written as a number',
    // workspace.yml line 13 "    account: ..." → value at column 14.
    edit: (e) => e.replace('workspace.yml', 'account: "222222222222"', 'account: 222222222222'),
    expected: { code: CODES.wrongType, file: 'workspace.yml', line: 13, column: 14, path: 'environments[0].account', message: /12-digit AWS account id in quotes, got number 222222222222/, hint: /Quote it/ },
  },
  {
    name: 'a Kubernetes version YAML reads as a number',
    // workspace.yml line 24 "      kubernetes_version: " → column 27.
    edit: (e) => e.replace('workspace.yml', 'kubernetes_version: "1.33"', 'kubernetes_version: 1.30'),
    expected: { code: CODES.wrongType, file: 'workspace.yml', line: 24, column: 27, path: 'environments[0].cluster.kubernetes_version', message: /got number 1.3$/, hint: /1.30 becomes 1.3/ },
  },
  {
    name: 'a quoted number',
    // context.yml line 5 "      max_agents: " → column 19.
    edit: (e) => e.replace('context.yml', 'max_agents: 10', 'max_agents: "10"'),
    expected: { code: CODES.wrongType, file: 'context.yml', line: 5, column: 19, path: 'defaults.tenant.resource_limits.max_agents', message: /expected a number, got "10"/, hint: /Remove the quotes/ },
  },
  {
    name: '"yes" for a boolean',
    // workspace.yml line 36 "    mfa_required: " → column 19.
    edit: (e) => e.replace('workspace.yml', 'mfa_required: true', 'mfa_required: yes'),
    expected: { code: CODES.wrongType, file: 'workspace.yml', line: 36, column: 19, path: 'security.authentication.mfa_required', message: /expected true or false, got "yes"/, hint: /YAML 1.2 reads "yes" as a string/ },
  },
  {
    name: 'a string where a list belongs',
    // tenants/web.yml line 5 "compliance_requirements: " → column 26.
    edit: (e) => e.replace('tenants/web.yml', 'compliance_requirements: [GDPR]', 'compliance_requirements: GDPR'),
    expected: { code: CODES.wrongType, file: 'tenants/web.yml', line: 5, column: 26, path: 'compliance_requirements', message: /expected a list, got "GDPR"/ },
  },
  {
    name: 'a word where a number belongs (Document API edit inside a flow mapping)',
    // tenants/data.yml line 16 "        replicas: { min: 2, max: 4 }" → max's value at column 34.
    edit: (e) => e.document('tenants/data.yml', (doc) => doc.setIn(['projects', 0, 'agents', 0, 'replicas', 'max'], 'four')),
    expected: { code: CODES.wrongType, file: 'tenants/data.yml', line: 16, column: 34, path: 'projects[0].agents[0].replicas.max', message: /expected a number, got "four"/, hint: /Write a number here/ },
  },
  {
    name: 'disaster_recovery that is neither objectives nor a mapping',
    // workspace.yml line 19 "    disaster_recovery: " → column 24.
    edit: (e) => e.replace('workspace.yml', 'disaster_recovery: "24h RTO, 12h RPO"', 'disaster_recovery: 5'),
    expected: { code: CODES.wrongType, file: 'workspace.yml', line: 19, column: 24, path: 'environments[0].disaster_recovery', message: /recovery objectives like "4h RTO, 1h RPO" or a mapping with rto and rpo, got number 5/, hint: /object form \{ rto, rpo \}/ },
  },
  {
    name: 'data_residency with an unknown word',
    // workspace.yml lines 20-22 become "    data_residency: everywhere" → column 21.
    edit: (e) => e.replace('workspace.yml', 'data_residency:\n      mode: enforced\n      allowed_regions: [eu-west-1]', 'data_residency: everywhere'),
    expected: { code: CODES.invalidValue, file: 'workspace.yml', line: 20, column: 21, path: 'environments[0].data_residency', message: /expected one of "enforced", "advisory", got "everywhere"/, hint: /Allowed values: "enforced", "advisory"/ },
  },
  {
    name: 'data_residency mapping with an unknown key is judged as a mapping, not as the word form',
    // A key inserted after line 21 "      mode: enforced" → line 22, column 7.
    edit: (e) => e.insertAfter('workspace.yml', 21, '      strict: true'),
    expected: { code: CODES.unknownKey, file: 'workspace.yml', line: 22, column: 7, path: 'environments[0].data_residency.strict', hint: /Allowed keys: "mode", "allowed_regions"/ },
  },
  {
    name: 'an egress endpoint written as a bare CIDR',
    // context.yml lines 23-25 become "  model-apis: 10.0.0.0/16" → column 15.
    edit: (e) => e.replace('context.yml', 'model-apis:\n    cidrs: [10.0.0.0/16]\n    ports: [443]', 'model-apis: 10.0.0.0/16'),
    expected: { code: CODES.wrongType, file: 'context.yml', line: 23, column: 15, path: 'endpoints.model-apis', message: /a mapping with cidrs and ports or a mapping with namespace and ports/ },
  },

  // ------------------------------------------------------------ missing keys
  {
    name: 'a missing required string',
    // workspace.yml line 8 removed; the organization mapping starts at line 4, column 3.
    edit: (e) => e.replace('workspace.yml', '  cost_center: CC-100\n', ''),
    expected: { code: CODES.missingKey, file: 'workspace.yml', line: 4, column: 3, path: 'organization.cost_center', message: /the required key "cost_center" is missing/, hint: /Add "cost_center:" to organization/ },
  },
  {
    name: 'a missing required top-level key',
    // tenants/web.yml: the root mapping starts at line 2, column 1.
    edit: (e) => e.replace('tenants/web.yml', 'team: web\n', ''),
    expected: { code: CODES.missingKey, file: 'tenants/web.yml', line: 2, column: 1, path: 'team', hint: /Add "team:" to the top of the file/ },
  },
  {
    name: 'a missing rpo in the object form of disaster_recovery',
    // enterprise workspace.yml line 33 "      rpo: 4h" removed; the mapping starts at line 32, column 7.
    from: 'enterprise',
    edit: (e) => e.replace('workspace.yml', '      rpo: 4h\n', ''),
    expected: { code: CODES.missingKey, file: 'workspace.yml', line: 32, column: 7, path: 'environments[0].disaster_recovery.rpo', message: /expected a duration like "30s".*the required key "rpo" is missing/ },
  },
  {
    name: 'a missing budget amount',
    // governance.yml line 77 removed; budgets now starts with "monthly" at line 77, column 3.
    edit: (e) => e.replace('governance.yml', '  daily: "$50"\n', ''),
    expected: { code: CODES.missingKey, file: 'governance.yml', line: 77, column: 3, path: 'budgets.daily', message: /expected an amount in US dollars/ },
  },
  {
    name: 'a missing choice',
    // context.yml line 12 removed; security_policies starts at line 10, column 7.
    edit: (e) => e.replace('context.yml', '      audit_logging: standard\n', ''),
    expected: { code: CODES.missingKey, file: 'context.yml', line: 10, column: 7, path: 'defaults.tenant.security_policies.audit_logging', message: /expected one of "basic", "standard", "comprehensive"/ },
  },
  {
    name: 'a missing agent image (Document API delete)',
    // tenants/data.yml: the agent mapping starts at line 13, column 9 ("      - name: analyst").
    edit: (e) => e.document('tenants/data.yml', (doc) => doc.deleteIn(['projects', 0, 'agents', 0, 'image'])),
    expected: { code: CODES.missingKey, file: 'tenants/data.yml', line: 13, column: 9, path: 'projects[0].agents[0].image', message: /pinned container image/ },
  },

  // ------------------------------------------------------------ unknown keys
  {
    name: 'a misspelt top-level key suggests the right one',
    edit: (e) => e.replace('tenants/web.yml', 'team: web', 'teem: web'),
    expected: { code: CODES.unknownKey, file: 'tenants/web.yml', line: 4, column: 1, path: 'teem', message: /unknown key "teem"/, hint: /^Did you mean "team"\?$/ },
  },
  {
    name: 'a misspelt nested key suggests the right one',
    // workspace.yml line 17 "        vpc_cidr" → the key at column 9.
    edit: (e) => e.replace('workspace.yml', 'vpc_cidr: 10.0.0.0/16', 'vpc_cdir: 10.0.0.0/16'),
    expected: { code: CODES.unknownKey, file: 'workspace.yml', line: 17, column: 9, path: 'environments[0].regions[0].vpc_cdir', hint: /^Did you mean "vpc_cidr"\?$/ },
  },
  {
    name: 'an unknown compliance framework suggests a known one',
    // governance.yml line 4 "    iso_27001: ..." → the key at column 5.
    edit: (e) => e.replace('governance.yml', 'iso_27001: { enabled: true }', 'iso27001: { enabled: true }'),
    expected: { code: CODES.unknownKey, file: 'governance.yml', line: 4, column: 5, path: 'compliance.frameworks.iso27001', hint: /^Did you mean "iso_27001"\?$/ },
  },
  {
    name: 'a record key that is not a Kubernetes name points at the key',
    // governance.yml line 80 "    web: ..." → the key at column 5.
    edit: (e) => e.replace('governance.yml', 'web: "$800"', 'Web_Team: "$800"'),
    expected: { code: CODES.invalidValue, file: 'governance.yml', line: 80, column: 5, path: 'budgets.per_team.Web_Team', message: /a key that is a Kubernetes name.*got "Web_Team"/, hint: /replace "_"/ },
  },

  // ------------------------------------------------------------ units
  {
    name: 'money in euros',
    // governance.yml line 77 "  daily: " → column 10.
    edit: (e) => e.replace('governance.yml', 'daily: "$50"', 'daily: "€50"'),
    expected: { code: CODES.invalidValue, file: 'governance.yml', line: 77, column: 10, path: 'budgets.daily', message: /got "€50"/, hint: /Only US dollars/ },
  },
  {
    name: 'money abbreviated with k',
    // governance.yml line 78 "  monthly: " → column 12.
    edit: (e) => e.replace('governance.yml', 'monthly: "$1,500"', 'monthly: 1.5k'),
    expected: { code: CODES.invalidValue, file: 'governance.yml', line: 78, column: 12, path: 'budgets.monthly', hint: /Write the full amount/ },
  },
  {
    name: 'a size without a unit',
    // context.yml line 7 "      storage_quota: " → column 22.
    edit: (e) => e.replace('context.yml', 'storage_quota: 50Gi', 'storage_quota: 50'),
    expected: { code: CODES.invalidValue, file: 'context.yml', line: 7, column: 22, path: 'defaults.tenant.resource_limits.storage_quota', hint: /A bare number has no unit: write "50Gi" or "50GB"/ },
  },
  {
    name: 'a size in bits',
    // tenants/data.yml line 9 "  storage_quota: " → column 18.
    edit: (e) => e.replace('tenants/data.yml', 'storage_quota: 200Gi', 'storage_quota: 200gb'),
    expected: { code: CODES.invalidValue, file: 'tenants/data.yml', line: 9, column: 18, path: 'resource_limits.storage_quota', hint: /reads as bits; use bytes: "200GB"/ },
  },
  {
    name: 'a duration in months',
    // governance.yml line 44 "        timeout: " → column 18.
    edit: (e) => e.replace('governance.yml', 'timeout: 48 hours', 'timeout: 2 months'),
    expected: { code: CODES.invalidValue, file: 'governance.yml', line: 44, column: 18, path: 'approval_workflows.agent_creation.stages[0].timeout', hint: /Months vary in length/ },
  },
  {
    name: 'a duration without a unit',
    // orchestration-rules.yml line 13 "      reset_timeout: " → column 22.
    edit: (e) => e.replace('orchestration-rules.yml', 'reset_timeout: 30s', 'reset_timeout: 30'),
    expected: { code: CODES.invalidValue, file: 'orchestration-rules.yml', line: 13, column: 22, path: 'orchestration_patterns.circuit_breaker[0].reset_timeout', hint: /write "30s" or "30h"/ },
  },
  {
    name: 'recovery objectives without the RPO',
    edit: (e) => e.replace('workspace.yml', '"24h RTO, 12h RPO"', '"24h RTO"'),
    expected: { code: CODES.invalidValue, file: 'workspace.yml', line: 19, column: 24, path: 'environments[0].disaster_recovery', hint: /Give both an RTO and an RPO/ },
  },
  {
    name: 'a rate without its period',
    // context.yml line 8 "      compute_quota: " → column 22.
    edit: (e) => e.replace('context.yml', 'compute_quota: 200 CPU hours/month', 'compute_quota: 200 CPU hours'),
    expected: { code: CODES.invalidValue, file: 'context.yml', line: 8, column: 22, path: 'defaults.tenant.resource_limits.compute_quota', hint: /an amount, what is counted and a period/ },
  },
  {
    name: 'a compute quota that does not count CPU hours',
    edit: (e) => e.replace('context.yml', 'compute_quota: 200 CPU hours/month', 'compute_quota: 200 GPU hours/month'),
    expected: { code: CODES.invalidValue, file: 'context.yml', line: 8, column: 22, path: 'defaults.tenant.resource_limits.compute_quota', message: /a compute quota in CPU hours/ },
  },
  {
    name: 'a percentage written as a ratio',
    // governance.yml line 6 "  score_threshold: " → column 20.
    edit: (e) => e.replace('governance.yml', 'score_threshold: 95%', 'score_threshold: 0.95'),
    expected: { code: CODES.invalidValue, file: 'governance.yml', line: 6, column: 20, path: 'compliance.score_threshold', hint: /Write "95%" \(if 0.95 is a ratio\) or "0.95%"/ },
  },
  {
    name: 'a CPU amount that is not a quantity',
    // tenants/data.yml line 15 "        resources: { cpu: " → column 27.
    edit: (e) => e.replace('tenants/data.yml', 'cpu: 500m', 'cpu: lots'),
    expected: { code: CODES.invalidValue, file: 'tenants/data.yml', line: 15, column: 27, path: 'projects[0].agents[0].resources.cpu', message: /a CPU amount like "500m"/ },
  },

  // ------------------------------------------------------------ AWS identifiers and networks
  {
    name: 'an account id of 11 digits',
    // workspace.yml line 6 "  management_account: " → column 23.
    edit: (e) => e.replace('workspace.yml', 'management_account: "111111111111"', 'management_account: "11111111111"'),
    expected: { code: CODES.invalidValue, file: 'workspace.yml', line: 6, column: 23, path: 'organization.management_account', message: /a 12-digit AWS account id/, hint: /exactly 12 digits/ },
  },
  {
    name: 'a region written as its display name',
    // workspace.yml line 15 "      - region: " → column 17.
    edit: (e) => e.replace('workspace.yml', '- region: eu-west-1', '- region: Ireland'),
    expected: { code: CODES.invalidValue, file: 'workspace.yml', line: 15, column: 17, path: 'environments[0].regions[0].region', hint: /region code, not its display name/ },
  },
  {
    name: 'an availability zone of another region',
    // workspace.yml line 16 "        availability_zones: [eu-west-1a, " → the second zone at column 42.
    edit: (e) => e.replace('workspace.yml', 'eu-west-1b]', 'eu-west-2b]'),
    expected: { code: CODES.zoneOutsideRegion, file: 'workspace.yml', line: 16, column: 42, path: 'environments[0].regions[0].availability_zones[1]', message: /availability zone of eu-west-1, got "eu-west-2b"/ },
  },
  {
    name: 'a single availability zone',
    // workspace.yml line 16 "        availability_zones: " → column 29.
    edit: (e) => e.replace('workspace.yml', '[eu-west-1a, eu-west-1b]', '[eu-west-1a]'),
    expected: { code: CODES.outOfRange, file: 'workspace.yml', line: 16, column: 29, path: 'environments[0].regions[0].availability_zones', hint: /two or more zones/ },
  },
  {
    name: 'a CIDR with an octet above 255',
    // workspace.yml line 17 "        vpc_cidr: " → column 19.
    edit: (e) => e.replace('workspace.yml', 'vpc_cidr: 10.0.0.0/16', 'vpc_cidr: 10.0.0.300/16'),
    expected: { code: CODES.invalidValue, file: 'workspace.yml', line: 17, column: 19, path: 'environments[0].regions[0].vpc_cidr', message: /an octet is above 255/ },
  },
  {
    name: 'a CIDR with host bits set',
    edit: (e) => e.replace('workspace.yml', 'vpc_cidr: 10.0.0.0/16', 'vpc_cidr: 10.0.1.0/16'),
    expected: { code: CODES.invalidValue, file: 'workspace.yml', line: 17, column: 19, path: 'environments[0].regions[0].vpc_cidr', hint: /Write the network address: "10.0.0.0\/16"/ },
  },
  {
    name: 'an address without a prefix length',
    edit: (e) => e.replace('workspace.yml', 'vpc_cidr: 10.0.0.0/16', 'vpc_cidr: 10.0.0.0'),
    expected: { code: CODES.invalidValue, file: 'workspace.yml', line: 17, column: 19, path: 'environments[0].regions[0].vpc_cidr', message: /an IPv4 CIDR block like "10.0.0.0\/16"/ },
  },
  {
    name: 'overlapping VPC CIDRs within an environment',
    // enterprise workspace.yml line 24 "        vpc_cidr: " (staging eu-west-1) → column 19.
    from: 'enterprise',
    edit: (e) => e.replace('workspace.yml', 'vpc_cidr: 10.21.0.0/16', 'vpc_cidr: 10.20.128.0/17'),
    expected: { code: CODES.cidrOverlap, file: 'workspace.yml', line: 24, column: 19, path: 'environments[0].regions[1].vpc_cidr', message: /overlaps "10.20.0.0\/16"/, hint: /environments\[0\]\.regions\[0\]\.vpc_cidr/ },
  },
  {
    name: 'a VPC too small for three subnet tiers in every zone',
    // starter workspace.yml line 17 "        vpc_cidr: " → column 19; six zones × three tiers of a /24 would be /29 each.
    from: 'starter',
    edit: (e) => e
      .replace('workspace.yml', 'availability_zones: [eu-west-1a, eu-west-1b]', 'availability_zones: [eu-west-1a, eu-west-1b, eu-west-1c, eu-west-1d, eu-west-1e, eu-west-1f]')
      .replace('workspace.yml', 'vpc_cidr: 10.0.0.0/16', 'vpc_cidr: 10.0.0.0/24'),
    expected: { code: CODES.outOfRange, file: 'workspace.yml', line: 17, column: 19, path: 'environments[0].regions[0].vpc_cidr', message: /each subnet would be \/29/, hint: /\/23 or wider/ },
  },
  {
    name: 'team budgets over an environment\'s own monthly budget',
    // enterprise workspace.yml line 58 "      monthly: " (staging) → column 16; without staging's per_team the governance teams ($30,000) apply.
    from: 'enterprise',
    edit: (e) => e.replace('workspace.yml', '      per_team:\n        engineering: "$3,600"\n        data-science: "$3,600"\n        security: "$900"\n        operations: "$900"\n', ''),
    expected: { code: CODES.budgetExceeded, file: 'workspace.yml', line: 58, column: 16, path: 'environments[0].budgets.monthly', message: /team budgets of staging \(\$30,000\) to fit its monthly budget, got \$9,000/ },
  },
  {
    name: 'an environment team budget for an unknown team',
    // enterprise workspace.yml line 60 "        engineering: " → column 22 (the value of the renamed key).
    from: 'enterprise',
    edit: (e) => e.replace('workspace.yml', '        engineering: "$3,600"', '        enginering: "$3,600"'),
    expected: { code: CODES.danglingReference, file: 'workspace.yml', line: 60, column: 21, path: 'environments[0].budgets.per_team.enginering', hint: /Did you mean "engineering"\?/ },
  },
  {
    name: 'a tenant named after a namespace the platform owns',
    // starter tenants/web.yml line 2 "tenant_id: " → column 12.
    from: 'starter',
    edit: (e) => e.replace('tenants/web.yml', 'tenant_id: web', 'tenant_id: argocd'),
    // The two orchestration steps that name web/ agents are reported too.
    errors: 3,
    expected: { code: CODES.duplicateName, file: 'tenants/web.yml', line: 2, column: 12, path: 'tenant_id', message: /namespace the platform does not own, got "argocd"/ },
  },
  {
    name: 'a tenant whose namespace collides with another tenant\'s project namespace',
    // enterprise payments splits namespaces per project (payments-fraud); a tenant "payments-fraud" collides, reported at payments.yml line 2 → column 12.
    from: 'enterprise',
    edit: (e) => e.replace('tenants/eu-services.yml', 'tenant_id: eu-services', 'tenant_id: payments-fraud'),
    expected: { code: CODES.duplicateName, file: 'tenants/payments.yml', line: 2, column: 12, path: 'tenant_id', message: /"payments-fraud", which tenant "payments-fraud" also renders/ },
  },
  {
    name: 'overlapping VPC CIDRs across environments',
    // enterprise workspace.yml line 73 (production us-east-1) reuses staging ap-southeast-1's range (line 28).
    from: 'enterprise',
    edit: (e) => e.replace('workspace.yml', 'vpc_cidr: 10.30.0.0/16', 'vpc_cidr: 10.22.0.0/16'),
    expected: { code: CODES.cidrOverlap, file: 'workspace.yml', line: 73, column: 19, path: 'environments[1].regions[0].vpc_cidr', hint: /environments\[0\]\.regions\[2\]\.vpc_cidr/ },
  },
  {
    name: 'a public API endpoint without an allow-list',
    // Inserted as line 25; with no allow_list the error points at the endpoint_access mapping, column 24.
    edit: (e) => e.insertAfter('workspace.yml', 24, '      endpoint_access: { public: true }'),
    expected: { code: CODES.missingKey, file: 'workspace.yml', line: 25, column: 24, path: 'environments[0].cluster.endpoint_access.allow_list', hint: /set public: false/ },
  },
  {
    name: 'an allow-list of the whole internet',
    // Inserted as line 25; the allow_list flow sequence starts at column 52.
    edit: (e) => e.insertAfter('workspace.yml', 24, '      endpoint_access: { public: true, allow_list: [0.0.0.0/0] }'),
    expected: { code: CODES.invalidValue, file: 'workspace.yml', line: 25, column: 52, path: 'environments[0].cluster.endpoint_access.allow_list', message: /covers at most 16,777,216 addresses \(a \/8\) together, got 4,294,967,296 \(the whole IPv4 internet\)/ },
  },

  // ------------------------------------------------------------ data residency
  {
    name: 'an environment region outside its residency rule',
    // enterprise workspace.yml line 26 "      - region: ap-southeast-1" → column 17.
    from: 'enterprise',
    edit: (e) => e.replace('workspace.yml', 'mode: enforced\n      allowed_regions: [us-east-1, eu-west-1, ap-southeast-1]\n    cluster:\n      kubernetes_version: "1.33"\n      node_pools:\n        - name: general\n          instance_types: [m7i.xlarge',
      'mode: enforced\n      allowed_regions: [us-east-1, eu-west-1]\n    cluster:\n      kubernetes_version: "1.33"\n      node_pools:\n        - name: general\n          instance_types: [m7i.xlarge'),
    expected: { code: CODES.residencyViolation, file: 'workspace.yml', line: 26, column: 17, path: 'environments[0].regions[2].region', message: /allowed by the data residency rule \(us-east-1, eu-west-1\)/ },
  },
  {
    name: 'a DR region outside the residency rule',
    // Staging allows us-east-1 and ap-southeast-1 only: us-east-1 (line 21, column 20) replicates to eu-west-1.
    from: 'enterprise',
    edit: (e) => e.replace('workspace.yml', 'allowed_regions: [us-east-1, eu-west-1, ap-southeast-1]\n    cluster:\n      kubernetes_version: "1.33"\n      node_pools:\n        - name: general\n          instance_types: [m7i.xlarge',
      'allowed_regions: [us-east-1, ap-southeast-1]\n    cluster:\n      kubernetes_version: "1.33"\n      node_pools:\n        - name: general\n          instance_types: [m7i.xlarge'),
    expected: { code: CODES.residencyViolation, file: 'workspace.yml', line: 21, column: 20, path: 'environments[0].regions[0].dr_region', hint: /Replicas are data too/ },
    // eu-west-1 itself (line 22) and the eu-services tenant pinned to it are outside the rule too.
    errors: 3,
  },
  {
    name: 'a tenant region outside an environment\'s residency rule',
    // With staging limited to us-east-1 and eu-west-1, eu-services pinned to ap-southeast-1 (tenants/eu-services.yml line 7, column 11).
    from: 'enterprise',
    edit: (e) => e
      .replace('workspace.yml', 'allowed_regions: [us-east-1, eu-west-1, ap-southeast-1]\n    cluster:\n      kubernetes_version: "1.33"\n      node_pools:\n        - name: general\n          instance_types: [m7i.xlarge',
        'allowed_regions: [us-east-1, eu-west-1]\n    cluster:\n      kubernetes_version: "1.33"\n      node_pools:\n        - name: general\n          instance_types: [m7i.xlarge')
      .replace('tenants/eu-services.yml', 'regions: [eu-west-1]', 'regions: [ap-southeast-1]'),
    expected: { code: CODES.residencyViolation, file: 'tenants/eu-services.yml', line: 7, column: 11, path: 'regions[0]', message: /allowed by staging's data residency/ },
    errors: 2,
  },
  {
    name: 'a tenant region that no environment of the tenant has',
    from: 'enterprise',
    edit: (e) => e.replace('tenants/eu-services.yml', 'regions: [eu-west-1]', 'regions: [eu-central-1]'),
    expected: { code: CODES.danglingReference, file: 'tenants/eu-services.yml', line: 7, column: 11, path: 'regions[0]', message: /a region of the tenant's environments, got "eu-central-1"/ },
  },
  {
    name: 'a DR region that is not a region of the environment',
    // enterprise workspace.yml line 21 "        dr_region: " → column 20.
    from: 'enterprise',
    edit: (e) => e.replace('workspace.yml', '        vpc_cidr: 10.20.0.0/16\n        dr_region: eu-west-1', '        vpc_cidr: 10.20.0.0/16\n        dr_region: eu-central-1'),
    expected: { code: CODES.danglingReference, file: 'workspace.yml', line: 21, column: 20, path: 'environments[0].regions[0].dr_region', message: /a region of environment "staging"/ },
  },

  // ------------------------------------------------------------ duplicate names
  {
    name: 'two environments with the same name',
    // enterprise workspace.yml line 65 "  - name: " → column 11.
    from: 'enterprise',
    edit: (e) => e.replace('workspace.yml', '  - name: production', '  - name: staging'),
    expected: { code: CODES.duplicateName, file: 'workspace.yml', line: 65, column: 11, path: 'environments[1].name', hint: /already used at workspace.yml environments\[0\]\.name/ },
  },
  {
    name: 'the same region twice in an environment',
    // A second eu-west-1 block inserted after line 17 → its region at line 18, column 17.
    edit: (e) => e.insertAfter('workspace.yml', 17, '      - region: eu-west-1\n        availability_zones: [eu-west-1a, eu-west-1b]\n        vpc_cidr: 10.1.0.0/16'),
    expected: { code: CODES.duplicateName, file: 'workspace.yml', line: 18, column: 17, path: 'environments[0].regions[1].region', message: /unique region name, got "eu-west-1" again/ },
  },
  {
    name: 'the same tenant id in two files',
    // tenants/data.yml now says "web", reported at the second file, tenants/web.yml line 2, column 12.
    // data/analyst of the orchestration rules no longer exists, a second error.
    edit: (e) => e.replace('tenants/data.yml', 'tenant_id: data', 'tenant_id: web'),
    expected: { code: CODES.duplicateName, file: 'tenants/web.yml', line: 2, column: 12, path: 'tenant_id', hint: /already used at tenants\/data.yml tenant_id/ },
    errors: 2,
  },
  {
    name: 'the same project twice in a tenant',
    // tenants/data.yml: a project inserted before "insights"; the original is now line 13, column 11.
    edit: (e) => e.replace('tenants/data.yml', '  - name: insights\n', '  - name: insights\n    agents: []\n  - name: insights\n'),
    expected: { code: CODES.duplicateName, file: 'tenants/data.yml', line: 13, column: 11, path: 'projects[1].name', message: /unique project name, got "insights" again/ },
  },
  {
    name: 'a project file repeating a project of its tenant',
    // enterprise tenants/payments/subscriptions.yml line 5 "  name: " → column 9.
    from: 'enterprise',
    edit: (e) => e.replace('tenants/payments/subscriptions.yml', 'name: subscriptions', 'name: checkout'),
    expected: { code: CODES.duplicateName, file: 'tenants/payments/subscriptions.yml', line: 5, column: 9, path: 'project.name', hint: /tenants\/payments.yml projects\[0\]\.name/ },
  },
  {
    name: 'the same agent twice in a tenant',
    // tenants/web.yml line 11 "      - name: " → column 15; web/summarizer is then missing, a second error.
    edit: (e) => e.replace('tenants/web.yml', '- name: summarizer', '- name: reviewer'),
    expected: { code: CODES.duplicateName, file: 'tenants/web.yml', line: 11, column: 15, path: 'projects[0].agents[1].name', message: /unique agent name, got "reviewer" again/ },
    errors: 2,
  },
  {
    name: 'two patterns with the same name',
    // orchestration-rules.yml line 10 "    - name: " → column 13.
    edit: (e) => e.replace('orchestration-rules.yml', 'name: external_model_api', 'name: code_review'),
    expected: { code: CODES.duplicateName, file: 'orchestration-rules.yml', line: 10, column: 13, path: 'orchestration_patterns.circuit_breaker[0].name', hint: /orchestration_patterns\.sequential\[0\]\.name/ },
  },
  {
    name: 'two approval stages with the same name',
    // enterprise governance.yml line 131 "      - stage: " → column 16.
    from: 'enterprise',
    edit: (e) => e.replace('governance.yml', 'stage: security_review', 'stage: technical_review'),
    expected: { code: CODES.duplicateName, file: 'governance.yml', line: 131, column: 16, path: 'approval_workflows.agent_creation.stages[1].stage' },
  },

  // ------------------------------------------------------------ references
  {
    name: 'a pattern step naming an agent that does not exist',
    // orchestration-rules.yml line 7 "        - { name: Review, agent: " → column 34.
    edit: (e) => e.replace('orchestration-rules.yml', 'agent: web/reviewer', 'agent: web/reviewr'),
    expected: { code: CODES.danglingReference, file: 'orchestration-rules.yml', line: 7, column: 34, path: 'orchestration_patterns.sequential[0].steps[0].agent', hint: /^Did you mean "web\/reviewer"\?$/ },
  },
  {
    name: 'a bare agent name that two tenants use',
    edit: (e) => e
      .replace('tenants/data.yml', '- name: analyst', '- name: reviewer')
      .replace('orchestration-rules.yml', 'agent: data/analyst', 'agent: data/reviewer')
      .replace('orchestration-rules.yml', 'agent: web/reviewer', 'agent: reviewer'),
    expected: { code: CODES.ambiguousReference, file: 'orchestration-rules.yml', line: 7, column: 34, path: 'orchestration_patterns.sequential[0].steps[0].agent', message: /tenants data, web/, hint: /Qualify it: "data\/reviewer"/ },
  },
  {
    name: 'an approver that is not a role',
    // governance.yml line 42 "        approvers: [" → column 21.
    edit: (e) => e.replace('governance.yml', 'approvers: [tenant_administrator]', 'approvers: [tenant_admin]'),
    expected: { code: CODES.danglingReference, file: 'governance.yml', line: 42, column: 21, path: 'approval_workflows.agent_creation.stages[0].approvers[0]', hint: /"tenant_administrator"/ },
  },
  {
    name: 'a change-matrix role that does not exist',
    // governance.yml line 49 "    low_risk: [" → column 16.
    edit: (e) => e.replace('governance.yml', 'low_risk: [agent_developer]', 'low_risk: [agent_develloper]'),
    expected: { code: CODES.danglingReference, file: 'governance.yml', line: 49, column: 16, path: 'change_management.approval_matrix.low_risk[0]', hint: /^Did you mean "agent_developer"\?$/ },
  },
  {
    name: 'a role granted a permission that does not exist',
    // governance.yml line 34 "    permissions: [" → column 19.
    edit: (e) => e.replace('governance.yml', 'permissions: [create_agents, modify_config, view_audit]\n    sso_permission_set: AgentDeveloper', 'permissions: [create_agent, modify_config, view_audit]\n    sso_permission_set: AgentDeveloper'),
    expected: { code: CODES.danglingReference, file: 'governance.yml', line: 34, column: 19, path: 'roles.agent_developer.permissions[0]', hint: /^Did you mean "create_agents"\?$/ },
  },
  {
    name: 'reports_to a role that does not exist',
    // governance.yml line 33 "    reports_to: " → column 17.
    edit: (e) => e.replace('governance.yml', 'reports_to: tenant_administrator', 'reports_to: tenant_administrater'),
    expected: { code: CODES.danglingReference, file: 'governance.yml', line: 33, column: 17, path: 'roles.agent_developer.reports_to', hint: /^Did you mean "tenant_administrator"\?$/ },
  },
  {
    name: 'a cycle in reports_to',
    // tenant_administrator now reports to agent_developer (inserted line 29, column 17), which reports back (line 34).
    edit: (e) => e.insertAfter('governance.yml', 28, '    reports_to: agent_developer'),
    expected: { code: CODES.inconsistent, file: 'governance.yml', line: 29, column: 17, path: 'roles.tenant_administrator.reports_to', message: /without cycles/ },
    errors: 2,
  },
  {
    name: 'a tenant team without a budget',
    // tenants/web.yml line 4 "team: " → column 7.
    edit: (e) => e.replace('tenants/web.yml', 'team: web', 'team: wbe'),
    expected: { code: CODES.danglingReference, file: 'tenants/web.yml', line: 4, column: 7, path: 'team', hint: /^Did you mean "web"\?$/ },
  },
  {
    name: 'a tenant environment that does not exist',
    // Inserted as line 5 "environments: [" → column 16.
    edit: (e) => e.insertAfter('tenants/web.yml', 4, 'environments: [prod]'),
    expected: { code: CODES.danglingReference, file: 'tenants/web.yml', line: 5, column: 16, path: 'environments[0]', hint: /Allowed environments: "dev"/ },
  },
  {
    name: 'a default egress endpoint that is not declared',
    // context.yml line 20 "    egress: [" → column 14.
    edit: (e) => e.replace('context.yml', 'egress: [model-apis]', 'egress: [model-api]'),
    expected: { code: CODES.danglingReference, file: 'context.yml', line: 20, column: 14, path: 'defaults.agent.egress[0]', hint: /^Did you mean "model-apis"\?$/ },
  },
  {
    name: 'an agent egress endpoint that is not declared',
    // Inserted after tenants/data.yml line 16 as line 17 "        egress: [" → column 18.
    edit: (e) => e.insertAfter('tenants/data.yml', 16, '        egress: [observability]'),
    expected: { code: CODES.danglingReference, file: 'tenants/data.yml', line: 17, column: 18, path: 'projects[0].agents[0].egress[0]', hint: /Allowed endpoints: "model-apis"/ },
  },
  {
    name: 'a project file whose tenant does not exist',
    // enterprise tenants/payments/subscriptions.yml line 3 "tenant_id: " → column 12.
    from: 'enterprise',
    edit: (e) => e.replace('tenants/payments/subscriptions.yml', 'tenant_id: payments', 'tenant_id: paymnts'),
    expected: { code: CODES.danglingReference, file: 'tenants/payments/subscriptions.yml', line: 3, column: 12, path: 'tenant_id', hint: /^Did you mean "payments"\?$/ },
  },
  {
    name: 'a dedicated node pool that no environment has, reported once',
    // enterprise tenants/ml-research.yml line 11 "  dedicated_node_pool: " → column 24.
    from: 'enterprise',
    edit: (e) => e.replace('tenants/ml-research.yml', 'dedicated_node_pool: gpu', 'dedicated_node_pool: gpus'),
    expected: { code: CODES.danglingReference, file: 'tenants/ml-research.yml', line: 11, column: 24, path: 'isolation.dedicated_node_pool', message: /environments "staging", "production"/, hint: /^Did you mean "gpu"\?$/ },
  },
  {
    name: 'a compliance requirement that is not a framework',
    // tenants/web.yml line 5 "compliance_requirements: [" → column 27.
    edit: (e) => e.replace('tenants/web.yml', '[GDPR]', '[GDRP]'),
    expected: { code: CODES.danglingReference, file: 'tenants/web.yml', line: 5, column: 27, path: 'compliance_requirements[0]', hint: /^Did you mean "GDPR"\?$/ },
  },
  {
    name: 'a compliance requirement whose framework is not enabled',
    edit: (e) => e.replace('tenants/web.yml', '[GDPR]', '[SOX]'),
    expected: { code: CODES.inconsistent, file: 'tenants/web.yml', line: 5, column: 27, path: 'compliance_requirements[0]', hint: /Enable sox under compliance.frameworks/ },
  },
  {
    name: 'tenant role groups for a role that does not exist point at the key',
    // Inserted as line 5 "roles: { " → the key at column 10.
    edit: (e) => e.insertAfter('tenants/web.yml', 4, 'roles: { tenant_admin: ["oaas:web:admins"] }'),
    expected: { code: CODES.danglingReference, file: 'tenants/web.yml', line: 5, column: 10, path: 'roles.tenant_admin', hint: /"tenant_administrator"/ },
  },

  // ------------------------------------------------------------ cross-file rules
  {
    name: 'a team budget above the monthly budget',
    // governance.yml line 80 "    web: " → column 10; the teams then also add up to more than the month.
    edit: (e) => e.replace('governance.yml', 'web: "$800"', 'web: "$1,800"'),
    expected: { code: CODES.budgetExceeded, file: 'governance.yml', line: 80, column: 10, path: 'budgets.per_team.web', message: /within the monthly budget \(\$1,500\), got \$1,800/ },
    errors: 2,
  },
  {
    name: 'team budgets adding up to more than the monthly budget',
    // governance.yml: per_team's mapping starts at line 80, column 5.
    edit: (e) => e.replace('governance.yml', 'web: "$800"', 'web: "$1,000"'),
    expected: { code: CODES.budgetExceeded, file: 'governance.yml', line: 80, column: 5, path: 'budgets.per_team', message: /add up to at most the monthly budget \(\$1,500\), got \$1,600/ },
  },
  {
    name: 'backups less often than the RPO',
    // enterprise workspace.yml line 34 "      backup_frequency: " → column 25.
    from: 'enterprise',
    edit: (e) => e.replace('workspace.yml', 'backup_frequency: 4h', 'backup_frequency: 6h'),
    expected: { code: CODES.recoveryObjective, file: 'workspace.yml', line: 34, column: 25, path: 'environments[0].disaster_recovery.backup_frequency', message: /as often as the RPO \(4h\), got every 6h/ },
  },
  {
    name: 'more agents than the default max_agents',
    // web has 2 agents and no limit of its own: reported at its tenant_id (line 2, column 12).
    edit: (e) => e.replace('context.yml', 'max_agents: 10', 'max_agents: 1'),
    expected: { code: CODES.agentLimit, file: 'tenants/web.yml', line: 2, column: 12, path: 'tenant_id', message: /at most 1 agent \(resource_limits.max_agents from context.yml defaults\), got 2/ },
  },
  {
    name: 'more agents than the tenant\'s own max_agents',
    // enterprise tenants/healthcare.yml line 10 "  max_agents: " → column 15 (7 agents).
    from: 'enterprise',
    edit: (e) => e.replace('tenants/healthcare.yml', 'max_agents: 10', 'max_agents: 2'),
    expected: { code: CODES.agentLimit, file: 'tenants/healthcare.yml', line: 10, column: 15, path: 'resource_limits.max_agents', message: /at most 2 agents .*got 7/ },
  },
  {
    name: 'a node pool whose min_size is above max_size',
    // workspace.yml line 28 "          min_size: " → column 21.
    edit: (e) => e.replace('workspace.yml', 'min_size: 2', 'min_size: 5'),
    expected: { code: CODES.outOfRange, file: 'workspace.yml', line: 28, column: 21, path: 'environments[0].cluster.node_pools[0].min_size' },
  },

  // ------------------------------------------------------------ names and images
  {
    name: 'an image tagged latest',
    // tenants/web.yml line 10 "        image: " → column 16.
    edit: (e) => e.replace('tenants/web.yml', 'reviewer:1.2.0', 'reviewer:latest'),
    expected: { code: CODES.invalidValue, file: 'tenants/web.yml', line: 10, column: 16, path: 'projects[0].agents[0].image', hint: /"latest" and untagged images are refused/ },
  },
  {
    name: 'an image without a tag',
    edit: (e) => e.replace('tenants/web.yml', 'reviewer:1.2.0', 'reviewer'),
    expected: { code: CODES.invalidValue, file: 'tenants/web.yml', line: 10, column: 16, path: 'projects[0].agents[0].image', message: /pinned container image/ },
  },
  {
    name: 'a tenant id that is not a Kubernetes name',
    edit: (e) => e.replace('tenants/web.yml', 'tenant_id: web', 'tenant_id: Web_Team'),
    expected: { code: CODES.invalidValue, file: 'tenants/web.yml', line: 2, column: 12, path: 'tenant_id', hint: /replace "_" and spaces with "-"/ },
  },
  {
    name: 'a name longer than 63 characters',
    edit: (e) => e.replace('tenants/web.yml', 'name: storefront', `name: ${'s'.repeat(64)}`),
    expected: { code: CODES.outOfRange, file: 'tenants/web.yml', line: 7, column: 11, path: 'projects[0].name', message: /at most 63 characters/ },
  },
  {
    name: 'a namespace per project longer than 63 characters',
    // "data-" + 60 characters; reported at namespace_per_project (inserted line 5, value at column 37).
    edit: (e) => e
      .insertAfter('tenants/data.yml', 4, 'isolation: { namespace_per_project: true }')
      .replace('tenants/data.yml', 'name: insights', `name: ${LONG_PROJECT}`),
    expected: { code: CODES.nameTooLong, file: 'tenants/data.yml', line: 5, column: 37, path: 'isolation.namespace_per_project', message: new RegExp(`"data-${LONG_PROJECT}" \\(65\\)`) },
  },
  {
    name: 'a project of a project file making a namespace too long',
    // enterprise payments has namespace_per_project (tenants/payments.yml line 9, value at column 26);
    // "payments-" + 60 characters comes from tenants/payments/subscriptions.yml.
    from: 'enterprise',
    edit: (e) => e.replace('tenants/payments/subscriptions.yml', 'name: subscriptions', `name: ${LONG_PROJECT}`),
    expected: { code: CODES.nameTooLong, file: 'tenants/payments.yml', line: 9, column: 26, path: 'isolation.namespace_per_project', message: new RegExp(`"payments-${LONG_PROJECT}" \\(69\\)`) },
  },
  {
    name: 'a fan-out to a tenant that does not exist',
    // enterprise orchestration-rules.yml line 25 "      target: { tenants: [web, " → the second tenant at column 32.
    from: 'enterprise',
    edit: (e) => e.replace('orchestration-rules.yml', 'target: all_production_projects', 'target: { tenants: [web, paymnts] }'),
    expected: { code: CODES.danglingReference, file: 'orchestration-rules.yml', line: 25, column: 32, path: 'orchestration_patterns.fanout[0].target.tenants[1]', hint: /^Did you mean "payments"\?$/ },
  },
  // ------------------------------------------------------------ hangs and memory: lengths first, linear patterns, bounded hints
  {
    name: 'a 1 MB image reference is refused by its length before a pattern sees it',
    // tenants/web.yml line 10 "        image: " → column 16.
    edit: (e) => e.replace('tenants/web.yml', 'ghcr.io/starter/reviewer:1.2.0', `"${'a/'.repeat(500_000)}:"`),
    expected: { code: CODES.outOfRange, file: 'tenants/web.yml', line: 10, column: 16, path: 'projects[0].agents[0].image', message: /pinned container image .* of at most 512 characters, got "a\/a\/a/ },
  },
  {
    name: 'a 1 MB e-mail address',
    // governance.yml line 84 "    email: [" → column 13.
    edit: (e) => e.replace('governance.yml', 'finops@starter.example', `${'a@'.repeat(450_000)}.x`),
    expected: { code: CODES.outOfRange, file: 'governance.yml', line: 84, column: 13, path: 'budgets.notifications.email[0]', message: /an email address of at most 254 characters/ },
  },
  {
    name: 'a 1 MB rate',
    // context.yml line 8 "      compute_quota: " → column 22.
    edit: (e) => e.replace('context.yml', 'compute_quota: 200 CPU hours/month', `compute_quota: 1 ${'a '.repeat(400_000)}x`),
    expected: { code: CODES.outOfRange, file: 'context.yml', line: 8, column: 22, path: 'defaults.tenant.resource_limits.compute_quota', message: /of at most 64 characters, as in "1000 CPU hours\/month"/ },
  },
  {
    name: 'a long price with "per" nowhere',
    // governance.yml line 64 "    cpu_hours: " → column 16 (the quoted value).
    edit: (e) => e.replace('governance.yml', '$0.10 per hour', `$1${' pe'.repeat(300_000)}`),
    expected: { code: CODES.outOfRange, file: 'governance.yml', line: 64, column: 16, path: 'cost_attribution.compute_costs.cpu_hours', message: /of at most 64 characters/ },
  },
  {
    name: 'long recovery objectives',
    edit: (e) => e.replace('workspace.yml', '"24h RTO, 12h RPO"', `"1h${' '.repeat(900_000)}x RTO"`),
    expected: { code: CODES.outOfRange, file: 'workspace.yml', line: 19, column: 24, path: 'environments[0].disaster_recovery', message: /of at most 64 characters, as in "4h RTO, 1h RPO"/ },
  },
  {
    name: 'a 100 KB anchor referenced 50 times: each alias is judged by its length',
    // Inserted as lines 11 and 12 of tenants/web.yml; the description's value starts after "&big " at column 27.
    edit: (e) => e.insertAfter('tenants/web.yml', 10, `        description: &big "${'x'.repeat(100_000)}"\n        capabilities: [${Array.from({ length: 50 }, () => '*big').join(', ')}]`),
    expected: { code: CODES.outOfRange, file: 'tenants/web.yml', line: 11, column: 27, path: 'projects[0].agents[0].description', message: /text of at most 2048 characters/ },
    errors: 51,
  },
  {
    name: 'a misspelt key of 100,000 characters gets no suggestion and a short message',
    // workspace.yml line 36 "    mfa_required: true" becomes an explicit key ("? " then the key at column 7; YAML allows longer keys only so).
    edit: (e) => e.replace('workspace.yml', 'mfa_required: true', `? ${'m'.repeat(100_000)}\n    : true`),
    expected: { code: CODES.unknownKey, file: 'workspace.yml', line: 36, column: 7, path: `security.authentication.${'m'.repeat(61)}...`, message: /got unknown key "m{57}\.\.\."$/, hint: /^Allowed keys: "providers", "mfa_required", "sso_role_prefix"\.$/ },
  },
  {
    name: 'a workspace file over 1 MiB is not parsed',
    edit: (e) => e.set('context.yml', `defaults: ${'x'.repeat(1_100_000)}\n`),
    expected: { code: CODES.fileUnreadable, file: 'context.yml', line: 1, column: 1, path: '(root)', message: /a file of at most 1048576 bytes, got 1100011 characters/ },
  },
  {
    name: 'five thousand misspelt approvers, each located with a hint',
    // governance.yml line 49 "    low_risk: [" → the first approver at column 16.
    edit: (e) => e.replace('governance.yml', 'low_risk: [agent_developer]', `low_risk: [${Array.from({ length: 5_000 }, (_, i) => `agent_develope${i}`).join(', ')}]`),
    expected: { code: CODES.danglingReference, file: 'governance.yml', line: 49, column: 16, path: 'change_management.approval_matrix.low_risk[0]', hint: /^Did you mean "agent_developer"\?$/ },
    errors: 5_000,
  },

  // ------------------------------------------------------------ crashes: located errors instead
  {
    name: 'block nesting a thousand levels deep stops at the nesting limit',
    // Appended after the 13 lines of tenants/web.yml: "deep:" is line 14; its 64th nested key (line 78) is one level too deep.
    edit: (e) => e.set('tenants/web.yml', `${e.texts['tenants/web.yml']!}deep:\n${Array.from({ length: 1_000 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')} 1\n`),
    expected: { code: CODES.yamlSyntax, file: 'tenants/web.yml', line: 78, column: 1, path: '(root)', message: /expected at most 64 levels of nesting, got more/, hint: /Flatten the structure/ },
  },
  {
    name: 'flow nesting twenty thousand levels deep',
    edit: (e) => e.replace('tenants/web.yml', 'team: web', `team: ${'['.repeat(20_000)}${']'.repeat(20_000)}`),
    expected: { code: CODES.yamlSyntax, file: 'tenants/web.yml', line: 4, column: 1, path: '(root)', message: /expected at most 64 levels of nesting/ },
  },

  // ------------------------------------------------------------ validate says yes, synth says no: every constraint of the synth is checked here first
  {
    name: 'a Kubernetes version without pinned add-ons',
    edit: (e) => e.replace('workspace.yml', 'kubernetes_version: "1.33"', 'kubernetes_version: "1.31"'),
    expected: { code: CODES.invalidValue, file: 'workspace.yml', line: 24, column: 27, path: 'environments[0].cluster.kubernetes_version', message: /a Kubernetes version the platform pins EKS add-ons for \("1.33"\), got "1.31"/ },
  },
  {
    name: 'an organization name that starts with a digit (CloudFormation stack names start with a letter)',
    // workspace.yml line 4 "  name: " → column 9.
    edit: (e) => e.replace('workspace.yml', 'name: starter', 'name: 7starter'),
    expected: { code: CODES.invalidValue, file: 'workspace.yml', line: 4, column: 9, path: 'organization.name', hint: /CloudFormation stack names start with a letter/ },
  },
  {
    name: 'organization and environment names too long for the tenant-data bucket',
    // Reported at the environment's name, workspace.yml line 12 "  - name: " → column 11.
    edit: (e) => e.replace('workspace.yml', 'name: starter', `name: starter-${'x'.repeat(20)}`),
    expected: { code: CODES.nameTooLong, file: 'workspace.yml', line: 12, column: 11, path: 'environments[0].name', message: /an S3 bucket name \(tenant data\) of at most 63 characters, got "starter-x{20}-dev-eu-west-1-tenant-data-222222222222" \(67\)/ },
  },
  {
    name: 'a display name over the 100 characters of the budget alert topic',
    // workspace.yml line 5 "  display_name: " → column 17; "<90 characters> dev budgets" is 102.
    edit: (e) => e.replace('workspace.yml', 'display_name: Starter Co', `display_name: ${'S'.repeat(90)}`),
    expected: { code: CODES.nameTooLong, file: 'workspace.yml', line: 5, column: 17, path: 'organization.display_name', message: /an SNS topic display name \(budget alerts\) of at most 100 characters, got "S{90} dev budgets" \(102\)/ },
  },
  {
    name: 'a cost center over the 255 characters of a tag value',
    // workspace.yml line 8 "  cost_center: " → column 16.
    edit: (e) => e.replace('workspace.yml', 'cost_center: CC-100', `cost_center: ${'C'.repeat(300)}`),
    expected: { code: CODES.outOfRange, file: 'workspace.yml', line: 8, column: 16, path: 'organization.cost_center', message: /a tag value of at most 255 characters/ },
  },
  {
    name: 'a cost center with characters AWS tags refuse',
    edit: (e) => e.replace('workspace.yml', 'cost_center: CC-100', 'cost_center: "CC#100"'),
    expected: { code: CODES.invalidValue, file: 'workspace.yml', line: 8, column: 16, path: 'organization.cost_center', hint: /AWS tags allow only these characters/ },
  },
  {
    name: 'an audit retention of zero',
    // governance.yml line 54 "  retention: " → column 14.
    edit: (e) => e.replace('governance.yml', 'retention: 1 year', 'retention: 0s'),
    expected: { code: CODES.invalidValue, file: 'governance.yml', line: 54, column: 14, path: 'audit.retention', message: /a duration from 1 day to 3653 days, got "0s"/ },
  },
  {
    name: 'an audit retention beyond the longest CloudWatch Logs keeps',
    edit: (e) => e.replace('governance.yml', 'retention: 1 year', 'retention: 11 years'),
    expected: { code: CODES.invalidValue, file: 'governance.yml', line: 54, column: 14, path: 'audit.retention', message: /a duration from 1 day to 3653 days, got "11 years"/ },
  },
  {
    name: 'an RPO under AWS Backup\'s hourly minimum',
    edit: (e) => e.replace('workspace.yml', '"24h RTO, 12h RPO"', '"24h RTO, 30m RPO"'),
    expected: { code: CODES.recoveryObjective, file: 'workspace.yml', line: 19, column: 24, path: 'environments[0].disaster_recovery', message: /an RPO of at least 1 hour .*got 30m/ },
  },
  {
    name: 'a backup retention shorter than a day',
    // enterprise workspace.yml line 35 "      backup_retention: " → column 25.
    from: 'enterprise',
    edit: (e) => e.replace('workspace.yml', 'backup_retention: 14 days', 'backup_retention: 12h'),
    expected: { code: CODES.invalidValue, file: 'workspace.yml', line: 35, column: 25, path: 'environments[0].disaster_recovery.backup_retention', message: /a duration from 1 day to 100 years, got "12h"/ },
  },
  {
    name: 'a region that does not exist',
    edit: (e) => e.replace('workspace.yml', '- region: eu-west-1', '- region: eu-west-9'),
    expected: { code: CODES.invalidValue, file: 'workspace.yml', line: 15, column: 17, path: 'environments[0].regions[0].region', hint: /^Did you mean "eu-west-1"\?$/ },
  },
  {
    name: 'a budget alert at 0%',
    // governance.yml line 82 "  alert_thresholds: [" → the first threshold at column 22.
    edit: (e) => e.replace('governance.yml', 'alert_thresholds: ["80%", "100%"]', 'alert_thresholds: ["0%", "100%"]'),
    expected: { code: CODES.invalidValue, file: 'governance.yml', line: 82, column: 22, path: 'budgets.alert_thresholds[0]', message: /a percentage of at least 0.1%/ },
  },
  {
    name: 'more alerts per budget than AWS Budgets takes',
    // Six thresholds, each also on the forecast: twelve alerts; the list starts at column 21.
    edit: (e) => e.replace('governance.yml', 'alert_thresholds: ["80%", "100%"]', 'alert_thresholds: ["10%", "20%", "40%", "60%", "80%", "100%"]'),
    expected: { code: CODES.outOfRange, file: 'governance.yml', line: 82, column: 21, path: 'budgets.alert_thresholds', message: /at most 10 alerts per budget \(AWS Budgets' limit\), got 12/, hint: /forecast_alerts: false/ },
  },
  {
    name: 'a monthly budget of $0',
    // governance.yml line 78 "  monthly: " → column 12.
    edit: (e) => e.replace('governance.yml', 'monthly: "$1,500"', 'monthly: "$0"'),
    expected: { code: CODES.invalidValue, file: 'governance.yml', line: 78, column: 12, path: 'budgets.monthly', message: /an amount above \$0/ },
  },
  {
    name: 'a node pool that labels its nodes as another pool',
    // Inserted as line 32 "          labels: { " → the key at column 21.
    edit: (e) => e.insertAfter('workspace.yml', 31, '          labels: { oaas.io/node-pool: other }'),
    expected: { code: CODES.invalidValue, file: 'workspace.yml', line: 32, column: 21, path: 'environments[0].cluster.node_pools[0].labels.oaas.io/node-pool', message: /labels outside oaas.io\// },
  },
  {
    name: 'a node pool of AMD GPUs, which no EKS image runs',
    // workspace.yml line 27 "          instance_types: [" → the first type at column 28.
    edit: (e) => e.replace('workspace.yml', 'instance_types: [m7i.large]', 'instance_types: [g4ad.xlarge]'),
    expected: { code: CODES.invalidValue, file: 'workspace.yml', line: 27, column: 28, path: 'environments[0].cluster.node_pools[0].instance_types[0]', message: /AMD GPUs/ },
  },
  {
    name: 'a node pool of two architectures',
    edit: (e) => e.replace('workspace.yml', 'instance_types: [m7i.large]', 'instance_types: [m7i.large, m7g.large]'),
    expected: { code: CODES.inconsistent, file: 'workspace.yml', line: 27, column: 27, path: 'environments[0].cluster.node_pools[0].instance_types', message: /m7i.large \(x86\), m7g.large \(arm\)/ },
  },
  {
    name: 'a dedicated node pool two tenants reserve',
    // Reported at the pool's name, workspace.yml line 26 "        - name: " → column 17.
    edit: (e) => e
      .insertAfter('tenants/web.yml', 4, 'isolation: { dedicated_node_pool: general }')
      .insertAfter('tenants/data.yml', 4, 'isolation: { dedicated_node_pool: general }'),
    expected: { code: CODES.inconsistent, file: 'workspace.yml', line: 26, column: 17, path: 'environments[0].cluster.node_pools[0].name', message: /reserved by "data", "web"/ },
  },
  {
    name: 'a team name too long for its deployment role',
    // governance.yml line 80 "    web: " → the key at column 5; "oaas-dev-<60 characters>-deployer" has 78.
    edit: (e) => e
      .replace('governance.yml', '    web: "$800"', `    ${'w'.repeat(60)}: "$800"`)
      .replace('tenants/web.yml', 'team: web', `team: ${'w'.repeat(60)}`),
    expected: { code: CODES.nameTooLong, file: 'governance.yml', line: 80, column: 5, path: `budgets.per_team.${'w'.repeat(60)}`, message: /an IAM role name \(team deployer\) of at most 64 characters, got "oaas-dev-w{60}-deployer" \(78\)/ },
  },
  {
    name: 'an agent name that is no Service name',
    // tenants/web.yml line 9 "      - name: " → column 15 (the orchestration's reference to it is not judged while a file is invalid).
    edit: (e) => e.replace('tenants/web.yml', 'name: reviewer', 'name: 2reviewer'),
    expected: { code: CODES.invalidValue, file: 'tenants/web.yml', line: 9, column: 15, path: 'projects[0].agents[0].name', hint: /Kubernetes Service names and CloudFormation stack names start with a letter/ },
  },
  {
    name: 'a probe period of 0 seconds',
    // context.yml line 18 "    liveness_probe: { path: /healthz, period: " → column 47.
    edit: (e) => e.replace('context.yml', 'liveness_probe: { path: /healthz }', 'liveness_probe: { path: /healthz, period: 0s }'),
    expected: { code: CODES.invalidValue, file: 'context.yml', line: 18, column: 47, path: 'defaults.agent.liveness_probe.period', message: /a duration from 1 second to 2147483647 seconds, got "0s"/ },
  },
  {
    name: 'a probe period beyond 32-bit seconds',
    edit: (e) => e.replace('context.yml', 'liveness_probe: { path: /healthz }', 'liveness_probe: { path: /healthz, period: 100y }'),
    expected: { code: CODES.invalidValue, file: 'context.yml', line: 18, column: 47, path: 'defaults.agent.liveness_probe.period', message: /got "100y"/ },
  },
  {
    name: 'an egress CIDR with an impossible octet',
    // context.yml line 24 "    cidrs: [" → column 13.
    edit: (e) => e.replace('context.yml', 'cidrs: [10.0.0.0/16]', 'cidrs: [999.0.0.0/16]'),
    expected: { code: CODES.invalidValue, file: 'context.yml', line: 24, column: 13, path: 'endpoints.model-apis.cidrs[0]', message: /a valid IPv4 CIDR block \(an octet is above 255\)/ },
  },
  {
    name: 'an egress CIDR with a prefix beyond 32',
    edit: (e) => e.replace('context.yml', 'cidrs: [10.0.0.0/16]', 'cidrs: [10.0.0.0/33]'),
    expected: { code: CODES.invalidValue, file: 'context.yml', line: 24, column: 13, path: 'endpoints.model-apis.cidrs[0]', message: /the prefix length is above 32/ },
  },
  {
    name: 'a terminal escape sequence in a display name',
    // tenants/web.yml line 3 "display_name: " → column 15.
    edit: (e) => e.replace('tenants/web.yml', 'display_name: Web Team', 'display_name: "Web\\e[2J Team"'),
    expected: { code: CODES.invalidValue, file: 'tenants/web.yml', line: 3, column: 15, path: 'display_name', message: /text without control characters/ },
  },
  {
    name: 'a NUL character in a description',
    // Inserted as line 12 "        description: " → column 22.
    edit: (e) => e.insertAfter('tenants/web.yml', 11, '        description: "a\\0b"'),
    expected: { code: CODES.invalidValue, file: 'tenants/web.yml', line: 12, column: 22, path: 'projects[0].agents[1].description', message: /text without control characters/ },
  },
  {
    name: 'a display name over the annotation limit for it',
    edit: (e) => e.replace('tenants/web.yml', 'display_name: Web Team', `display_name: ${'W'.repeat(300)}`),
    expected: { code: CODES.outOfRange, file: 'tenants/web.yml', line: 3, column: 15, path: 'display_name', message: /text of at most 256 characters/ },
  },

  // ------------------------------------------------------------ checks that could be walked around
  {
    name: 'the internet in pieces on a public API endpoint',
    // Inserted as line 25; the allow_list flow sequence starts at column 52.
    edit: (e) => e.insertAfter('workspace.yml', 24, '      endpoint_access: { public: true, allow_list: [0.0.0.0/1, 128.0.0.0/1] }'),
    expected: { code: CODES.invalidValue, file: 'workspace.yml', line: 25, column: 52, path: 'environments[0].cluster.endpoint_access.allow_list', message: /got 4,294,967,296 \(the whole IPv4 internet\)/ },
  },
  {
    name: 'a tenant role bound to system:authenticated',
    // Inserted as line 5 "roles: { agent_developer: [" → the group at column 28.
    edit: (e) => e.insertAfter('tenants/web.yml', 4, 'roles: { agent_developer: ["system:authenticated"] }'),
    expected: { code: CODES.invalidValue, file: 'tenants/web.yml', line: 5, column: 28, path: 'roles.agent_developer[0]', message: /a group of the tenant's own, starting with "oaas:web:", got "system:authenticated", a group Kubernetes gives every user/ },
  },
  {
    name: 'a tenant role bound to another tenant\'s group',
    edit: (e) => e.insertAfter('tenants/web.yml', 4, 'roles: { agent_developer: ["oaas:data:agent_developer"] }'),
    expected: { code: CODES.invalidValue, file: 'tenants/web.yml', line: 5, column: 28, path: 'roles.agent_developer[0]', message: /starting with "oaas:web:", got "oaas:data:agent_developer"/ },
  },
  {
    name: 'a tenant role bound to a group without the tenant\'s prefix',
    edit: (e) => e.insertAfter('tenants/web.yml', 4, 'roles: { agent_developer: [web-admins] }'),
    expected: { code: CODES.invalidValue, file: 'tenants/web.yml', line: 5, column: 28, path: 'roles.agent_developer[0]', hint: /Name the group "oaas:web:<name>"/ },
  },
  {
    name: 'an SSO role prefix that would widen the trust policies',
    // Inserted as line 37 "    sso_role_prefix: " → column 22.
    edit: (e) => e.insertAfter('workspace.yml', 36, '    sso_role_prefix: "*"'),
    expected: { code: CODES.invalidValue, file: 'workspace.yml', line: 37, column: 22, path: 'security.authentication.sso_role_prefix', hint: /"\*" and "\?" would let the trust policies match any role/ },
  },
  {
    name: '"__proto__" as a team of the per-team budgets',
    // Inserted as line 82 "    __proto__: " → the key at column 5.
    edit: (e) => e.insertAfter('governance.yml', 81, '    __proto__: "$1"'),
    expected: { code: CODES.invalidValue, file: 'governance.yml', line: 82, column: 5, path: 'budgets.per_team.__proto__', message: /a key that is a Kubernetes name .*got "__proto__"/ },
  },
  {
    name: '"__proto__" as a role',
    // Inserted as line 36 "  __proto__: " → the key at column 3.
    edit: (e) => e.insertAfter('governance.yml', 35, '  __proto__: { title: Prototype }'),
    expected: { code: CODES.invalidValue, file: 'governance.yml', line: 36, column: 3, path: 'roles.__proto__', message: /a key that is a snake_case identifier/ },
  },
  {
    name: '"__proto__" as a node label',
    // Inserted as line 32 "          labels: { " → the key at column 21.
    edit: (e) => e.insertAfter('workspace.yml', 31, '          labels: { __proto__: x }'),
    expected: { code: CODES.invalidValue, file: 'workspace.yml', line: 32, column: 21, path: 'environments[0].cluster.node_pools[0].labels.__proto__', message: /a key that is a Kubernetes label key/ },
  },
  {
    name: '"__proto__" as an endpoint',
    // Inserted as line 26 "  __proto__: " → the key at column 3.
    edit: (e) => e.insertAfter('context.yml', 25, '  __proto__: { cidrs: [10.1.0.0/16], ports: [443] }'),
    expected: { code: CODES.invalidValue, file: 'context.yml', line: 26, column: 3, path: 'endpoints.__proto__', message: /a key that is a Kubernetes name/ },
  },
  {
    name: '"constructor" as an environment\'s team is no team of governance.yml',
    // Inserted as line 23 "    budgets: { per_team: { constructor: " → the value at column 41.
    edit: (e) => e.insertAfter('workspace.yml', 22, '    budgets: { per_team: { constructor: "$10" } }'),
    expected: { code: CODES.danglingReference, file: 'workspace.yml', line: 23, column: 41, path: 'environments[0].budgets.per_team.constructor', message: /a team of governance.yml budgets.per_team, got "constructor"/ },
  },
  {
    name: '"constructor" as a compliance requirement of the context defaults',
    // Inserted as line 14 "    compliance_requirements: [" → column 31.
    edit: (e) => e.insertAfter('context.yml', 13, '    compliance_requirements: [constructor]'),
    expected: { code: CODES.danglingReference, file: 'context.yml', line: 14, column: 31, path: 'defaults.tenant.compliance_requirements[0]', message: /a compliance framework, got "constructor"/ },
  },
  {
    name: 'an endpoint into another tenant\'s namespace that tenant did not open',
    // Inserted as lines 6-7; the namespace of the endpoint at line 7, column 26.
    edit: (e) => e.insertAfter('tenants/web.yml', 5, 'endpoints:\n  data-api: { namespace: data, ports: [8080] }'),
    expected: { code: CODES.inconsistent, file: 'tenants/web.yml', line: 7, column: 26, path: 'endpoints.data-api.namespace', message: /got "data" of tenant "data"/, hint: /declare it as an endpoint in context.yml/ },
  },
  {
    name: 'terminal escapes in a key are shown escaped',
    // tenants/web.yml line 4 "team: web" with the key renamed; the key at column 1.
    edit: (e) => e.replace('tenants/web.yml', 'team: web', '"te\\e]0;pwned\\aam": web'),
    expected: { code: CODES.unknownKey, file: 'tenants/web.yml', line: 4, column: 1, path: 'te\\u001b]0;pwned\\u0007am', message: /got unknown key "te\\u001b\]0;pwned\\u0007am"/ },
    errors: 2,
  },
  {
    name: 'a newline and escapes in a file name are shown escaped',
    edit: (e) => e.set('tenants/we\n\u001b[2Jb.yml', e.texts['tenants/web.yml']!.replace('team: web', 'team: nobody')).remove('tenants/web.yml'),
    expected: { code: CODES.danglingReference, file: 'tenants/we\\n\\u001b[2Jb.yml', line: 4, column: 7, path: 'team', message: /got "nobody"/ },
  },
];

describe('bad inputs', () => {
  test('the table covers at least 45 distinct problems', () => {
    expect(rows.length).toBeGreaterThanOrEqual(45);
    expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
  });

  test.each(rows)('$name', (row) => {
    const edit = new Edit(row.from ?? 'starter');
    row.edit(edit);
    const result = loadTexts(edit.texts);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    const { message, hint, ...located } = row.expected;
    expect(result.model).toBeUndefined();
    expect(errors).toContainEqual(expect.objectContaining({
      ...located,
      ...(message ? { message: expect.stringMatching(message) } : {}),
      ...(hint ? { hint: expect.stringMatching(hint) } : {}),
    }));
    expect(errors).toHaveLength(row.errors ?? 1);
    for (const d of result.diagnostics) {
      expect(d.message.length).toBeGreaterThan(0);
      expect(d.hint.length).toBeGreaterThan(0);
    }
  });
});

describe('reporting', () => {
  test('independent errors in different files are all reported at once, sorted by file', () => {
    const edit = new Edit('starter')
      .replace('governance.yml', 'daily: "$50"', 'daily: "€50"')
      .replace('tenants/web.yml', 'team: web', 'teem: web')
      .replace('context.yml', 'storage_quota: 50Gi', 'storage_quota: 50')
      .replace('workspace.yml', 'eu-west-1b]', 'eu-west-2b]');
    const result = loadTexts(edit.texts);
    expect(result.model).toBeUndefined();
    expect(result.errorCount).toBe(4);
    expect(result.diagnostics.map((d: Diagnostic) => [d.file, d.code, d.line, d.column])).toEqual([
      ['context.yml', CODES.invalidValue, 7, 22],
      ['governance.yml', CODES.invalidValue, 77, 10],
      ['tenants/web.yml', CODES.unknownKey, 4, 1],
      ['workspace.yml', CODES.zoneOutsideRegion, 16, 42],
    ]);
  });

  test('several errors in one file come in line order', () => {
    const edit = new Edit('starter')
      .replace('workspace.yml', 'mfa_required: true', 'mfa_required: yes')
      .replace('workspace.yml', 'account: "222222222222"', 'account: 222222222222')
      .replace('workspace.yml', '  cost_center: CC-100\n', '');
    const result = loadTexts(edit.texts);
    expect(result.diagnostics.map((d) => [d.line, d.path])).toEqual([
      [4, 'organization.cost_center'],
      [12, 'environments[0].account'],
      [35, 'security.authentication.mfa_required'],
    ]);
  });

  test('a capacity warning does not block the model', () => {
    // Two tenants at 20,000 CPU hours a month each ask for about 55 vCPU; the pool has 4 × 2.
    const edit = new Edit('starter').replace('context.yml', 'compute_quota: 200 CPU hours/month', 'compute_quota: 20000 CPU hours/month');
    const result = loadTexts(edit.texts);
    expect(result.model).toBeDefined();
    expect(result.errorCount).toBe(0);
    expect(result.warningCount).toBe(1);
    expect(result.diagnostics).toEqual([expect.objectContaining({
      severity: 'warning',
      code: CODES.capacityExceeded,
      file: 'workspace.yml',
      line: 26,
      column: 9,
      path: 'environments[0].cluster.node_pools',
      message: expect.stringMatching(/quotas within cluster capacity \(8 vCPU\), got quotas averaging 55 vCPU/),
    })]);
  });

  test('advisory data residency reports a region outside it as a warning', () => {
    const edit = new Edit('starter').replace('workspace.yml', '      mode: enforced\n      allowed_regions: [eu-west-1]', '      mode: advisory\n      allowed_regions: [eu-west-2]');
    const result = loadTexts(edit.texts);
    expect(result.model).toBeDefined();
    expect(result.diagnostics).toContainEqual(expect.objectContaining({
      severity: 'warning', code: CODES.residencyViolation, file: 'workspace.yml', line: 15, path: 'environments[0].regions[0].region',
    }));
  });

  test('a warning next to an error still leaves no model', () => {
    const edit = new Edit('starter')
      .replace('context.yml', 'compute_quota: 200 CPU hours/month', 'compute_quota: 20000 CPU hours/month')
      .replace('tenants/web.yml', 'team: web', 'team: wbe');
    const result = loadTexts(edit.texts);
    expect(result.model).toBeUndefined();
    expect([result.errorCount, result.warningCount]).toEqual([1, 1]);
  });
});

describe('bad workspace folders: special files, links and what the file system refuses', () => {
  let root: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'oaas-bad-folders-'));
    fs.writeFileSync(path.join(root, 'secret.yml'), 'tenant_id: TOPSECRET\n');
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  afterEach(() => jest.restoreAllMocks());

  interface FolderRow {
    readonly name: string;
    /** Plants the problem in a copy of the starter workspace; returns the folder to load (default: the copy). */
    readonly make: (dir: string) => string | void;
    readonly expected: { readonly code: string; readonly file: string; readonly message: RegExp };
  }

  const folderRows: FolderRow[] = [
    { name: 'a FIFO named like a tenant file (it would block a read forever)', make: (dir) => { execFileSync('mkfifo', [path.join(dir, 'tenants', 'pipe.yml')]); }, expected: { code: CODES.fileRefused, file: 'tenants/pipe.yml', message: /expected a regular file, got a FIFO/ } },
    { name: 'a workspace file that links to a device', make: (dir) => { fs.rmSync(path.join(dir, 'governance.yml')); fs.symlinkSync('/dev/zero', path.join(dir, 'governance.yml')); }, expected: { code: CODES.fileRefused, file: 'governance.yml', message: /a symbolic link that leads outside it/ } },
    { name: 'a tenant file that links to a secret outside the workspace', make: (dir) => fs.symlinkSync(path.join(root, 'secret.yml'), path.join(dir, 'tenants', 'secret.yml')), expected: { code: CODES.fileRefused, file: 'tenants/secret.yml', message: /a symbolic link that leads outside it/ } },
    { name: 'tenants linked to the root of the disk', make: (dir) => { fs.rmSync(path.join(dir, 'tenants'), { recursive: true }); fs.symlinkSync('/', path.join(dir, 'tenants')); }, expected: { code: CODES.fileRefused, file: 'tenants', message: /a symbolic link that leads outside it/ } },
    { name: 'tenants as a file', make: (dir) => { fs.rmSync(path.join(dir, 'tenants'), { recursive: true }); fs.writeFileSync(path.join(dir, 'tenants'), 'x'); }, expected: { code: CODES.fileRefused, file: 'tenants', message: /expected tenants\/ to be a folder of tenant files, got a file/ } },
    { name: 'a link loop under tenants', make: (dir) => fs.symlinkSync('.', path.join(dir, 'tenants', 'loop')), expected: { code: CODES.fileRefused, file: 'tenants/loop', message: /a link to a folder read already/ } },
    { name: 'folders nested deeper than eight levels under tenants', make: (dir) => { fs.mkdirSync(path.join(dir, 'tenants', '1', '2', '3', '4', '5', '6', '7', '8', '9'), { recursive: true }); }, expected: { code: CODES.fileRefused, file: 'tenants/1/2/3/4/5/6/7/8/9', message: /at most 8 levels of folders/ } },
    { name: 'a tenant file over 1 MiB', make: (dir) => fs.writeFileSync(path.join(dir, 'tenants', 'big.yml'), `description: ${'x'.repeat(1_100_000)}\n`), expected: { code: CODES.fileRefused, file: 'tenants/big.yml', message: /a file of at most 1048576 bytes, got 1100014/ } },
    { name: 'a link whose target name is too long for the file system', make: (dir) => fs.symlinkSync('x'.repeat(300), path.join(dir, 'tenants', 'long.yml')), expected: { code: CODES.fileUnreadable, file: 'tenants/long.yml', message: /a path the system accepts, got ENAMETOOLONG/ } },
    { name: 'a workspace path too long for the file system', make: (dir) => path.join(dir, 'x'.repeat(300)), expected: { code: CODES.fileUnreadable, file: '.', message: /a path the system accepts, got ENAMETOOLONG/ } },
    {
      name: 'an unreadable tenants folder',
      make: (dir) => {
        // The tests run as root, which reads any folder: the refusal is simulated at the file system call.
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module object itself, which the loader reads through
        const nodeFs = require('fs') as typeof fs;
        const readdir = nodeFs.readdirSync;
        jest.spyOn(nodeFs, 'readdirSync').mockImplementation(((folder: fs.PathLike, options?: unknown) => {
          if (String(folder) === path.join(dir, 'tenants')) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
          return (readdir as (f: fs.PathLike, o?: unknown) => unknown)(folder, options);
        }) as typeof fs.readdirSync);
      },
      expected: { code: CODES.fileUnreadable, file: 'tenants', message: /permission to read it, got EACCES/ },
    },
  ];

  test.each(folderRows)('$name', (row) => {
    const dir = path.join(root, row.name.replace(/\W+/g, '-'));
    copyFolder(path.join(EXAMPLES, 'starter'), dir);
    const result = loadWorkspace(row.make(dir) ?? dir);
    expect(result.model).toBeUndefined();
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ ...row.expected, message: expect.stringMatching(row.expected.message), line: 1, column: 1, path: '(root)' }));
    expect(JSON.stringify(result.diagnostics)).not.toContain('TOPSECRET');
  });
});

describe('bad output locations: refused with a reason before anything is read or written', () => {
  let root: string;
  beforeAll(() => { root = fs.mkdtempSync(path.join(os.tmpdir(), 'oaas-bad-outputs-')); });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  const workspace = path.join(EXAMPLES, 'starter');
  test.each([
    ['an empty path', () => '', /--out "": expected an output folder, got an empty path/],
    ['the working directory', () => '.', /got the working directory/],
    ['a parent of the working directory', () => '..', /got a folder that holds the working directory/],
    ['the project root', () => PACKAGE_ROOT, /got (the project root|the working directory)/],
    ['the workspace', () => workspace, /got the workspace folder/],
    ['a folder with files oaas did not write', () => { const dir = fs.mkdtempSync(path.join(root, 'foreign-')); fs.writeFileSync(path.join(dir, 'notes.txt'), 'x'); return dir; }, /got a folder with 1 other entry \("notes.txt"\)/],
    ['a file', () => { const file = path.join(root, 'file'); fs.writeFileSync(file, 'x'); return file; }, /expected a folder, got a file/],
    ['a symbolic link', () => { const link = path.join(root, 'link'); fs.symlinkSync(root, link); return link; }, /expected a folder, got a symbolic link/],
  ])('render --out: %s', (_name, out, message) => {
    expect(renderOutProblem(out(), workspace)).toMatch(message);
  });

  test.each([
    ['a symbolic link at the report', (dir: string) => fs.symlinkSync(path.join(root, 'victim'), path.join(dir, 'r.json')), /got a symbolic link/],
    ['a FIFO at the report', (dir: string) => execFileSync('mkfifo', [path.join(dir, 'r.json')]), /got a special file/],
    ['a folder at the report', (dir: string) => fs.mkdirSync(path.join(dir, 'r.json')), /got a folder/],
  ])('report --out: %s', (_name, plant, message) => {
    const dir = fs.mkdtempSync(path.join(root, 'reports-'));
    plant(dir);
    expect(reportOutProblem(dir, { json: 'r.json', html: 'r.html' })).toMatch(message);
  });
});

describe('JavaScript\'s own property names are names like any other', () => {
  test('a role, a permission and an endpoint named "constructor" resolve and render', () => {
    const edit = new Edit('starter')
      .replace('governance.yml', 'agent_developer:\n    title: Agent Developer', 'constructor:\n    title: Agent Developer')
      .replace('governance.yml', 'low_risk: [agent_developer]', 'low_risk: [constructor]')
      .replace('governance.yml', '  view_audit:\n', '  constructor:\n    description: Read events\n    kubernetes:\n      - { api_groups: [""], resources: [events], verbs: [get] }\n  view_audit:\n')
      .replace('governance.yml', 'permissions: [create_agents, modify_config, view_audit]', 'permissions: [create_agents, modify_config, view_audit, constructor]')
      .replace('context.yml', 'model-apis:\n    cidrs: [10.0.0.0/16]\n    ports: [443]', 'model-apis:\n    cidrs: [10.0.0.0/16]\n    ports: [443]\n  constructor:\n    cidrs: [10.9.0.0/16]\n    ports: [443]')
      .replace('tenants/web.yml', 'image: ghcr.io/starter/reviewer:1.2.0', 'image: ghcr.io/starter/reviewer:1.2.0\n        egress: [model-apis, constructor]');
    const result = loadTexts(edit.texts);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const files = renderManifests(result.model!);
    const web = files.get('dev/eu-west-1/web/web/manifests.yaml')!;
    expect(web).toContain('name: oaas:constructor');
    expect(web).toContain('cidr: 10.9.0.0/16');
  });
});

describe('diagnostics never print raw control characters or unbounded text', () => {
  test('escape sequences in keys, values and file names are escaped; long values are cut', () => {
    const edit = new Edit('starter')
      .replace('tenants/web.yml', 'team: web', '"te\\e[2Jam\\u202e": "\\e]0;x\\a"')
      .set('tenants/d\u001b[31ma\nta.yml', `${originals.starter['tenants/data.yml']!}${'z'.repeat(10_000)}: 1\n`)
      .remove('tenants/data.yml');
    const result = loadTexts(edit.texts);
    expect(result.model).toBeUndefined();
    for (const d of result.diagnostics) {
      for (const text of [d.file, d.path, d.message, d.hint]) {
        // eslint-disable-next-line no-control-regex -- what must not be there
        expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
        expect(text.length).toBeLessThanOrEqual(2000);
      }
    }
    expect(result.diagnostics.map((d) => d.file)).toContain('tenants/d\\u001b[31ma\\nta.yml');
  });
});
