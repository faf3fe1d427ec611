import { Validations, aws_eks_v2 as eks } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** TLS 1.3 (with TLS 1.2 fallback) listener policy of the platform's load balancers. */
export const TLS13_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/** The controller name IngressClasses use for the AWS Load Balancer Controller. */
export const ALB_INGRESS_CONTROLLER = 'ingress.k8s.aws/alb';

const POLICY = 'AWS Load Balancer Controller: the IAM policy AWS publishes for the controller (shipped by aws-eks-v2 per version)';
const elb = (resource: string) => `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:elasticloadbalancing:*:*:${resource}]`;

/**
 * The wildcard findings of the controller's IAM policy (v3.2.2) with why each
 * is needed; a version with other findings fails the nag test until listed here.
 */
const CONTROLLER_POLICY_FINDINGS: ReadonlyArray<readonly [string, string]> = [
  ['AwsSolutions-IAM5[Resource::*]', `${POLICY}: Describe*/Get* calls and creating load balancers, target groups and security groups take no resource ARN; mutations are conditioned on the elbv2.k8s.aws/cluster tag.`],
  ['AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:*:*:security-group/*]', `${POLICY}: it tags and edits only security groups it created, by the elbv2.k8s.aws/cluster tag condition.`],
  ...['loadbalancer/app/*/*', 'loadbalancer/net/*/*', 'targetgroup/*/*', 'listener/app/*/*/*', 'listener/net/*/*/*', 'listener-rule/app/*/*/*', 'listener-rule/net/*/*/*']
    .map((resource): readonly [string, string] => [elb(resource), `${POLICY}: load balancer names are generated per Ingress; tagging and edits are conditioned on the cluster tag.`]),
  ['HIPAA.Security-IAMNoInlinePolicy', `${POLICY}: aws-eks-v2 attaches it to the IRSA role as its default policy.`],
  ['NIST.800.53.R5-IAMNoInlinePolicy', `${POLICY}: aws-eks-v2 attaches it to the IRSA role as its default policy.`],
];

export interface LoadBalancerControllerProps {
  /** The cluster the controller runs on (it needs the cluster's kubectl handler). */
  readonly cluster: eks.Cluster;
  /** Pinned controller version with its Helm chart version and IAM policy. */
  readonly version: eks.AlbControllerVersion;
  /**
   * Listener SSL policy of every ALB of the ingress class (and the controller's default).
   * @default TLS13_SSL_POLICY
   */
  readonly sslPolicy?: string;
  /**
   * WAFv2 web ACL attached to every ALB of the ingress class (`IngressClassParams.spec.wafv2AclArn`,
   * the class-wide form of the `alb.ingress.kubernetes.io/wafv2-acl-arn` annotation).
   * @default - no web ACL
   */
  readonly webAclArn?: string;
  /**
   * Name of the IngressClass and its IngressClassParams.
   * @default 'alb'
   */
  readonly ingressClassName?: string;
  /**
   * Make the class the cluster's default IngressClass.
   * @default true
   */
  readonly defaultIngressClass?: boolean;
}

/**
 * The AWS Load Balancer Controller (aws-eks-v2 `AlbController`: Helm chart
 * plus an IRSA service account with the version's IAM policy), and an
 * IngressClass whose IngressClassParams pin the listener SSL policy to TLS 1.3
 * and attach the regional web ACL, so an Ingress cannot opt out of either.
 * The chart's own IngressClass and IngressClassParams are turned off: this
 * construct owns them.
 */
export class LoadBalancerController extends Construct {
  public readonly controller: eks.AlbController;
  public readonly ingressClass: eks.KubernetesManifest;
  public readonly ingressClassName: string;

  constructor(scope: Construct, id: string, props: LoadBalancerControllerProps) {
    super(scope, id);
    const sslPolicy = props.sslPolicy ?? TLS13_SSL_POLICY;
    this.ingressClassName = props.ingressClassName ?? 'alb';

    this.controller = new eks.AlbController(this, 'Controller', {
      cluster: props.cluster,
      version: props.version,
      additionalHelmChartValues: {
        createIngressClassResource: false,
        ingressClassParams: { create: false },
        defaultSSLPolicy: sslPolicy,
        enableWafv2: true,
      },
    });

    for (const [id, reason] of CONTROLLER_POLICY_FINDINGS) Validations.of(this.controller).acknowledge({ id, reason });

    const spec: Record<string, string> = { sslPolicy };
    if (props.webAclArn !== undefined) spec.wafv2AclArn = props.webAclArn;
    this.ingressClass = new eks.KubernetesManifest(this, 'IngressClass', {
      cluster: props.cluster,
      overwrite: true,
      manifest: [
        {
          apiVersion: 'elbv2.k8s.aws/v1beta1',
          kind: 'IngressClassParams',
          metadata: { name: this.ingressClassName },
          spec,
        },
        {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'IngressClass',
          metadata: {
            name: this.ingressClassName,
            annotations: { 'ingressclass.kubernetes.io/is-default-class': String(props.defaultIngressClass ?? true) },
          },
          spec: {
            controller: ALB_INGRESS_CONTROLLER,
            parameters: { apiGroup: 'elbv2.k8s.aws', kind: 'IngressClassParams', name: this.ingressClassName },
          },
        },
      ],
    });
    // The IngressClassParams CRD comes with the controller's chart.
    this.ingressClass.node.addDependency(this.controller);
  }
}
