/**
 * Namespaces that Kubernetes, EKS and the platform's own controllers use. A
 * module of its own, without the definition's parsers, so the manifest worker
 * can import it without loading zod and yaml.
 */
export const RESERVED_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'argocd', 'amazon-guardduty', 'oaas-system'];
