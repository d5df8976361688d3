package atlassim_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

const cmBase = "/api/public/v1.0"

// cm sends an authenticated Cloud Manager request with plain JSON media types.
func cm(t *testing.T, srv *httptest.Server, method, path, body string) result {
	t.Helper()
	headers := map[string]string{"Accept": "application/json"}
	if body != "" {
		headers["Content-Type"] = "application/json"
	}
	return apiWith(t, srv, method, cmBase+path, body, headers)
}

func createCMProject(t *testing.T, srv *httptest.Server, name string) map[string]any {
	t.Helper()
	r := cm(t, srv, "POST", "/groups", fmt.Sprintf(`{"name":%q,"orgId":%q}`, name, atlassim.DefaultOrgID))
	wantStatus(t, r, http.StatusCreated)
	return r.json(t)
}

func TestCloudManagerProjectLifecycle(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{})

	r := cm(t, srv, "POST", "/groups", fmt.Sprintf(`{"name":"cm-a","orgId":%q}`, atlassim.DefaultOrgID))
	wantStatus(t, r, http.StatusCreated)
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	// Every documented field, in alphabetical order, lastActiveAgent left out.
	keys := regexp.MustCompile(`^\{"activeAgentCount":0,"agentApiKey":"[0-9a-f]{64}","hostCounts":\{"arbiter":0,"config":0,"master":0,"mongos":0,"primary":0,"secondary":0,"slave":0\},"id":"[0-9a-f]{24}","links":\[.*\],"name":"cm-a","orgId":"` +
		atlassim.DefaultOrgID + `","publicApiEnabled":true,"replicaSetCount":0,"shardCount":0,"tags":\[\]\}$`)
	if !keys.MatchString(r.body) {
		t.Fatalf("create body = %s", r.body)
	}
	g := r.json(t)
	id, key := g["id"].(string), g["agentApiKey"].(string)
	links := g["links"].([]any)
	if len(links) != 8 || links[0].(map[string]any)["href"] != srv.URL+cmBase+"/groups/"+id ||
		links[1].(map[string]any)["rel"] != "http://cloud.mongodb.com/hosts" {
		t.Errorf("links = %v", links)
	}
	snap, found := sim.CloudManagerProject(id)
	if !found || snap.Name != "cm-a" || snap.AgentAPIKey != key || snap.OrgID != atlassim.DefaultOrgID {
		t.Fatalf("snapshot = %+v, %v", snap, found)
	}

	// GET by id and by name show the same group.
	for _, path := range []string{"/groups/" + id, "/groups/byName/cm-a"} {
		r = cm(t, srv, "GET", path, "")
		wantStatus(t, r, 200)
		if got := r.json(t); got["id"] != id || got["agentApiKey"] != key || got["publicApiEnabled"] != true {
			t.Errorf("GET %s = %s", path, r.body)
		}
	}

	// Rename.
	r = cm(t, srv, "PATCH", "/groups/"+id, `{"name":"cm-b"}`)
	wantStatus(t, r, 200)
	if r.json(t)["name"] != "cm-b" {
		t.Errorf("PATCH body = %s", r.body)
	}
	if snap, _ := sim.CloudManagerProject(id); snap.Name != "cm-b" {
		t.Errorf("name after PATCH = %q", snap.Name)
	}

	// Delete: 204, no body; then 404.
	r = cm(t, srv, "DELETE", "/groups/"+id, "")
	wantStatus(t, r, http.StatusNoContent)
	if r.body != "" {
		t.Errorf("DELETE body = %q", r.body)
	}
	wantError(t, cm(t, srv, "GET", "/groups/"+id, ""), 404, "GROUP_NOT_FOUND")
	if _, found := sim.CloudManagerProject(id); found {
		t.Error("project still stored after DELETE")
	}
}

func TestCloudManagerProjectList(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{})
	for i := 0; i < 3; i++ {
		createCMProject(t, srv, fmt.Sprintf("cm-%d", i))
	}
	createProject(t, srv, "atlas-only") // Atlas projects are not listed here

	r := cm(t, srv, "GET", "/groups?itemsPerPage=2&pageNum=1", "")
	wantStatus(t, r, 200)
	page := r.json(t)
	results := page["results"].([]any)
	if len(results) != 2 || page["totalCount"] != float64(3) {
		t.Fatalf("page 1 = %s", r.body)
	}
	item := results[0].(map[string]any)
	if item["name"] != "cm-0" || len(item["links"].([]any)) != 1 {
		t.Errorf("list item = %v", item)
	}
	if !strings.Contains(r.body, `"rel":"next"`) {
		t.Errorf("page 1 has no next link: %s", r.body)
	}
	r = cm(t, srv, "GET", "/groups?itemsPerPage=2&pageNum=2", "")
	if got := r.json(t)["results"].([]any); len(got) != 1 || got[0].(map[string]any)["name"] != "cm-2" {
		t.Errorf("page 2 = %s", r.body)
	}
	wantError(t, cm(t, srv, "GET", "/groups?itemsPerPage=501", ""), 400, "INVALID_QUERY_PARAMETER")

	// And the Atlas list does not show Cloud Manager projects.
	r = api(t, srv, "GET", "/api/atlas/v2/groups", "")
	if got := r.json(t)["results"].([]any); len(got) != 1 {
		t.Errorf("Atlas list = %s", r.body)
	}
}

func TestCloudManagerProjectErrors(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{})
	org := atlassim.DefaultOrgID
	id := createCMProject(t, srv, "taken")["id"].(string)
	atlasID := createProject(t, srv, "atlas-taken")

	tests := []struct {
		name, method, path, body string
		status                   int
		code                     string
	}{
		{"create without name", "POST", "/groups", fmt.Sprintf(`{"orgId":%q}`, org), 400, "MISSING_ATTRIBUTE"},
		{"create without orgId", "POST", "/groups", `{"name":"x"}`, 400, "MISSING_ATTRIBUTE"},
		{"create name too long", "POST", "/groups", fmt.Sprintf(`{"name":%q,"orgId":%q}`, strings.Repeat("n", 65), org), 400, "INVALID_GROUP_NAME"},
		{"create empty name", "POST", "/groups", fmt.Sprintf(`{"name":"","orgId":%q}`, org), 400, "INVALID_GROUP_NAME"},
		{"create unknown org", "POST", "/groups", `{"name":"x","orgId":"0123456789abcdef01234567"}`, 404, "ORG_NOT_FOUND"},
		{"create unknown field", "POST", "/groups", fmt.Sprintf(`{"name":"x","orgId":%q,"color":"red"}`, org), 400, "INVALID_ATTRIBUTE"},
		{"create read-only field", "POST", "/groups", fmt.Sprintf(`{"name":"x","orgId":%q,"agentApiKey":"k"}`, org), 400, "ATTRIBUTE_READ_ONLY"},
		{"create duplicate name", "POST", "/groups", fmt.Sprintf(`{"name":"taken","orgId":%q}`, org), 409, "GROUP_ALREADY_EXISTS"},
		{"create name of an Atlas project", "POST", "/groups", fmt.Sprintf(`{"name":"atlas-taken","orgId":%q}`, org), 409, "GROUP_ALREADY_EXISTS"},
		{"create bad owner", "POST", "/groups?projectOwnerId=nope", fmt.Sprintf(`{"name":"x","orgId":%q}`, org), 400, "INVALID_QUERY_PARAMETER"},
		{"create unknown owner", "POST", "/groups?projectOwnerId=0123456789abcdef01234567", fmt.Sprintf(`{"name":"x","orgId":%q}`, org), 404, "USER_NOT_FOUND"},
		{"create malformed JSON", "POST", "/groups", `{`, 400, "MALFORMED_JSON"},
		{"get malformed id", "GET", "/groups/xyz", "", 404, "INVALID_GROUP_ID"},
		{"get unknown id", "GET", "/groups/0123456789abcdef01234567", "", 404, "GROUP_NOT_FOUND"},
		{"get unknown name", "GET", "/groups/byName/nobody", "", 404, "GROUP_NAME_NOT_FOUND"},
		{"patch tags", "PATCH", "/groups/" + id, `{"name":"taken","tags":["A"]}`, 400, "ATTRIBUTE_READ_ONLY"},
		{"patch orgId", "PATCH", "/groups/" + id, `{"orgId":"0123456789abcdef01234567"}`, 400, "ATTRIBUTE_READ_ONLY"},
		{"patch unknown field", "PATCH", "/groups/" + id, `{"withDefaultAlertsSettings":false}`, 400, "INVALID_ATTRIBUTE"},
		{"patch without name", "PATCH", "/groups/" + id, `{}`, 400, "MISSING_ATTRIBUTE"},
		{"patch to a taken name", "PATCH", "/groups/" + id, `{"name":"atlas-taken"}`, 409, "GROUP_ALREADY_EXISTS"},
		{"patch name too long", "PATCH", "/groups/" + id, fmt.Sprintf(`{"name":%q}`, strings.Repeat("n", 65)), 400, "INVALID_GROUP_NAME"},
		{"patch 10gen name", "PATCH", "/groups/" + id, `{"name":"ops-10gen"}`, 400, "INVALID_GROUP_NAME_10GEN"},
		{"put", "PUT", "/groups/" + id, `{"name":"x"}`, 405, "METHOD_NOT_ALLOWED"},
		{"unknown path", "GET", "/groups/" + id + "/hosts", "", 404, "RESOURCE_NOT_FOUND"},
		{"Atlas id by id", "GET", "/groups/" + atlasID, "", 404, "ATLAS_GROUP"},
		{"Atlas id on PATCH", "PATCH", "/groups/" + atlasID, `{"name":"x"}`, 404, "ATLAS_GROUP"},
		{"Atlas id on DELETE", "DELETE", "/groups/" + atlasID, "", 404, "ATLAS_GROUP"},
		{"Atlas name by name", "GET", "/groups/byName/atlas-taken", "", 404, "ATLAS_GROUP"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantError(t, cm(t, srv, tc.method, tc.path, tc.body), tc.status, tc.code)
		})
	}

	m := wantError(t, cm(t, srv, "GET", "/groups/"+atlasID, ""), 404, "ATLAS_GROUP")
	want := fmt.Sprintf("Group %s is an Atlas group; use the Atlas Public API at /api/atlas/v1.0 to access it.", atlasID)
	if m["detail"] != want || m["parameters"].([]any)[0] != atlasID {
		t.Errorf("ATLAS_GROUP body = %v", m)
	}
	if _, found := sim.Project(atlasID); !found {
		t.Error("the Atlas project was touched through the Cloud Manager API")
	}
}

// Cloud Manager takes names with spaces: its own documented example is
// "Create Project API Example"; "Project 0" is Atlas's default name.
func TestCloudManagerProjectNameWithSpaces(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{})
	p := createCMProject(t, srv, "Create Project API Example")
	id := p["id"].(string)
	if p["name"] != "Create Project API Example" {
		t.Fatalf("created %v", p)
	}
	r := cm(t, srv, "PATCH", "/groups/"+id, `{"name":"Project 0"}`)
	wantStatus(t, r, 200)
	if r = cm(t, srv, "GET", "/groups/byName/Project%200", ""); r.status != 200 || r.json(t)["id"] != id {
		t.Fatalf("by name = %d %s", r.status, r.body)
	}
	wantStatus(t, cm(t, srv, "POST", "/groups", fmt.Sprintf(`{"name":%q,"orgId":%q}`, strings.Repeat("é", 64), atlassim.DefaultOrgID)), 201)
}

// A Cloud Manager id (or name) on the Atlas API, sub-resources included.
func TestCloudManagerProjectOnAtlasAPI(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{})
	id := createCMProject(t, srv, "cm-only")["id"].(string)
	for _, tc := range []struct{ method, path, body string }{
		{"GET", "/groups/" + id, ""},
		{"PATCH", "/groups/" + id, `{"name":"renamed"}`},
		{"DELETE", "/groups/" + id, ""},
		{"GET", "/groups/" + id + "/settings", ""},
		{"GET", "/groups/" + id + "/limits", ""},
		{"GET", "/groups/" + id + "/clusters", ""},
		{"GET", "/groups/byName/cm-only", ""},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			m := wantError(t, api(t, srv, tc.method, "/api/atlas/v2"+tc.path, tc.body), 404, "NOT_ATLAS_GROUP")
			if !strings.Contains(m["detail"].(string), "use the Cloud Manager Public API at /api/public/v1.0") {
				t.Errorf("detail = %v", m["detail"])
			}
		})
	}
	if snap, found := sim.CloudManagerProject(id); !found || snap.Name != "cm-only" {
		t.Errorf("the Cloud Manager project changed through the Atlas API: %+v %v", snap, found)
	}
	// The name is taken for Atlas projects too.
	r := api(t, srv, "POST", "/api/atlas/v2/groups", fmt.Sprintf(`{"name":"cm-only","orgId":%q}`, atlassim.DefaultOrgID))
	wantError(t, r, 409, "GROUP_ALREADY_EXISTS")
}

func TestCloudManagerMediaTypesAndRendering(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{})
	id := createCMProject(t, srv, "rendered")["id"].(string)

	// Cloud Manager has no versioning: no Accept, or an Atlas versioned one, still works.
	for _, accept := range []string{"", "*/*", v2Accept} {
		r := apiWith(t, srv, "GET", cmBase+"/groups/"+id, "", map[string]string{"Accept": accept})
		wantStatus(t, r, 200)
		if ct := r.header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("Accept %q: Content-Type = %q", accept, ct)
		}
	}
	r := cm(t, srv, "GET", "/groups/"+id+"?envelope=true&pretty=true", "")
	wantStatus(t, r, 200)
	if !strings.HasPrefix(r.body, "{\n  \"content\" : {\n    \"activeAgentCount\" : 0,") || !strings.Contains(r.body, "\"status\" : 200") {
		t.Errorf("envelope+pretty body = %s", r.body)
	}
	r = cm(t, srv, "GET", "/groups?envelope=true", "")
	if m := r.json(t); m["status"] != float64(200) || m["results"] == nil {
		t.Errorf("list envelope = %s", r.body)
	}
	r = cm(t, srv, "GET", "/groups/byName/nobody?pretty=true", "")
	if r.status != 404 || !strings.Contains(r.body, "\"errorCode\" : \"GROUP_NAME_NOT_FOUND\"") {
		t.Errorf("pretty error = %d %s", r.status, r.body)
	}
	r = apiWith(t, srv, "POST", cmBase+"/groups", `{"name":"x"}`, map[string]string{"Content-Type": "text/plain"})
	wantError(t, r, http.StatusUnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE")
}

func TestCloudManagerDigest(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{})
	first, second := digestDo(t, srv, "GET", cmBase+"/groups?pageNum=1", testPublic, testSecret)
	if !strings.HasPrefix(first.header.Get("Www-Authenticate"), `Digest realm="MMS Public API", domain="", nonce="`) {
		t.Errorf("challenge = %q", first.header.Get("Www-Authenticate"))
	}
	wantStatus(t, second, 200)
	_, second = digestDo(t, srv, "GET", cmBase+"/groups", testPublic, "wrong")
	wantStatus(t, second, 401)
}

func TestCloudManagerOutOfBandHelpers(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{})
	id, err := sim.SeedCloudManagerProject("seeded")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sim.SeedCloudManagerProject("seeded"); err == nil {
		t.Error("a second seeded project with the same name was accepted")
	}
	if len(sim.CloudManagerProjects()) != 1 {
		t.Errorf("projects = %+v", sim.CloudManagerProjects())
	}

	at := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	if !sim.SimulateCloudManagerAgents(id, atlassim.CloudManagerAgents{
		ActiveAgentCount: 3, HostCounts: atlassim.CloudManagerHostCounts{Primary: 1, Secondary: 2}, ReplicaSetCount: 1, LastActiveAgent: at,
	}) {
		t.Fatal("SimulateCloudManagerAgents: project not found")
	}
	g := cm(t, srv, "GET", "/groups/"+id, "").json(t)
	hosts := g["hostCounts"].(map[string]any)
	if g["activeAgentCount"] != float64(3) || hosts["primary"] != float64(1) || hosts["secondary"] != float64(2) ||
		g["replicaSetCount"] != float64(1) || g["lastActiveAgent"] != "2026-03-04T05:06:07Z" {
		t.Errorf("after agents reported: %v", g)
	}

	if !sim.UpdateCloudManagerProjectOutOfBand(id, func(p *atlassim.CloudManagerProjectSnapshot) {
		p.Name, p.Tags = "renamed-in-ui", []string{"DEV", "PRODUCT"}
	}) {
		t.Fatal("UpdateCloudManagerProjectOutOfBand: project not found")
	}
	g = cm(t, srv, "GET", "/groups/byName/renamed-in-ui", "").json(t)
	if g["id"] != id || fmt.Sprint(g["tags"]) != "[DEV PRODUCT]" {
		t.Errorf("after out-of-band update: %v", g)
	}

	// Reads can leave the agent API key out, as newer Ops Manager releases do.
	sim.SetCloudManagerAgentAPIKeyOnGet(false)
	if _, has := cm(t, srv, "GET", "/groups/"+id, "").json(t)["agentApiKey"]; has {
		t.Error("agentApiKey returned on GET although hidden")
	}
	if created := createCMProject(t, srv, "fresh"); created["agentApiKey"] == nil {
		t.Error("agentApiKey missing from the create answer")
	}

	if !sim.DeleteCloudManagerProjectOutOfBand(id) || sim.DeleteCloudManagerProjectOutOfBand(id) {
		t.Error("DeleteCloudManagerProjectOutOfBand should succeed once")
	}
	wantError(t, cm(t, srv, "GET", "/groups/"+id, ""), 404, "GROUP_NOT_FOUND")
	if sim.UpdateCloudManagerProjectOutOfBand(id, func(*atlassim.CloudManagerProjectSnapshot) {}) ||
		sim.SimulateCloudManagerAgents(id, atlassim.CloudManagerAgents{}) {
		t.Error("helpers report success for a deleted project")
	}
}

func TestCloudManagerProjectOwner(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{})
	owner := sim.SeedUser("owner@example.com")
	r := cm(t, srv, "POST", "/groups?projectOwnerId="+owner, fmt.Sprintf(`{"name":"owned","orgId":%q}`, atlassim.DefaultOrgID))
	wantStatus(t, r, http.StatusCreated)
}

func TestCloudManagerAdminAPI(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{})
	id := createCMProject(t, srv, "monitored")["id"].(string)

	r := adminReq(t, srv.URL, "POST", "/__sim/cloudManager/groups/"+id+"/agents",
		`{"activeAgentCount":3,"hostCounts":{"primary":1,"secondary":2},"replicaSetCount":1,"shardCount":0}`)
	wantStatus(t, r, 200)
	g := cm(t, srv, "GET", "/groups/"+id, "").json(t)
	hosts, _ := g["hostCounts"].(map[string]any)
	if g["activeAgentCount"] != float64(3) || g["replicaSetCount"] != float64(1) || hosts["primary"] != float64(1) ||
		hosts["secondary"] != float64(2) || g["lastActiveAgent"] == nil {
		t.Fatalf("the Public API does not show the agents' report: %v", g)
	}
	wantStatus(t, adminReq(t, srv.URL, "POST", "/__sim/cloudManager/groups/"+id+"/agents", `{"activeAgents":3}`), 400)
	wantStatus(t, adminReq(t, srv.URL, "POST", "/__sim/cloudManager/groups/000000000000000000000000/agents", `{}`), 404)

	wantStatus(t, adminReq(t, srv.URL, "DELETE", "/__sim/cloudManager/groups/"+id, ""), 204)
	wantError(t, cm(t, srv, "GET", "/groups/"+id, ""), 404, "GROUP_NOT_FOUND")
	wantStatus(t, adminReq(t, srv.URL, "DELETE", "/__sim/cloudManager/groups/"+id, ""), 404)
}
