import { aws_guardduty as guardduty } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** How often GuardDuty publishes updates of active findings to EventBridge and Security Hub. */
export enum FindingPublishingFrequency {
  FIFTEEN_MINUTES = 'FIFTEEN_MINUTES',
  ONE_HOUR = 'ONE_HOUR',
  SIX_HOURS = 'SIX_HOURS',
}

export interface ThreatDetectionProps {
  /**
   * Analyse the Kubernetes audit logs of the account's EKS clusters (`EKS_AUDIT_LOGS`).
   * @default true
   */
  readonly eksAuditLogs?: boolean;
  /**
   * Runtime Monitoring of EKS nodes and pods (`RUNTIME_MONITORING`, which
   * supersedes `EKS_RUNTIME_MONITORING`; the two cannot be set together).
   * @default true
   */
  readonly runtimeMonitoring?: boolean;
  /**
   * Let GuardDuty install and update its security agent as an EKS add-on in
   * every cluster (`EKS_ADDON_MANAGEMENT`). Only used with `runtimeMonitoring`.
   * @default true
   */
  readonly eksAddonManagement?: boolean;
  /**
   * Analyse S3 data events (`S3_DATA_EVENTS`).
   * @default true
   */
  readonly s3DataEvents?: boolean;
  /**
   * Scan the EBS volumes of instances with suspicious findings for malware (`EBS_MALWARE_PROTECTION`).
   * @default true
   */
  readonly ebsMalwareProtection?: boolean;
  /**
   * @default FindingPublishingFrequency.FIFTEEN_MINUTES
   */
  readonly findingPublishingFrequency?: FindingPublishingFrequency;
}

const status = (on: boolean) => (on ? 'ENABLED' : 'DISABLED');

/**
 * The GuardDuty detector of one account and region. Every protection plan the
 * props name is written with an explicit status, so turning one off in the
 * definition disables it rather than leaving whatever was there.
 *
 * An account-region has at most one detector: if GuardDuty is already enabled
 * (by hand or by an Organizations delegated administrator), import it instead.
 */
export class ThreatDetection extends Construct {
  /** The detector id. */
  public readonly detectorId: string;

  constructor(scope: Construct, id: string, props: ThreatDetectionProps = {}) {
    super(scope, id);
    const runtime = props.runtimeMonitoring ?? true;
    const features: guardduty.CfnDetector.CFNFeatureConfigurationProperty[] = [
      { name: 'EKS_AUDIT_LOGS', status: status(props.eksAuditLogs ?? true) },
      {
        name: 'RUNTIME_MONITORING',
        status: status(runtime),
        additionalConfiguration: [{ name: 'EKS_ADDON_MANAGEMENT', status: status(runtime && (props.eksAddonManagement ?? true)) }],
      },
      { name: 'S3_DATA_EVENTS', status: status(props.s3DataEvents ?? true) },
      { name: 'EBS_MALWARE_PROTECTION', status: status(props.ebsMalwareProtection ?? true) },
    ];
    const detector = new guardduty.CfnDetector(this, 'Detector', {
      enable: true,
      findingPublishingFrequency: props.findingPublishingFrequency ?? FindingPublishingFrequency.FIFTEEN_MINUTES,
      features,
    });
    this.detectorId = detector.ref;
  }
}
