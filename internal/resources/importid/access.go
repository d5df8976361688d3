package importid

import (
	"encoding/base64"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/validate"
)

// databaseUser is the official provider's pattern: the user name may hold
// hyphens, so the authentication database is the last hyphen-separated part.
var databaseUser = regexp.MustCompile(`^([a-f0-9]{24})-(.+)-([$a-z]{1,15})$`)

// DatabaseUser splits "{project_id}-{username}-{auth_database_name}".
func DatabaseUser(id, kind string) (projectID, username, authDatabase string, err error) {
	m := databaseUser.FindStringSubmatch(id)
	if m == nil || (m[3] != "admin" && m[3] != "$external") {
		return "", "", "", fmt.Errorf("the import ID of %s must be {project_id}-{username}-{auth_database_name}: the 24-hex project id, "+
			"the user name and admin or $external, joined by hyphens, for example 5f1e2d3c4b5a697887766554-app-admin. Got %q", kind, id)
	}
	return m[1], m[2], m[3], nil
}

var projectAndEntry = regexp.MustCompile(`^([a-f0-9]{24})-(.+)$`)

// ProjectAndEntry splits "{project_id}-{entry}", where entry is an IP address,
// a CIDR block or an AWS security group id.
func ProjectAndEntry(id, kind string) (projectID, entry string, err error) {
	m := projectAndEntry.FindStringSubmatch(id)
	if m == nil {
		return "", "", fmt.Errorf("the import ID of %s must be {project_id}-{entry}: the 24-hex project id, a hyphen and the IP address, "+
			"CIDR block or AWS security group id, for example 5f1e2d3c4b5a697887766554-10.0.0.0/16. Got %q", kind, id)
	}
	return m[1], m[2], nil
}

// EncodeStateID is the official provider's "id" for resources identified by
// several values: base64(key):base64(value) pairs sorted by key and joined by
// hyphens. Writing the same id keeps configurations that read it working.
func EncodeStateID(values map[string]string) string {
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	enc := base64.StdEncoding.EncodeToString
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, enc([]byte(k))+":"+enc([]byte(values[k])))
	}
	return strings.Join(parts, "-")
}

// CheckDatabaseUser checks the parts of a database user's identity, which an
// import block gives one by one instead of joined into an import ID.
func CheckDatabaseUser(projectID, username, authDatabase string) error {
	switch {
	case !validate.IsHexID(projectID):
		return fmt.Errorf("identity.project_id must be the 24-hex project id, for example 5f1e2d3c4b5a697887766554. Got %q", projectID)
	case username == "":
		return fmt.Errorf("identity.username must be the user name; it is empty")
	case authDatabase != "admin" && authDatabase != "$external":
		return fmt.Errorf("identity.auth_database_name must be admin or $external. Got %q", authDatabase)
	}
	return nil
}

// CheckProjectAndEntry checks the parts of an access list entry's identity.
func CheckProjectAndEntry(projectID, entry string) error {
	switch {
	case !validate.IsHexID(projectID):
		return fmt.Errorf("identity.project_id must be the 24-hex project id, for example 5f1e2d3c4b5a697887766554. Got %q", projectID)
	case entry == "":
		return fmt.Errorf("identity.entry must be the IP address, CIDR block or AWS security group id of the entry; it is empty")
	}
	return nil
}
