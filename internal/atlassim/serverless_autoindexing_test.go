package atlassim_test

import (
	"errors"
	"testing"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

// The official provider reads performanceAdvisor/autoIndexing on every
// refresh of a serverless instance: a bare JSON boolean, set with
// POST ?enable=, for real and flex-backed instances, until 2026-01-22.
func TestServerlessAutoIndexing(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{WorldDate: day("2024-06-01")})
	pid := createProject(t, srv, "autoindexing")
	base := "/api/atlas/v2/groups/" + pid + "/serverless"
	wantStatus(t, api(t, srv, "POST", base, serverlessBody("real")), 201)
	sim.SetWorldDate(day("2025-03-01"))
	wantStatus(t, api(t, srv, "POST", base, serverlessBody("fb")), 201)

	for _, name := range []string{"real", "fb"} {
		path := base + "/" + name + "/performanceAdvisor/autoIndexing"
		r := api(t, srv, "GET", path, "")
		if r.status != 200 || r.body != "true" || r.header.Get("Content-Type") != v2Accept+";charset=utf-8" {
			t.Fatalf("GET %s = %d %q %q, want 200 true", name, r.status, r.body, r.header.Get("Content-Type"))
		}
		wantServerlessHeaders(t, r, true)
		r = api(t, srv, "POST", path+"?enable=false", "")
		if r.status != 200 || r.body != "" {
			t.Fatalf("POST %s enable=false = %d %q, want 200 and no body", name, r.status, r.body)
		}
		if r = api(t, srv, "GET", path, ""); r.body != "false" {
			t.Fatalf("GET %s after disabling = %s", name, r.body)
		}
		wantError(t, api(t, srv, "POST", path, ""), 400, "INVALID_QUERY_PARAMETER")
		wantError(t, api(t, srv, "POST", path+"?enable=yes", ""), 400, "INVALID_QUERY_PARAMETER")
	}
	wantError(t, api(t, srv, "GET", base+"/nope/performanceAdvisor/autoIndexing", ""), 404, "SERVERLESS_INSTANCE_NOT_FOUND")
	wantError(t, api(t, srv, "POST", base+"/nope/performanceAdvisor/autoIndexing?enable=true", ""), 404, "SERVERLESS_INSTANCE_NOT_FOUND")

	// The migrated instance keeps its setting; from 2026-01-22 both
	// operations are gone, whatever the instance.
	sim.SetWorldDate(day("2026-01-21"))
	if r := api(t, srv, "GET", base+"/real/performanceAdvisor/autoIndexing", ""); r.status != 200 || r.body != "false" {
		t.Fatalf("migrated GET = %d %s", r.status, r.body)
	}
	sim.SetWorldDate(day("2026-01-22"))
	for _, c := range []struct{ method, path string }{
		{"GET", base + "/real/performanceAdvisor/autoIndexing"},
		{"POST", base + "/real/performanceAdvisor/autoIndexing?enable=true"},
		{"GET", base + "/nope/performanceAdvisor/autoIndexing"},
	} {
		if r := api(t, srv, c.method, c.path, ""); r.status != 410 || r.body != goneBody {
			t.Fatalf("%s %s = %d %s, want 410", c.method, c.path, r.status, r.body)
		}
	}
	// Every method of the path went away at once: no 405 in that style.
	sim.SetSunsetStyle(atlassim.SunsetMethodNotAllowed)
	wantError(t, api(t, srv, "GET", base+"/real/performanceAdvisor/autoIndexing", ""), 404, "RESOURCE_NOT_FOUND")
	wantError(t, api(t, srv, "PATCH", base+"/real", `{}`), 405, "METHOD_NOT_ALLOWED")
}

// A serverless instance made before 2025 does not outlive Atlas's 2025
// migration: once the world date passes it, it is a flex cluster, which the
// serverless GET still answers (until its own sunset) and the flex API sees.
func TestServerlessMigratedWhenTheWorldDatePassesTheMigration(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{WorldDate: day("2024-06-01")})
	pid := createProject(t, srv, "migration")
	base := "/api/atlas/v2/groups/" + pid + "/serverless"
	if err := sim.SeedServerlessInstance(pid, "seeded"); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, api(t, srv, "POST", base, `{"name":"created","providerSettings":{"backingProviderName":"AWS","regionName":"US_EAST_1"},`+
		`"tags":[{"key":"env","value":"dev"}],"terminationProtectionEnabled":true}`), 201)
	created := api(t, srv, "GET", base+"/created", "").json(t)

	sim.SetWorldDate(day("2025-05-31"))
	for _, name := range []string{"seeded", "created"} {
		if snap, _ := sim.ServerlessInstance(pid, name); snap.Kind != atlassim.ServerlessKindServerless {
			t.Fatalf("%s before the end of the migration: %+v", name, snap)
		}
	}

	sim.SetWorldDate(day("2025-06-01"))
	for _, name := range []string{"seeded", "created"} {
		snap, _ := sim.ServerlessInstance(pid, name)
		if snap.Kind != atlassim.ServerlessKindFlex || snap.State != "IDLE" {
			t.Fatalf("%s after the migration: %+v, want an IDLE FLEX", name, snap)
		}
		if _, found := sim.FlexCluster(pid, name); !found {
			t.Fatalf("the flex API does not see %s", name)
		}
	}
	r := api(t, srv, "GET", base+"/created", "")
	wantStatus(t, r, 200)
	m := r.json(t)
	ps := m["providerSettings"].(map[string]any)
	if m["id"] != created["id"] || ps["effectiveInstanceSizeName"] != "FLEX" || m["terminationProtectionEnabled"] != true ||
		m["serverlessBackupOptions"].(map[string]any)["serverlessContinuousBackupEnabled"] != false {
		t.Fatalf("migrated instance = %s", r.body)
	}
	if err := sim.MigrateServerless(pid, "seeded", atlassim.ServerlessKindDedicated); !errors.Is(err, atlassim.ErrNoServerlessInstance) {
		t.Fatalf("migrating an already migrated instance: %v", err)
	}

	// After the list went empty the GET still answers for it.
	sim.SetWorldDate(day("2026-03-01"))
	wantStatus(t, api(t, srv, "GET", base+"/seeded", ""), 200)
	if names := listNames(t, api(t, srv, "GET", base, "")); len(names) != 0 {
		t.Fatalf("list = %v, want empty", names)
	}

	// Seeding after the migration gives an already migrated instance, and
	// going back in time does not undo the migration.
	if err := sim.SeedServerlessInstance(pid, "late"); err != nil {
		t.Fatal(err)
	}
	sim.SetWorldDate(day("2024-06-01"))
	if snap, _ := sim.ServerlessInstance(pid, "late"); snap.Kind != atlassim.ServerlessKindFlex {
		t.Fatalf("late seed: %+v", snap)
	}
	// A project holding only flex clusters is deleted once they are.
	for _, name := range []string{"seeded", "created", "late"} {
		wantStatus(t, api(t, srv, "PATCH", base+"/"+name, `{"terminationProtectionEnabled":false}`), 200)
		wantStatus(t, api(t, srv, "DELETE", base+"/"+name, ""), 202)
	}
	wantStatus(t, api(t, srv, "DELETE", "/api/atlas/v2/groups/"+pid, ""), 202)
}
