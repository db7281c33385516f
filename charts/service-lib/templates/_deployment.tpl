{{/*
The service's Deployment beside a Dapr sidecar. The injector reads the dapr.io annotations
(https://docs.dapr.io/reference/arguments-annotations-overview/). No spec.replicas: the HPA owns the count, so an
upgrade never resets a scaled-out service.
*/}}
{{- define "service-lib.deployment" -}}
{{- $svc := .svc -}}
{{- $dapr := .root.Values.dapr -}}
{{- $probePort := $svc.probePort | default $svc.appPort -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "service-lib.fullname" . }}
  labels:
    {{- include "service-lib.labels" . | nindent 4 }}
spec:
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "service-lib.selectorLabels" . | nindent 6 }}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  template:
    metadata:
      labels:
        {{- include "service-lib.labels" . | nindent 8 }}
      annotations:
        dapr.io/enabled: "true"
        dapr.io/app-id: {{ $svc.appId | quote }}
        dapr.io/app-port: {{ $svc.appPort | quote }}
        dapr.io/app-protocol: {{ $svc.appProtocol | quote }}
        dapr.io/config: {{ $dapr.configName | quote }}
        dapr.io/api-token-secret: {{ include "service-lib.daprApiTokenSecret" . | quote }}
        dapr.io/app-token-secret: {{ include "service-lib.appApiTokenSecret" . | quote }}
        dapr.io/enable-app-health-check: "true"
        dapr.io/app-health-check-path: "/healthz"
        dapr.io/log-as-json: "true"
        dapr.io/sidecar-cpu-request: {{ $svc.sidecar.resources.requests.cpu | quote }}
        dapr.io/sidecar-memory-request: {{ $svc.sidecar.resources.requests.memory | quote }}
        dapr.io/sidecar-cpu-limit: {{ $svc.sidecar.resources.limits.cpu | quote }}
        dapr.io/sidecar-memory-limit: {{ $svc.sidecar.resources.limits.memory | quote }}
        {{- with $svc.sidecar.volumeMounts }}
        dapr.io/volume-mounts: {{ . | quote }}
        {{- end }}
        {{- with $svc.sidecar.volumeMountsRw }}
        dapr.io/volume-mounts-rw: {{ . | quote }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "service-lib.fullname" . }}
      automountServiceAccountToken: true
      securityContext:
        runAsNonRoot: true
        runAsUser: {{ $svc.securityContext.runAsUser }}
        runAsGroup: {{ $svc.securityContext.runAsUser }}
        fsGroup: {{ $svc.securityContext.runAsUser }}
        seccompProfile:
          type: RuntimeDefault
      topologySpreadConstraints:
        {{- range list "topology.kubernetes.io/zone" "kubernetes.io/hostname" }}
        - maxSkew: 1
          topologyKey: {{ . }}
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              {{- include "service-lib.selectorLabels" $ | nindent 14 }}
        {{- end }}
      terminationGracePeriodSeconds: 30
      containers:
        - name: {{ $svc.name }}
          image: {{ include "service-lib.image" . | quote }}
          imagePullPolicy: {{ $svc.image.pullPolicy }}
          ports:
            - name: app
              containerPort: {{ $svc.appPort }}
              protocol: TCP
            {{- if $svc.probePort }}
            - name: probes
              containerPort: {{ $svc.probePort }}
              protocol: TCP
            {{- end }}
          env:
            # BuildingBlocks/AppPort: the port the app serves on (with APP_LISTEN_ADDRESS from the global env).
            - name: APP_PORT
              value: {{ $svc.appPort | quote }}
            {{- if eq $svc.appProtocol "h2c" }}
            # ServeH2cOnAppPort: cleartext HTTP/2 on the app port; HTTP/1.1 for the kubelet's probes on PROBE_PORT.
            {{- if $svc.probePort }}
            - name: PROBE_PORT
              value: {{ $svc.probePort | quote }}
            {{- end }}
            {{- else }}
            # Unprefixed, so it wins over an appsettings.json "Urls" (which binds localhost for dapr run).
            - name: Urls
              value: {{ printf "http://+:%v" $svc.appPort | quote }}
            {{- end }}
            {{- range $name, $value := mergeOverwrite (deepCopy (.root.Values.global.env | default dict)) ($svc.env | default dict) }}
            - name: {{ $name }}
              value: {{ tpl (toString $value) $.root | quote }}
            {{- end }}
            # The injector hands the tokens to daprd only: the app needs them too, to call its sidecar (the Dapr SDKs
            # read DAPR_API_TOKEN) and to refuse calls that do not come from it (APP_API_TOKEN).
            - name: DAPR_API_TOKEN
              valueFrom:
                secretKeyRef:
                  name: {{ include "service-lib.daprApiTokenSecret" . | quote }}
                  key: token
            - name: APP_API_TOKEN
              valueFrom:
                secretKeyRef:
                  name: {{ include "service-lib.appApiTokenSecret" . | quote }}
                  key: token
            {{- range $name, $ref := $svc.secretEnv }}
            - name: {{ $name }}
              valueFrom:
                secretKeyRef:
                  name: {{ $ref.secretName }}
                  key: {{ $ref.key }}
            {{- end }}
          startupProbe:
            httpGet:
              path: /healthz
              port: {{ $probePort }}
            periodSeconds: 2
            failureThreshold: 60
          livenessProbe:
            httpGet:
              path: /healthz
              port: {{ $probePort }}
            periodSeconds: 10
            timeoutSeconds: 3
            failureThreshold: 3
          readinessProbe:
            httpGet:
              path: /readyz
              port: {{ $probePort }}
            periodSeconds: 5
            timeoutSeconds: 3
            failureThreshold: 3
          resources:
            {{- toYaml $svc.resources | nindent 12 }}
          securityContext:
            runAsNonRoot: true
            readOnlyRootFilesystem: true
            allowPrivilegeEscalation: false
            privileged: false
            capabilities:
              drop: ["ALL"]
          volumeMounts:
            # The root filesystem is read-only; .NET and Node.js need a writable temp folder.
            - name: tmp
              mountPath: /tmp
            {{- range $svc.writablePaths }}
            - name: {{ .name }}
              mountPath: {{ .mountPath }}
            {{- end }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: 256Mi
        {{- range $svc.writablePaths }}
        - name: {{ .name }}
          emptyDir:
            sizeLimit: {{ .sizeLimit | default "256Mi" }}
        {{- end }}
        {{- range $svc.secretVolumes }}
        - name: {{ .name }}
          secret:
            secretName: {{ .secretName }}
        {{- end }}
{{- end -}}
