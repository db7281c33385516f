{{/*
The values of one service as the templates use them: the including chart's "serviceDefaults" deep-merged under the
service's own entry, plus its name (the map key) and app-id (appId, or the name).
Call with (dict "root" $ "name" $name "values" $values).
*/}}
{{- define "service-lib.resolve" -}}
{{- $merged := mergeOverwrite (deepCopy (.root.Values.serviceDefaults | default dict)) (deepCopy .values) -}}
{{- $_ := set $merged "name" .name -}}
{{- $_ := set $merged "appId" ($merged.appId | default .name) -}}
{{- toYaml $merged -}}
{{- end -}}

{{- define "service-lib.fullname" -}}
{{- printf "%s-%s" .root.Release.Name .svc.name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "service-lib.selectorLabels" -}}
app.kubernetes.io/name: {{ .svc.name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "service-lib.labels" -}}
{{ include "service-lib.selectorLabels" . }}
app.kubernetes.io/part-of: space-of-sport
app.kubernetes.io/version: {{ .svc.image.tag | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* The app's own Dapr API token Secret (app to sidecar) and app API token Secret (sidecar to app). */}}
{{- define "service-lib.daprApiTokenSecret" -}}
{{- printf "%s-%s-dapr-api-token" .root.Values.dapr.tokenSecretPrefix .svc.appId | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "service-lib.appApiTokenSecret" -}}
{{- printf "%s-%s-app-api-token" .root.Values.dapr.tokenSecretPrefix .svc.appId | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "service-lib.image" -}}
{{- $registry := .root.Values.global.imageRegistry | default "" -}}
{{- if $registry -}}
{{ printf "%s/%s:%s" (trimSuffix "/" $registry) .svc.image.repository .svc.image.tag }}
{{- else -}}
{{ printf "%s:%s" .svc.image.repository .svc.image.tag }}
{{- end -}}
{{- end -}}

{{/* Everything one service needs, in a stable order. Call with (dict "root" $ "name" $name "values" $values). */}}
{{- define "service-lib.service" -}}
{{- $svc := include "service-lib.resolve" . | fromYaml -}}
{{- $ctx := dict "root" .root "svc" $svc -}}
{{ include "service-lib.serviceAccount" $ctx }}
---
{{ include "service-lib.k8sService" $ctx }}
---
{{ include "service-lib.deployment" $ctx }}
---
{{ include "service-lib.hpa" $ctx }}
---
{{ include "service-lib.pdb" $ctx }}
{{- if $svc.networkPolicy.enabled }}
---
{{ include "service-lib.networkPolicy" $ctx }}
{{- end }}
{{- end -}}
