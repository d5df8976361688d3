package atlassim_test

import (
	"encoding/json"
	"net/netip"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

// TestAccessFidelityWithOpenAPISpec checks the database user and project
// access list answers against the spec's response schemas, like
// TestFidelityWithOpenAPISpec does for projects and flex clusters.
func TestAccessFidelityWithOpenAPISpec(t *testing.T) {
	doc := loadSpecFile(t, "atlas-api-subset-access.yaml")
	// The spec's ipAddress pattern uses a look-ahead, which Go's regexp cannot
	// compile; the pattern is dropped here and the address parsed instead.
	entrySchema := doc.Components.Schemas["NetworkPermissionEntry"].Value
	entrySchema.Properties["ipAddress"].Value.Pattern = ""
	_, srv := startSim(t, atlassim.Options{})
	pid := createProject(t, srv, "access-fidelity")
	g := "/api/atlas/v2/groups/" + pid
	const mt = "application/vnd.atlas.2023-01-01+json"
	users := "/api/atlas/v2/groups/{groupId}/databaseUsers"
	user := users + "/{databaseName}/{username}"
	list := "/api/atlas/v2/groups/{groupId}/accessList"
	entry := list + "/{entryValue}"

	tests := []struct {
		name, specPath, method, specStatus, requestPath, body string
		observedStatus                                        int
	}{
		{"create user", users, "POST", "201", g + "/databaseUsers",
			`{"databaseName":"admin","username":"app","password":"password1","roles":[{"roleName":"readWrite","databaseName":"shop","collectionName":"c"}],"scopes":[{"name":"Cluster0","type":"CLUSTER"}],"labels":[{"key":"k","value":"v"}],"description":"d"}`, 201},
		{"create x509 user", users, "POST", "201", g + "/databaseUsers",
			`{"databaseName":"$external","username":"CN=app","x509Type":"CUSTOMER","roles":[{"roleName":"read","databaseName":"shop"}]}`, 201},
		{"get user", user, "GET", "200", g + "/databaseUsers/admin/app", "", 200},
		{"patch user", user, "PATCH", "200", g + "/databaseUsers/admin/app", `{"roles":[{"roleName":"read","databaseName":"shop"}]}`, 200},
		{"list users", users, "GET", "200", g + "/databaseUsers", "", 200},
		{"add entries", list, "POST", "200", g + "/accessList",
			`[{"ipAddress":"203.0.113.7","comment":"office"},{"cidrBlock":"10.0.0.0/8"},{"awsSecurityGroup":"sg-903004f8"}]`, 200},
		{"list entries", list, "GET", "200", g + "/accessList", "", 200},
		{"get address", entry, "GET", "200", g + "/accessList/203.0.113.7", "", 200},
		{"get cidr", entry, "GET", "200", g + "/accessList/10.0.0.0%2F8", "", 200},
		{"entry status", entry + "/status", "GET", "200", g + "/accessList/10.0.0.0%2F8/status", "", 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			schema := responseSchema(t, doc, tt.specPath, tt.method, tt.specStatus, mt)
			r := api(t, srv, tt.method, tt.requestPath, tt.body)
			wantStatus(t, r, tt.observedStatus)
			if ct := r.header.Get("Content-Type"); ct != mt+";charset=utf-8" {
				t.Fatalf("Content-Type = %q", ct)
			}
			var value any
			if err := json.Unmarshal([]byte(r.body), &value); err != nil {
				t.Fatalf("body is not JSON: %v", err)
			}
			// groupId is writeOnly in the spec's CloudDatabaseUser, yet Atlas
			// answers with it; the schema check runs without it.
			checked := withoutKey(value, "groupId", strings.Contains(tt.specPath, "databaseUsers"))
			if err := schema.VisitJSON(checked, openapi3.VisitAsResponse(), openapi3.MultiErrors()); err != nil {
				t.Fatalf("body does not match the spec schema: %v\nbody: %s", err, r.body)
			}
			for _, ip := range ipAddresses(value) {
				if _, err := netip.ParseAddr(ip); err != nil {
					t.Fatalf("ipAddress %q does not parse: %v", ip, err)
				}
			}
			if extra := undeclared(schema, value, "$"); len(extra) > 0 {
				sort.Strings(extra)
				t.Fatalf("body has keys the spec does not declare: %s\nbody: %s", strings.Join(extra, ", "), r.body)
			}
		})
	}

	// Deletes answer 204 with no body, as the spec says.
	for _, path := range []string{g + "/databaseUsers/admin/app", g + "/accessList/10.0.0.0%2F8"} {
		if r := api(t, srv, "DELETE", path, ""); r.status != 204 || r.body != "" {
			t.Fatalf("DELETE %s = %d %q", path, r.status, r.body)
		}
	}
}

// ipAddresses collects the ipAddress values of an entry or a list page.
func ipAddresses(value any) []string {
	m, _ := value.(map[string]any)
	var out []string
	if ip, isString := m["ipAddress"].(string); isString {
		out = append(out, ip)
	}
	items, _ := m["results"].([]any)
	for _, it := range items {
		out = append(out, ipAddresses(it)...)
	}
	return out
}

// withoutKey drops key from a user object and from every item of a list page.
func withoutKey(value any, key string, apply bool) any {
	if !apply {
		return value
	}
	m, isObject := value.(map[string]any)
	if !isObject {
		return value
	}
	out := map[string]any{}
	for k, v := range m {
		if k == key {
			continue
		}
		if k == "results" {
			if items, isList := v.([]any); isList {
				clean := make([]any, 0, len(items))
				for _, it := range items {
					clean = append(clean, withoutKey(it, key, true))
				}
				v = clean
			}
		}
		out[k] = v
	}
	return out
}
