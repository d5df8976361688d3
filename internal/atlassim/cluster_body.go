package atlassim

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
)

// The create and update bodies of the flex API (flex.go) and the serverless
// API (serverless.go) describe the same kind of deployment: a name, a
// backing provider and region, tags and termination protection. Both APIs
// read them here, so a rule (which error wins, what a null means) cannot
// drift between them. What really differs is data in clusterCreateAPI:
//
//   - top-level keys: only the serverless body takes serverlessBackupOptions;
//     backupSettings, clusterType and versionReleaseSystem are read-only in
//     the flex body and unknown (INVALID_ATTRIBUTE) in the serverless one;
//   - providerSettings keys: diskSizeGB and providerName are read-only in the
//     flex body; the serverless body takes providerName (only "SERVERLESS",
//     else INVALID_ATTRIBUTE) and calls its effective* keys read-only;
//   - the serverless update body also takes serverlessBackupOptions.
//
// Everything else, error codes included, is the same in both APIs.

// clusterCreateAPI is what one API accepts in a create body.
type clusterCreateAPI struct {
	body             bodyFields // top-level keys
	providerSettings bodyFields // keys of providerSettings
	// providerName is the only value providerSettings.providerName may
	// have, for an API that lists it in providerSettings.allowed.
	providerName string
}

var flexCreateAPI = clusterCreateAPI{
	body: bodyFields{
		allowed: []string{"name", "providerSettings", "tags", "terminationProtectionEnabled"},
		readOnly: []string{"backupSettings", "clusterType", "connectionStrings", "createDate", "groupId", "id",
			"links", "mongoDBVersion", "stateName", "versionReleaseSystem"},
		required: []string{"name", "providerSettings"},
	},
	providerSettings: bodyFields{
		allowed:  []string{"backingProviderName", "regionName"},
		readOnly: []string{"diskSizeGB", "providerName"},
		required: []string{"backingProviderName", "regionName"},
	},
}

var serverlessCreateAPI = clusterCreateAPI{
	body: bodyFields{
		allowed:  []string{"name", "providerSettings", "serverlessBackupOptions", "tags", "terminationProtectionEnabled"},
		readOnly: []string{"connectionStrings", "createDate", "groupId", "id", "links", "mongoDBVersion", "stateName"},
		required: []string{"name", "providerSettings"},
	},
	providerSettings: bodyFields{
		allowed:  []string{"backingProviderName", "providerName", "regionName"},
		readOnly: []string{"effectiveDiskSizeGBLimit", "effectiveInstanceSizeName", "effectiveProviderName"},
		required: []string{"backingProviderName", "regionName"},
	},
	providerName: "SERVERLESS",
}

// Top-level keys of the update bodies.
var (
	flexUpdateFields       = bodyFields{allowed: []string{"tags", "terminationProtectionEnabled"}}
	serverlessUpdateFields = bodyFields{allowed: []string{"serverlessBackupOptions", "tags", "terminationProtectionEnabled"}}
)

// clusterSettings are the fields a create sets and an update may change.
// continuousBackup only means something to a real serverless instance.
type clusterSettings struct {
	tags             []Tag
	protected        bool
	continuousBackup bool
}

// clusterCreateBody is a create body that passed every check.
type clusterCreateBody struct {
	name, provider, region string
	clusterSettings
}

// decodeClusterCreate reads and checks a create body for project p. The
// order of the checks decides which error a body with several problems
// gets: the shape of the body first (keys, then each field in turn), then
// the name rules, the provider and region, and last the name's uniqueness.
func decodeClusterCreate(p *project, body []byte, api clusterCreateAPI) (clusterCreateBody, *apiError) {
	var b clusterCreateBody
	fields, apiErr := decodeObject(body, api.body)
	if apiErr != nil {
		return b, apiErr
	}
	if _, apiErr := decodeField(fields, "name", &b.name); apiErr != nil {
		return b, apiErr
	}
	settings, apiErr := decodeNestedObject("providerSettings", fields["providerSettings"], api.providerSettings)
	if apiErr != nil {
		return b, apiErr
	}
	if _, apiErr := decodeField(settings, "backingProviderName", &b.provider); apiErr != nil {
		return b, errInvalidAttribute("providerSettings.backingProviderName")
	}
	if _, apiErr := decodeField(settings, "regionName", &b.region); apiErr != nil {
		return b, errInvalidAttribute("providerSettings.regionName")
	}
	var providerName string
	if present, apiErr := decodeField(settings, "providerName", &providerName); apiErr != nil || (present && providerName != api.providerName) {
		return b, errInvalidAttribute("providerSettings.providerName")
	}
	if b.clusterSettings, apiErr = decodeClusterSettings(fields, clusterSettings{continuousBackup: true}); apiErr != nil {
		return b, apiErr
	}

	if apiErr := validateClusterName(b.name); apiErr != nil {
		return b, apiErr
	}
	regions, known := flexRegions[b.provider]
	if !known {
		return b, newError(http.StatusBadRequest, "INVALID_PROVIDER",
			fmt.Sprintf("No provider %s exists.", b.provider), b.provider)
	}
	if !slices.Contains(regions, b.region) {
		return b, newError(http.StatusBadRequest, "INVALID_REGION",
			fmt.Sprintf("No region %s exists for provider %s.", b.region, b.provider), b.region, b.provider)
	}
	if p.clusterNameUsed(b.name) {
		return b, newError(http.StatusBadRequest, "DUPLICATE_CLUSTER_NAME",
			fmt.Sprintf("A cluster named %s is already present in group %s.", b.name, p.id), b.name, p.id)
	}
	return b, nil
}

// decodeClusterUpdate reads an update body; what it leaves out (or sends as
// null) keeps its value in current.
func decodeClusterUpdate(body []byte, spec bodyFields, current clusterSettings) (clusterSettings, *apiError) {
	fields, apiErr := decodeObject(body, spec)
	if apiErr != nil {
		return current, apiErr
	}
	return decodeClusterSettings(fields, current)
}

// decodeClusterSettings reads serverlessBackupOptions (only ever present
// where the API's bodyFields allow it), terminationProtectionEnabled and
// tags, in that order, over current.
func decodeClusterSettings(fields map[string]json.RawMessage, current clusterSettings) (clusterSettings, *apiError) {
	var apiErr *apiError
	if raw, present := fields["serverlessBackupOptions"]; present && string(raw) != "null" {
		if current.continuousBackup, apiErr = decodeBackupOptions(raw, current.continuousBackup); apiErr != nil {
			return current, apiErr
		}
	}
	if _, apiErr := decodeField(fields, "terminationProtectionEnabled", &current.protected); apiErr != nil {
		return current, apiErr
	}
	if raw, present := fields["tags"]; present && string(raw) != "null" {
		if current.tags, apiErr = decodeTags(raw); apiErr != nil {
			return current, apiErr
		}
	}
	return current, nil
}

// decodeBackupOptions reads ClusterServerlessBackupOptions strictly.
func decodeBackupOptions(raw []byte, current bool) (bool, *apiError) {
	opts, apiErr := decodeNestedObject("serverlessBackupOptions", raw, bodyFields{
		allowed: []string{"serverlessContinuousBackupEnabled"},
	})
	if apiErr != nil {
		return current, apiErr
	}
	if _, apiErr := decodeField(opts, "serverlessContinuousBackupEnabled", &current); apiErr != nil {
		return current, errInvalidAttribute("serverlessBackupOptions.serverlessContinuousBackupEnabled")
	}
	return current, nil
}

// validateClusterName applies the name rules of flex clusters and
// serverless instances. The length limit is not in the spec; 64 is the
// simulator's choice (the limit the Atlas UI states for cluster names).
func validateClusterName(name string) *apiError {
	if !clusterNamePattern.MatchString(name) {
		return newError(http.StatusBadRequest, "CLUSTER_NAME_INVALID",
			fmt.Sprintf("Cluster name %s is invalid. Cluster names can only contain ASCII letters, numbers, and hyphens.", name), name)
	}
	if len(name) > maxClusterNameLength {
		return newError(http.StatusBadRequest, "CLUSTER_NAME_TOO_LONG",
			fmt.Sprintf("Cluster name %s is limited to %d characters.", name, maxClusterNameLength), name, maxClusterNameLength)
	}
	if reservedClusterName.MatchString(name) {
		return newError(http.StatusBadRequest, "ATLAS_RESERVED_CLUSTER_NAME",
			fmt.Sprintf("Cluster name %s is reserved by Atlas.", name), name)
	}
	return nil
}

// decodeNestedObject checks a nested object like decodeObject and names
// offending fields with their full path (providerSettings.providerName).
func decodeNestedObject(prefix string, raw json.RawMessage, spec bodyFields) (map[string]json.RawMessage, *apiError) {
	fields, apiErr := decodeObject(raw, spec)
	if apiErr == nil {
		return fields, nil
	}
	var field string
	if len(apiErr.Parameters) > 0 {
		field, _ = apiErr.Parameters[0].(string)
	}
	switch apiErr.ErrorCode {
	case "MALFORMED_JSON":
		return nil, errInvalidAttribute(prefix)
	case "INVALID_ATTRIBUTE":
		return nil, errInvalidAttribute(prefix + "." + field)
	case "MISSING_ATTRIBUTE":
		return nil, errMissingAttribute(prefix + "." + field)
	case "ATTRIBUTE_READ_ONLY":
		return nil, errReadOnlyAttribute(prefix + "." + field)
	}
	return nil, apiErr
}
