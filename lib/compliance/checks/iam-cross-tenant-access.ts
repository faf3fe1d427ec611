import type { CheckDefinition, Finding } from '../check';
import { fail, pass } from '../check';
import type { LocatedResource, PolicyStatement } from '../private/cfn';
import { asArray, cfnRef, flatten, get, inTemplate, isObject, refTarget, resourcesOfType, statementsOf, stringsOf } from '../private/cfn';
import { TAG_KEYS } from '../../conventions/naming';

const FIX = 'Give each tenant role only its own namespaces (trust policy, Pod Identity associations) and only its own data prefix (`tenants/<tenant>/`); see TenantWorkloadIdentity.';

/** Namespaces a role's trust policy admits: Pod Identity session tags or IRSA `sub` claims. */
function trustedNamespaces(role: LocatedResource): string[] {
  const out: string[] = [];
  for (const s of statementsOf(role.props.AssumeRolePolicyDocument)) {
    for (const entries of Object.values(s.Condition ?? {})) {
      for (const [key, value] of Object.entries(entries)) {
        const values = stringsOf(value);
        if (/kubernetes-namespace$/i.test(key)) out.push(...values);
        if (/:sub$/i.test(key)) out.push(...values.map((v) => /^system:serviceaccount:([^:]+):/.exec(v)?.[1]).filter((n): n is string => n !== undefined));
      }
    }
  }
  return out;
}

/** Policy statements that apply to the role: inline, and AWS::IAM::Policy / ManagedPolicy resources attached to it in its template. */
function statementsFor(role: LocatedResource): PolicyStatement[] {
  const attachedTo = (p: LocatedResource) => asArray(p.props.Roles).some((r) => refTarget(r) === role.logicalId);
  const managedIds = asArray(role.props.ManagedPolicyArns).map(refTarget);
  return [
    ...asArray(role.props.Policies).flatMap((p) => statementsOf(get(p, 'PolicyDocument'))),
    ...inTemplate(role.template, 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy')
      .filter((p) => attachedTo(p) || managedIds.includes(p.logicalId))
      .flatMap((p) => statementsOf(p.props.PolicyDocument)),
  ].filter((s) => s.Effect === 'Allow');
}

/** `{bucket, key}` of every S3 object ARN or prefix a statement names (resources and s3:prefix / encryption-context conditions). */
function s3Paths(s: PolicyStatement): Array<{ bucket: string; key: string }> {
  const arns = [...stringsOf(s.Resource)];
  for (const entries of Object.values(s.Condition ?? {})) {
    for (const [key, value] of Object.entries(entries)) if (/aws:s3:arn$/i.test(key)) arns.push(...stringsOf(value));
  }
  const out: Array<{ bucket: string; key: string }> = [];
  for (const arn of arns) {
    const m = /:s3:::([^/]+)\/(.*)$/.exec(arn);
    if (m) out.push({ bucket: m[1]!, key: m[2]! });
  }
  return out;
}

function tagValue(role: LocatedResource, key: string): string | undefined {
  const tag = asArray(role.props.Tags).find((t) => isObject(t) && t.Key === key);
  return tag && isObject(tag) && typeof tag.Value === 'string' ? tag.Value : undefined;
}

/** A tenant's role reaches nothing of another tenant: no other namespace, no other data prefix, no whole shared bucket. */
export const iamCrossTenantAccess: CheckDefinition = {
  id: 'iam-cross-tenant-access',
  title: 'Tenant roles stay within their tenant',
  description: 'Each tenant IAM role (tagged with its tenant, or trusted only by one tenant\'s namespaces) is assumable only from its own tenant\'s namespaces and reaches only its own tenant\'s S3 prefix: no other tenant\'s namespace, prefix, or wildcard over a bucket tenants share.',
  run: (evidence, req) => {
    const owner = new Map<string, string>();
    for (const t of req.tenants) {
      owner.set(t.id, t.id);
      for (const ns of t.namespaces) owner.set(ns, t.id);
    }
    const associations = resourcesOfType(evidence, 'AWS::EKS::PodIdentityAssociation');
    const roles = resourcesOfType(evidence, 'AWS::IAM::Role').map((role) => {
      const namespaces = [
        ...trustedNamespaces(role),
        ...associations.filter((a) => a.template === role.template && refTarget(a.props.RoleArn) === role.logicalId).map((a) => flatten(a.props.Namespace)),
      ];
      const reached = [...new Set(namespaces.map((n) => owner.get(n)).filter((t): t is string => t !== undefined))];
      const tenant = tagValue(role, TAG_KEYS.tenant) ?? (reached.length === 1 ? reached[0] : undefined);
      return { role, namespaces, reached, tenant, statements: statementsFor(role) };
    }).filter((r) => r.tenant !== undefined || r.reached.length > 1);
    // Buckets tenants share: those some tenant role reaches under a tenant prefix.
    const shared = new Set<string>();
    for (const r of roles) {
      for (const p of r.statements.flatMap(s3Paths)) if (p.key.split('/').some((seg) => owner.has(seg.replace(/\*$/, '')))) shared.add(p.bucket);
    }
    return roles.map(({ role, namespaces, reached, tenant, statements }): Finding => {
      const problems: string[] = [];
      if (tenant === undefined) problems.push(`trusted by namespaces of several tenants: ${reached.join(', ')}`);
      const foreignNs = namespaces.filter((n) => owner.has(n) && owner.get(n) !== tenant);
      if (tenant !== undefined && foreignNs.length > 0) problems.push(`assumable from namespaces of other tenants: ${[...new Set(foreignNs)].join(', ')}`);
      for (const p of statements.flatMap(s3Paths)) {
        const segments = p.key.split('/').map((seg) => seg.replace(/\*$/, ''));
        const foreign = segments.filter((seg) => owner.has(seg) && owner.get(seg) !== tenant);
        if (foreign.length > 0) problems.push(`reaches s3://${p.bucket}/${p.key}, data of tenant ${owner.get(foreign[0]!)}`);
        else if (shared.has(p.bucket) && !segments.some((seg) => owner.get(seg) === tenant)) problems.push(`reaches s3://${p.bucket}/${p.key}, beyond its own prefix of a bucket tenants share`);
      }
      return problems.length === 0
        ? pass(cfnRef(role), `tenant ${tenant}: own namespaces and data only`)
        : fail(cfnRef(role), `${tenant ? `tenant ${tenant}: ` : ''}${[...new Set(problems)].join('; ')}`, FIX);
    });
  },
};
