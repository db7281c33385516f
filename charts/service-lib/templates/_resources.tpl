{{- define "service-lib.serviceAccount" -}}
{{- $svc := .svc -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "service-lib.fullname" . }}
  labels:
    {{- include "service-lib.labels" . | nindent 4 }}
  {{- with $svc.serviceAccount.roleArn }}
  annotations:
    # IRSA: the sidecar's AWS SDK (DynamoDB, SNS/SQS, SES, Secrets Manager) assumes this role; no access keys anywhere.
    eks.amazonaws.com/role-arn: {{ tpl (replace "{name}" $svc.name .) $.root | quote }}
  {{- end }}
{{- end -}}

{{- define "service-lib.k8sService" -}}
{{- $svc := .svc -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "service-lib.fullname" . }}
  labels:
    {{- include "service-lib.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "service-lib.selectorLabels" . | nindent 4 }}
  ports:
    - name: app
      port: {{ $svc.appPort }}
      targetPort: app
      protocol: TCP
      {{- if eq $svc.appProtocol "h2c" }}
      appProtocol: kubernetes.io/h2c
      {{- end }}
{{- end -}}

{{- define "service-lib.hpa" -}}
{{- $svc := .svc -}}
{{- if lt (int $svc.autoscaling.maxReplicas) (int $svc.replicas) }}
{{- fail (printf "services.%s: autoscaling.maxReplicas (%v) is below replicas (%v)" $svc.name $svc.autoscaling.maxReplicas $svc.replicas) }}
{{- end }}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "service-lib.fullname" . }}
  labels:
    {{- include "service-lib.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "service-lib.fullname" . }}
  minReplicas: {{ $svc.replicas }}
  maxReplicas: {{ $svc.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $svc.autoscaling.targetCPUUtilizationPercentage }}
{{- end -}}

{{- define "service-lib.pdb" -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "service-lib.fullname" . }}
  labels:
    {{- include "service-lib.labels" . | nindent 4 }}
spec:
  # One pod at a time, whatever the count: a single-replica service can still be drained (minAvailable would block it).
  maxUnavailable: 1
  selector:
    matchLabels:
      {{- include "service-lib.selectorLabels" . | nindent 6 }}
{{- end -}}

{{/*
Who may open connections to the pod: sidecars of the shop and the Dapr control plane (namespace dapr-system) on
Dapr's internal gRPC port 50002 (service invocation goes sidecar to sidecar); the apps named in
networkPolicy.appPortFrom on the app port (the gateway, for the storefront it proxies to); anyone on the app port of a
"public" service (the gateway: the ALB targets pod IPs). The sidecar reaches its app on localhost and the kubelet's
probes come from the node: no policy filters either.
*/}}
{{- define "service-lib.networkPolicy" -}}
{{- $svc := .svc -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "service-lib.fullname" . }}
  labels:
    {{- include "service-lib.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "service-lib.selectorLabels" . | nindent 6 }}
  policyTypes: ["Ingress"]
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app.kubernetes.io/part-of: space-of-sport
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: {{ .root.Values.dapr.controlPlaneNamespace }}
      ports:
        - port: 50002
          protocol: TCP
    {{- if $svc.public }}
    - ports:
        - port: {{ $svc.appPort }}
          protocol: TCP
    {{- else if $svc.networkPolicy.appPortFrom }}
    - from:
        {{- range $svc.networkPolicy.appPortFrom }}
        - podSelector:
            matchLabels:
              app.kubernetes.io/name: {{ . }}
              app.kubernetes.io/instance: {{ $.root.Release.Name }}
        {{- end }}
      ports:
        - port: {{ $svc.appPort }}
          protocol: TCP
    {{- end }}
{{- end -}}
