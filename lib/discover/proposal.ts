/**
 * `oaas discover --write`: the accounts part of workspace.yml as the
 * organization has it, for a person to review and copy. It is a separate
 * snippet; the user's workspace.yml is never edited.
 *
 * Each environment keeps its account when the organization has it, with the
 * OU the account really sits in. An account missing from the organization is
 * replaced by the one unreferenced account whose name contains the
 * environment's name, when there is exactly one; otherwise it is kept and
 * flagged in a comment.
 */
import { Document, isMap, isScalar, isSeq } from 'yaml';
import type { DefinitionAccounts } from './compare';
import type { AccountInfo, OrganizationSnapshot } from './snapshot';
import { INACTIVE_STATES, accountState } from './snapshot';

interface ProposedEnvironment {
  readonly entry: { name: string; account: string; organizational_unit?: string };
  /** Comments on the entry, on its account and on its organizational_unit. */
  readonly notes: { entry: string[]; account: string[]; unit: string[] };
}

function tokens(text: string): string[] {
  return text.toLowerCase().split(/[^a-z0-9]+/).filter((t) => t !== '');
}

/** True when the account's name contains the environment's name as whole words, e.g. `acme-staging` for `staging`. */
export function nameMatches(accountName: string, environment: string): boolean {
  const words = tokens(accountName);
  const wanted = tokens(environment);
  if (wanted.length === 0) return false;
  for (let i = 0; i + wanted.length <= words.length; i++) {
    if (wanted.every((w, j) => words[i + j] === w)) return true;
  }
  return false;
}

function unitNote(snapshot: OrganizationSnapshot, account: AccountInfo): { unit?: string; note: string } {
  const unit = snapshot.organizationalUnits.find((u) => u.id === account.parentId);
  if (unit) return { unit: unit.id, note: unit.path };
  const root = snapshot.roots.find((r) => r.id === account.parentId);
  return { note: `directly under ${root ? `root ${root.id} (${root.name})` : account.parentId}; no organizational_unit` };
}

function proposeEnvironment(
  env: DefinitionAccounts['environments'][number],
  snapshot: OrganizationSnapshot,
  byId: ReadonlyMap<string, AccountInfo>,
  available: Set<string>,
): ProposedEnvironment {
  const notes = { entry: [] as string[], account: [] as string[], unit: [] as string[] };
  let account = byId.get(env.account);
  if (!account) {
    const candidates = [...available].map((id) => byId.get(id)!).filter((a) => nameMatches(a.name, env.name));
    if (candidates.length === 1) {
      account = candidates[0]!;
      available.delete(account.id);
      notes.account.push(`was ${env.account} (not in ${snapshot.organization.id}); matched by account name "${account.name}"`);
    } else {
      const why = candidates.length === 0
        ? `no unreferenced account is named like "${env.name}"`
        : `several accounts are named like "${env.name}": ${candidates.map((a) => `${a.id} ${a.name}`).join(', ')}`;
      notes.account.push(`NOT in ${snapshot.organization.id}; ${why}`);
      const entry = { name: env.name, account: env.account, ...(env.organizationalUnit ? { organizational_unit: env.organizationalUnit } : {}) };
      return { entry, notes };
    }
  } else {
    notes.account.push(account.name);
  }
  const state = accountState(account);
  if (INACTIVE_STATES.has(state)) notes.entry.push(`account ${account.id} is ${state} in the organization`);
  const { unit, note } = unitNote(snapshot, account);
  const unitNotes = [note, ...(env.organizationalUnit !== undefined && env.organizationalUnit !== unit ? [`was ${env.organizationalUnit}`] : [])];
  // Without an OU there is no organizational_unit line to comment on.
  if (unit) notes.unit.push(...unitNotes);
  else notes.account.push(...unitNotes);
  return { entry: { name: env.name, account: account.id, ...(unit ? { organizational_unit: unit } : {}) }, notes };
}

const comment = (lines: readonly string[]): string | undefined => (lines.length > 0 ? ` ${lines.join('; ')}` : undefined);

export function proposeAccounts(model: DefinitionAccounts, snapshot: OrganizationSnapshot): string {
  const { id: organizationId, managementAccountId } = snapshot.organization;
  const byId = new Map(snapshot.accounts.map((a) => [a.id, a]));
  const referenced = new Set([managementAccountId, model.organization.managementAccount, ...model.environments.map((e) => e.account)]);
  const available = new Set(snapshot.accounts.filter((a) => !referenced.has(a.id)).map((a) => a.id).sort());
  const environments = model.environments.map((env) => proposeEnvironment(env, snapshot, byId, available));

  const doc = new Document({
    organization: { management_account: managementAccountId },
    environments: environments.map((e) => e.entry),
  });
  doc.commentBefore = [
    ` Accounts of workspace.yml as organization ${organizationId} has them, proposed by \`oaas discover\`.`,
    ' Review, then copy the values into workspace.yml; oaas does not read this file.',
  ].join('\n');

  const organization = doc.get('organization');
  const management = isMap(organization) ? organization.items[0] : undefined;
  const managementName = byId.get(managementAccountId)?.name;
  const managementNotes = [
    ...(managementName ? [managementName] : []),
    ...(model.organization.managementAccount !== managementAccountId ? [`was ${model.organization.managementAccount}`] : []),
  ];
  if (management && isScalar(management.value)) management.value.comment = comment(managementNotes);

  const list = doc.get('environments');
  if (isSeq(list)) {
    list.items.forEach((item, i) => {
      const proposed = environments[i];
      if (!proposed || !isMap(item)) return;
      if (proposed.notes.entry.length > 0) item.commentBefore = proposed.notes.entry.map((line) => ` ${line}`).join('\n');
      for (const pair of item.items) {
        if (!isScalar(pair.key) || !isScalar(pair.value)) continue;
        if (pair.key.value === 'account') pair.value.comment = comment(proposed.notes.account);
        if (pair.key.value === 'organizational_unit') pair.value.comment = comment(proposed.notes.unit);
      }
    });
  }

  const left = [...available].map((id) => byId.get(id)!);
  if (left.length > 0) {
    doc.comment = [
      ' Accounts of the organization that no environment uses:',
      ...left.map((a) => {
        const { unit, note } = unitNote(snapshot, a);
        return `   ${a.id}  ${a.name}  ${accountState(a)}  ${unit ? `${unit} (${note})` : note}`;
      }),
    ].join('\n');
  }
  return doc.toString({ lineWidth: 0 });
}
