import type { CfnElement } from 'aws-cdk-lib';
import { aws_eks_v2 as eks } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ALB_INGRESS_CONTROLLER, LoadBalancerController, TLS13_SSL_POLICY } from '../../../constructs/cluster/load-balancer-controller';
import type { LoadBalancerControllerProps } from '../../../constructs/cluster/load-balancer-controller';
import { nagFindings } from '../../helpers/nag';
import { clusterFixture } from './fixture';

const WEB_ACL = 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/acme-prod-eu-west-1/0a1b2c3d';

function build(props: Partial<Omit<LoadBalancerControllerProps, 'cluster'>> = {}) {
  const fixture = clusterFixture();
  const controller = new LoadBalancerController(fixture.stack, 'Lbc', { cluster: fixture.cluster, version: eks.AlbControllerVersion.V3_2_2, webAclArn: WEB_ACL, ...props });
  return { ...fixture, controller, template: Template.fromStack(fixture.stack) };
}

type Manifest = Array<{ apiVersion: string; kind: string; metadata: { name: string; annotations?: Record<string, string> }; spec: Record<string, unknown> }>;

/** The IngressClassParams and IngressClass manifest. */
function ingressClassManifest(template: Template): Manifest {
  const manifests = Object.values(template.findResources('Custom::AWSCDK-EKS-KubernetesResource'))
    .map((r): unknown => r.Properties.Manifest)
    .filter((m): m is string => typeof m === 'string' && m.includes('IngressClassParams'));
  expect(manifests).toHaveLength(1);
  return JSON.parse(manifests[0]!) as Manifest;
}

describe('LoadBalancerController', () => {
  const { template, stack, controller } = build();
  const [params, ingressClass] = ingressClassManifest(template) as [Manifest[number], Manifest[number]];

  test('installs the AWS Load Balancer Controller chart at the pinned version with TLS 1.3 as its default SSL policy', () => {
    template.hasResourceProperties('Custom::AWSCDK-EKS-HelmChart', {
      Chart: 'aws-load-balancer-controller',
      Repository: 'https://aws.github.io/eks-charts',
      Version: '3.2.2',
      Namespace: 'kube-system',
    });
    const chart = Object.values(template.findResources('Custom::AWSCDK-EKS-HelmChart'))[0]!;
    const values = JSON.stringify(chart.Properties.Values);
    expect(values).toContain('\\"defaultSSLPolicy\\":\\"ELBSecurityPolicy-TLS13-1-2-2021-06\\"');
    expect(values).toContain('\\"createIngressClassResource\\":false');
    expect(values).toContain('\\"ingressClassParams\\":{\\"create\\":false}');
    expect(values).toContain('\\"enableWafv2\\":true');
  });

  test('renders IngressClassParams with the TLS 1.3 SSL policy and the web ACL', () => {
    expect(TLS13_SSL_POLICY).toBe('ELBSecurityPolicy-TLS13-1-2-2021-06');
    expect(params).toMatchObject({
      apiVersion: 'elbv2.k8s.aws/v1beta1',
      kind: 'IngressClassParams',
      metadata: { name: 'alb' },
      spec: { sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', wafv2AclArn: WEB_ACL },
    });
  });

  test('renders the default IngressClass bound to those parameters', () => {
    expect(ingressClass).toMatchObject({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'alb', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } },
      spec: { controller: ALB_INGRESS_CONTROLLER, parameters: { apiGroup: 'elbv2.k8s.aws', kind: 'IngressClassParams', name: 'alb' } },
    });
  });

  test('applies the ingress class after the controller, whose chart brings the IngressClassParams CRD', () => {
    const resources = template.toJSON().Resources as Record<string, { DependsOn?: string[] }>;
    const ingressId = stack.getLogicalId(controller.ingressClass.node.findChild('Resource').node.defaultChild as CfnElement);
    const chartId = stack.getLogicalId(controller.controller.node.findChild('Resource').node.findChild('Resource').node.defaultChild as CfnElement);
    expect(resources[ingressId]!.DependsOn).toContain(chartId);
  });

  test('gives the controller an IRSA role with the version\'s IAM policy', () => {
    const manifests = JSON.stringify(template.findResources('Custom::AWSCDK-EKS-KubernetesResource'));
    expect(manifests).toContain('\\"kind\\":\\"ServiceAccount\\",\\"metadata\\":{\\"name\\":\\"aws-load-balancer-controller\\",\\"namespace\\":\\"kube-system\\"');
    expect(manifests).toContain('eks.amazonaws.com/role-arn');
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policies).toContain('wafv2:AssociateWebACL');
    expect(policies).toContain('elasticloadbalancing:CreateLoadBalancer');
  });

  test('leaves the web ACL out when none is given, and uses the class name and default flag given', () => {
    const [p, c] = ingressClassManifest(build({ webAclArn: undefined, ingressClassName: 'internal-alb', defaultIngressClass: false }).template);
    expect(p!.spec).toEqual({ sslPolicy: TLS13_SSL_POLICY });
    expect(p!.metadata.name).toBe('internal-alb');
    expect(c!.metadata.annotations).toEqual({ 'ingressclass.kubernetes.io/is-default-class': 'false' });
  });

  test('leaves no unacknowledged cdk-nag errors', () => {
    const fixture = clusterFixture();
    const lbc = new LoadBalancerController(fixture.stack, 'Lbc', { cluster: fixture.cluster, version: eks.AlbControllerVersion.V3_2_2, webAclArn: WEB_ACL });
    expect(nagFindings(fixture.app, { scope: lbc })).toEqual([]);
  });
});
