package atlassim_test

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

// observedOnlyKeys are providerSettings keys a flex-backed serverless
// instance really carries that its schema does not accept:
// nextBackupDate and tenantBackupEnabled are not declared at all, and
// effectiveInstanceSizeName refers to BaseCloudProviderInstanceSize, an
// "object" whose oneOf lists only dedicated sizes, so the observed "FLEX"
// fails it. The test requires them on flex-backed instances and absent on
// real ones, and removes them before the schema check.
var observedOnlyKeys = []string{"effectiveInstanceSizeName", "nextBackupDate", "tenantBackupEnabled"}

// stripObservedOnly checks and removes observedOnlyKeys from one
// ServerlessInstanceDescription.
func stripObservedOnly(t *testing.T, item map[string]any) {
	t.Helper()
	ps, _ := item["providerSettings"].(map[string]any)
	flexBacked := ps["effectiveProviderName"] == "TENANT"
	for _, key := range observedOnlyKeys {
		if _, present := ps[key]; present != flexBacked {
			t.Fatalf("%s: providerSettings.%s present = %v, flex-backed = %v", item["name"], key, present, flexBacked)
		}
		delete(ps, key)
	}
}

func TestFidelityServerless(t *testing.T) {
	current := loadSpec(t)
	withWrites := loadSpecFile(t, "atlas-api-subset-2026-02-24.yaml")

	// The checks can fail: the schema refuses effectiveInstanceSizeName FLEX.
	getSchema := responseSchema(t, current, "/api/atlas/v2/groups/{groupId}/serverless/{name}", "GET", "200", v2Accept)
	var flexSize any
	_ = json.Unmarshal([]byte(`{"providerSettings":{"backingProviderName":"AWS","regionName":"US_EAST_1","effectiveInstanceSizeName":"FLEX"}}`), &flexSize)
	if getSchema.VisitJSON(flexSize, openapi3.VisitAsResponse()) == nil {
		t.Fatal("the spec now accepts effectiveInstanceSizeName FLEX: drop it from observedOnlyKeys")
	}

	sim, srv := startSim(t, atlassim.Options{WorldDate: day("2024-06-01")})
	pid := createProject(t, srv, "fidelity-serverless")
	g := "/api/atlas/v2/groups/" + pid + "/serverless"
	create := `{"name":%q,"providerSettings":{"backingProviderName":"AWS","providerName":"SERVERLESS","regionName":"US_EAST_1"},` +
		`"serverlessBackupOptions":{"serverlessContinuousBackupEnabled":true},"tags":[{"key":"env","value":"test"}],"terminationProtectionEnabled":false}`
	patch := `{"serverlessBackupOptions":{"serverlessContinuousBackupEnabled":false},"tags":[],"terminationProtectionEnabled":false}`

	tests := []struct {
		name       string
		date       string // world date for the request
		spec       *openapi3.T
		specPath   string
		method     string
		specStatus string
		path       string
		body       string
	}{
		{"create real", "2024-06-01", withWrites, "/api/atlas/v2/groups/{groupId}/serverless", "POST", "201", g, strings.Replace(create, "%q", `"real"`, 1)},
		{"create flex-backed", "2025-06-01", withWrites, "/api/atlas/v2/groups/{groupId}/serverless", "POST", "201", g, strings.Replace(create, "%q", `"fb"`, 1)},
		{"patch real", "2025-06-01", withWrites, "/api/atlas/v2/groups/{groupId}/serverless/{name}", "PATCH", "200", g + "/real", patch},
		{"patch flex-backed", "2025-06-01", withWrites, "/api/atlas/v2/groups/{groupId}/serverless/{name}", "PATCH", "200", g + "/fb", patch},
		{"get real", "2025-06-01", current, "/api/atlas/v2/groups/{groupId}/serverless/{name}", "GET", "200", g + "/real", ""},
		{"get flex-backed", "2025-06-01", current, "/api/atlas/v2/groups/{groupId}/serverless/{name}", "GET", "200", g + "/fb", ""},
		{"list both", "2025-06-01", current, "/api/atlas/v2/groups/{groupId}/serverless", "GET", "200", g, ""},
		{"list after 2026-01-15", "2026-06-01", current, "/api/atlas/v2/groups/{groupId}/serverless", "GET", "200", g, ""},
		{"get real 2026", "2026-06-01", current, "/api/atlas/v2/groups/{groupId}/serverless/{name}", "GET", "200", g + "/real", ""},
		{"delete flex-backed", "2025-06-01", withWrites, "/api/atlas/v2/groups/{groupId}/serverless/{name}", "DELETE", "202", g + "/fb", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sim.SetWorldDate(day(tt.date))
			schema := responseSchema(t, tt.spec, tt.specPath, tt.method, tt.specStatus, v2Accept)
			r := api(t, srv, tt.method, tt.path, tt.body)
			if got := r.status; strconv.Itoa(got) != tt.specStatus {
				t.Fatalf("status = %d, spec says %s; body %s", got, tt.specStatus, r.body)
			}
			if ct := r.header.Get("Content-Type"); ct != v2Accept+";charset=utf-8" {
				t.Fatalf("Content-Type = %q", ct)
			}
			var value any
			if err := json.Unmarshal([]byte(r.body), &value); err != nil {
				t.Fatalf("body is not JSON: %v", err)
			}
			obj := value.(map[string]any)
			if results, isList := obj["results"].([]any); isList {
				for _, item := range results {
					stripObservedOnly(t, item.(map[string]any))
				}
			} else if _, isInstance := obj["providerSettings"]; isInstance {
				stripObservedOnly(t, obj)
			}
			if err := schema.VisitJSON(value, openapi3.VisitAsResponse(), openapi3.MultiErrors()); err != nil {
				t.Fatalf("body does not match the spec schema: %v\nbody: %s", err, r.body)
			}
			if extra := undeclared(schema, value, "$"); len(extra) > 0 {
				sort.Strings(extra)
				t.Fatalf("body has keys the spec does not declare: %s\nbody: %s", strings.Join(extra, ", "), r.body)
			}
		})
	}

	// Clusters migrated from serverless, in every Clusters API version.
	sim.SetWorldDate(day("2025-03-01"))
	for _, name := range []string{"free", "dedicated"} {
		if err := sim.SeedServerlessInstance(pid, name); err != nil {
			t.Fatal(err)
		}
	}
	if err := sim.MigrateServerless(pid, "free", "FREE"); err != nil {
		t.Fatal(err)
	}
	if err := sim.MigrateServerless(pid, "dedicated", "DEDICATED"); err != nil {
		t.Fatal(err)
	}
	clusterPath := "/api/atlas/v2/groups/{groupId}/clusters/{clusterName}"
	for _, version := range []string{"2023-01-01", "2023-02-01", "2024-08-05"} {
		for _, name := range []string{"free", "dedicated"} {
			t.Run("cluster "+name+" "+version, func(t *testing.T) {
				mediaType := "application/vnd.atlas." + version + "+json"
				schema := responseSchema(t, current, clusterPath, "GET", "200", mediaType)
				r := apiWith(t, srv, "GET", "/api/atlas/v2/groups/"+pid+"/clusters/"+name, "", map[string]string{"Accept": mediaType})
				wantStatus(t, r, 200)
				var value any
				if err := json.Unmarshal([]byte(r.body), &value); err != nil {
					t.Fatal(err)
				}
				// replicationSpecs (2023-02-01, 2024-08-05) is checked for
				// undeclared keys only: in the spec regionConfigs[].regionName
				// is an "object" whose oneOf lists string enums (no string
				// passes), and electableSpecs matches several oneOf branches.
				checked := map[string]any{}
				for k, v := range value.(map[string]any) {
					if k != "replicationSpecs" {
						checked[k] = v
					}
				}
				if err := schema.VisitJSON(checked, openapi3.VisitAsResponse(), openapi3.MultiErrors()); err != nil {
					t.Fatalf("body does not match the spec schema: %v\nbody: %s", err, r.body)
				}
				if version != "2023-01-01" && !strings.Contains(r.body, `"replicationSpecs":[{"regionConfigs":[{`) {
					t.Fatalf("no replicationSpecs: %s", r.body)
				}
				if extra := undeclared(schema, value, "$"); len(extra) > 0 {
					sort.Strings(extra)
					t.Fatalf("body has keys the spec does not declare: %s\nbody: %s", strings.Join(extra, ", "), r.body)
				}
			})
		}
	}
}
