{{/* The services to install: every entry of .Values.services whose "enabled" is not false, in name order. */}}
{{- define "space-of-sport.enabledServices" -}}
{{- $enabled := list -}}
{{- range $name := keys .Values.services | sortAlpha -}}
{{- if ne (index $.Values.services $name).enabled false -}}
{{- $enabled = append $enabled $name -}}
{{- end -}}
{{- end -}}
{{- toJson $enabled -}}
{{- end -}}
