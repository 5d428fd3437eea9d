{{/* Chart name, overridable. */}}
{{- define "wharf.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: release-name-chart unless the release name already contains the chart name. */}}
{{- define "wharf.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "wharf.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "wharf.selectorLabels" -}}
app.kubernetes.io/name: {{ include "wharf.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "wharf.labels" -}}
helm.sh/chart: {{ include "wharf.chart" . }}
{{ include "wharf.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: wharf
{{- end }}

{{- define "wharf.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "wharf.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The Secret the pod reads: an existing one, or the chart's own. */}}
{{- define "wharf.secretName" -}}
{{- default (include "wharf.fullname" .) .Values.secrets.existingSecret }}
{{- end }}

{{/* "true" when an external PostgreSQL is configured, else "". */}}
{{- define "wharf.externalDatabase" -}}
{{- if or .Values.database.url (and .Values.secrets.existingSecret .Values.database.urlFromExistingSecret) }}true{{- end }}
{{- end }}

{{/* The most pods that can run at once. */}}
{{- define "wharf.maxReplicas" -}}
{{- if .Values.autoscaling.enabled }}{{ max (int .Values.replicaCount) (int .Values.autoscaling.maxReplicas) }}{{ else }}{{ int .Values.replicaCount }}{{ end }}
{{- end }}

{{/* Fails the render on combinations the schema cannot express. */}}
{{- define "wharf.validate" -}}
{{- if and (gt (int (include "wharf.maxReplicas" .)) 1) (not (include "wharf.externalDatabase" .)) }}
{{- fail "Wharf with more than one replica (replicaCount > 1 or autoscaling) needs an external PostgreSQL: set database.url (with database.username/password), or secrets.existingSecret with a database-url key and database.urlFromExistingSecret=true. The embedded database lives inside a single pod." }}
{{- end }}
{{- if and .Values.persistence.enabled (ne .Values.persistence.accessMode "ReadWriteMany") (gt (int (include "wharf.maxReplicas" .)) 1) }}
{{- fail "persistence.enabled with more than one replica needs persistence.accessMode=ReadWriteMany (one claim is shared by every pod); with an external PostgreSQL the data volume can stay an emptyDir (persistence.enabled=false)." }}
{{- end }}
{{- if and .Values.database.urlFromExistingSecret (not .Values.secrets.existingSecret) }}
{{- fail "database.urlFromExistingSecret=true needs secrets.existingSecret (a Secret with a database-url key)." }}
{{- end }}
{{- if and .Values.autoscaling.enabled (gt (int .Values.autoscaling.minReplicas) (int .Values.autoscaling.maxReplicas)) }}
{{- fail "autoscaling.minReplicas must not be greater than autoscaling.maxReplicas." }}
{{- end }}
{{- end }}
