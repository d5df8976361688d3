package atlassim_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

func TestSettings(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{})
	id := createProject(t, srv, "settings")
	path := "/api/atlas/v2/groups/" + id + "/settings"

	r := api(t, srv, "GET", path, "")
	want := `{"isClusterAiAssistantEnabled":false,"isCollectDatabaseSpecificsStatisticsEnabled":true,` +
		`"isDataExplorerEnabled":true,"isDataExplorerGenAIFeaturesEnabled":false,` +
		`"isDataExplorerGenAISampleDocumentPassingEnabled":false,"isDataValidationEnabled":false,` +
		`"isExtendedStorageSizesEnabled":false,"isNativeRerankingEnabled":false,"isPerformanceAdvisorEnabled":true,` +
		`"isRealtimePerformancePanelEnabled":true,"isSchemaAdvisorEnabled":true}`
	if r.status != 200 || r.body != want {
		t.Fatalf("GET settings = %d %s", r.status, r.body)
	}

	// Only the fields sent change.
	r = api(t, srv, "PATCH", path, `{"isSchemaAdvisorEnabled":false,"isDataExplorerGenAIFeaturesEnabled":true}`)
	m := r.json(t)
	if r.status != 200 || m["isSchemaAdvisorEnabled"] != false || m["isDataExplorerGenAIFeaturesEnabled"] != true || m["isDataExplorerEnabled"] != true {
		t.Fatalf("PATCH settings = %d %s", r.status, r.body)
	}
	// The whole GET result can be sent back (what the official provider does).
	wantStatus(t, api(t, srv, "PATCH", path, api(t, srv, "GET", path, "").body), 200)
	wantError(t, api(t, srv, "PATCH", path, `{"isSomethingElse":true}`), 400, "INVALID_ATTRIBUTE")
	wantError(t, api(t, srv, "PATCH", path, `{"isDataExplorerEnabled":"yes"}`), 400, "INVALID_ATTRIBUTE")
}

func TestLimits(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{})
	id := createProject(t, srv, "limits")
	_ = sim.SeedCluster(id, "c1")
	base := "/api/atlas/v2/groups/" + id + "/limits"

	r := api(t, srv, "GET", base, "")
	wantStatus(t, r, 200)
	if !strings.HasPrefix(r.body, `[{"currentUsage":1,"defaultLimit":25,"maximumLimit":100,"name":"atlas.project.deployment.clusters","value":25},`) ||
		strings.Contains(r.body, "dataFederation") {
		t.Fatalf("GET limits = %s", r.body)
	}

	tests := []struct {
		name, method, path, body string
		status                   int
		code                     string
		wantBody                 string
	}{
		{"set", "PATCH", base + "/atlas.project.deployment.clusters", `{"value":40}`, 200, "",
			`{"currentUsage":1,"defaultLimit":25,"maximumLimit":100,"name":"atlas.project.deployment.clusters","value":40}`},
		{"set with read-only name echoed", "PATCH", base + "/atlas.project.security.databaseAccess.customRoles", `{"name":"atlas.project.security.databaseAccess.customRoles","value":150}`, 200, "", ""},
		{"above maximum", "PATCH", base + "/atlas.project.deployment.clusters", `{"value":101}`, 400, "VALIDATION_ERROR", ""},
		{"below minimum", "PATCH", base + "/atlas.project.deployment.privateServiceConnectionsSubnetMask", `{"value":19}`, 400, "VALIDATION_ERROR", ""},
		{"missing value", "PATCH", base + "/atlas.project.deployment.clusters", `{}`, 400, "MISSING_ATTRIBUTE", ""},
		{"unknown field", "PATCH", base + "/atlas.project.deployment.clusters", `{"value":3,"foo":1}`, 400, "INVALID_ATTRIBUTE", ""},
		{"unknown limit", "GET", base + "/atlas.project.nope", "", 400, "INVALID_PATH_PARAMETER", ""},
		{"data federation not set", "GET", base + "/dataFederation.bytesProcessed.query", "", 404, "LIMIT_NOT_FOUND", ""},
		{"data federation set", "PATCH", base + "/dataFederation.bytesProcessed.query", `{"value":1000000}`, 200, "",
			`{"name":"dataFederation.bytesProcessed.query","value":1000000}`},
		{"get after set", "GET", base + "/atlas.project.deployment.clusters", "", 200, "",
			`{"currentUsage":1,"defaultLimit":25,"maximumLimit":100,"name":"atlas.project.deployment.clusters","value":40}`},
		{"delete resets", "DELETE", base + "/atlas.project.deployment.clusters", "", 204, "", ""},
		{"get after delete", "GET", base + "/atlas.project.deployment.clusters", "", 200, "",
			`{"currentUsage":1,"defaultLimit":25,"maximumLimit":100,"name":"atlas.project.deployment.clusters","value":25}`},
		{"delete data federation", "DELETE", base + "/dataFederation.bytesProcessed.query", "", 204, "", ""},
		{"data federation gone", "GET", base + "/dataFederation.bytesProcessed.query", "", 404, "LIMIT_NOT_FOUND", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := api(t, srv, tt.method, tt.path, tt.body)
			if tt.code != "" {
				wantError(t, r, tt.status, tt.code)
				return
			}
			wantStatus(t, r, tt.status)
			if tt.wantBody != "" && r.body != tt.wantBody {
				t.Fatalf("body = %s\nwant %s", r.body, tt.wantBody)
			}
			if tt.status == 204 && r.body != "" {
				t.Fatalf("204 with body %q", r.body)
			}
		})
	}
}

func TestManagedSlowMs(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{})
	id := createProject(t, srv, "slowms")
	base := "/api/atlas/v2/groups/" + id + "/managedSlowMs"
	if r := api(t, srv, "GET", base, ""); r.status != 200 || r.body != "true" {
		t.Fatalf("GET = %d %s", r.status, r.body)
	}
	wantStatus(t, api(t, srv, "DELETE", base+"/disable", ""), 204)
	if r := api(t, srv, "GET", base, ""); r.body != "false" {
		t.Fatalf("after disable = %s", r.body)
	}
	wantStatus(t, api(t, srv, "POST", base+"/enable", ""), 204)
	if r := api(t, srv, "GET", base, ""); r.body != "true" {
		t.Fatalf("after enable = %s", r.body)
	}
	wantError(t, api(t, srv, "POST", base+"/disable", ""), 405, "METHOD_NOT_ALLOWED")
}

func TestIPAddressesAndClusters(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{})
	id := createProject(t, srv, "ips")

	r := api(t, srv, "GET", "/api/atlas/v2/groups/"+id+"/ipAddresses", "")
	if r.body != `{"groupId":"`+id+`","services":{"clusters":[]}}` {
		t.Fatalf("empty ipAddresses = %s", r.body)
	}
	_ = sim.SeedCluster(id, "Cluster0")
	r = api(t, srv, "GET", "/api/atlas/v2/groups/"+id+"/ipAddresses", "")
	cl := r.json(t)["services"].(map[string]any)["clusters"].([]any)
	if len(cl) != 1 || cl[0].(map[string]any)["clusterName"] != "Cluster0" || len(cl[0].(map[string]any)["inbound"].([]any)) != 3 {
		t.Fatalf("ipAddresses = %s", r.body)
	}
	if again := api(t, srv, "GET", "/api/atlas/v2/groups/"+id+"/ipAddresses", ""); again.body != r.body {
		t.Fatalf("addresses are not stable")
	}

	accept := map[string]string{"Accept": "application/vnd.atlas.2024-08-05+json"}
	r = apiWith(t, srv, "GET", "/api/atlas/v2/groups/"+id+"/clusters", "", accept)
	res := r.json(t)["results"].([]any)
	c0 := res[0].(map[string]any)
	if len(res) != 1 || c0["name"] != "Cluster0" || c0["stateName"] != "IDLE" || c0["groupId"] != id || c0["id"] == "" {
		t.Fatalf("clusters = %s", r.body)
	}
	wantError(t, apiWith(t, srv, "GET", "/api/atlas/v2/groups/"+id+"/clusters/other", "", accept), 404, "CLUSTER_NOT_FOUND")
}

func TestTeams(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{})
	id := createProject(t, srv, "teams")
	teamA, teamB := sim.SeedTeam("a"), sim.SeedTeam("b")
	base := "/api/atlas/v2/groups/" + id + "/teams"

	// Empty array is accepted.
	r := api(t, srv, "POST", base, `[]`)
	if r.status != 200 || r.json(t)["totalCount"] != float64(0) {
		t.Fatalf("empty POST = %d %s", r.status, r.body)
	}
	r = api(t, srv, "POST", base, fmt.Sprintf(`[{"teamId":%q,"roleNames":["GROUP_OWNER"]},{"teamId":%q,"roleNames":["GROUP_READ_ONLY","GROUP_DATA_ACCESS_READ_ONLY"]}]`, teamA, teamB))
	wantStatus(t, r, 200)
	if r.json(t)["totalCount"] != float64(2) {
		t.Fatalf("POST = %s", r.body)
	}
	r = api(t, srv, "GET", base, "")
	want := fmt.Sprintf(`{"links":[{"href":"%[1]s/api/atlas/v2/groups/%[2]s/teams?includeCount=true&pageNum=1&itemsPerPage=100","rel":"self"}],"results":[`+
		`{"links":[{"href":"%[1]s/api/atlas/v2/groups/%[2]s/teams/%[3]s","rel":"self"}],"roleNames":["GROUP_OWNER"],"teamId":"%[3]s"},`+
		`{"links":[{"href":"%[1]s/api/atlas/v2/groups/%[2]s/teams/%[4]s","rel":"self"}],"roleNames":["GROUP_READ_ONLY","GROUP_DATA_ACCESS_READ_ONLY"],"teamId":"%[4]s"}],"totalCount":2}`,
		srv.URL, id, teamA, teamB)
	if r.body != want {
		t.Fatalf("GET teams = %s\nwant %s", r.body, want)
	}

	r = api(t, srv, "PATCH", base+"/"+teamB, `{"roleNames":["GROUP_CLUSTER_MANAGER"]}`)
	if r.status != 200 || !strings.Contains(r.body, `"roleNames":["GROUP_CLUSTER_MANAGER"]`) {
		t.Fatalf("PATCH = %d %s", r.status, r.body)
	}
	wantStatus(t, api(t, srv, "DELETE", base+"/"+teamA, ""), 204)
	r = api(t, srv, "GET", base, "")
	if r.json(t)["totalCount"] != float64(1) {
		t.Fatalf("after delete = %s", r.body)
	}
	snap, _ := sim.Project(id)
	if len(snap.Teams) != 1 || snap.Teams[0].TeamID != teamB {
		t.Fatalf("stored teams = %+v", snap.Teams)
	}

	unknown := "0123456789abcdef01234567"
	tests := []struct {
		name, method, path, body string
		status                   int
		code                     string
	}{
		{"unknown team", "POST", base, fmt.Sprintf(`[{"teamId":%q,"roleNames":["GROUP_OWNER"]}]`, unknown), 404, "TEAM_NOT_FOUND"},
		{"bad role", "POST", base, fmt.Sprintf(`[{"teamId":%q,"roleNames":["ORG_OWNER"]}]`, teamA), 400, "INVALID_ENUM_VALUE"},
		{"no roles", "POST", base, fmt.Sprintf(`[{"teamId":%q,"roleNames":[]}]`, teamA), 400, "MISSING_ATTRIBUTE"},
		{"missing teamId", "POST", base, `[{"roleNames":["GROUP_OWNER"]}]`, 400, "MISSING_ATTRIBUTE"},
		{"object not array", "POST", base, fmt.Sprintf(`{"teamId":%q,"roleNames":["GROUP_OWNER"]}`, teamA), 400, "MALFORMED_JSON"},
		{"patch team not in project", "PATCH", base + "/" + teamA, `{"roleNames":["GROUP_OWNER"]}`, 404, "TEAM_NOT_FOUND"},
		{"delete unknown team", "DELETE", base + "/" + unknown, "", 404, "TEAM_NOT_FOUND"},
		{"bad team id", "DELETE", base + "/xyz", "", 400, "INVALID_PATH_PARAMETER"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantError(t, api(t, srv, tt.method, tt.path, tt.body), tt.status, tt.code)
		})
	}
}

func TestUsersVersions(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{})
	owner := sim.SeedUser("owner@example.com")
	r := api(t, srv, "POST", "/api/atlas/v2/groups?projectOwnerId="+owner, fmt.Sprintf(`{"name":"users","orgId":%q}`, atlassim.DefaultOrgID))
	id := r.json(t)["id"].(string)

	r = apiWith(t, srv, "GET", "/api/atlas/v2/groups/"+id+"/users", "", map[string]string{"Accept": "application/vnd.atlas.2025-02-19+json"})
	u := r.json(t)["results"].([]any)[0].(map[string]any)
	if u["orgMembershipStatus"] != "ACTIVE" || u["username"] != "owner@example.com" || fmt.Sprint(u["roles"]) != "[GROUP_OWNER]" {
		t.Fatalf("2025-02-19 = %s", r.body)
	}
	r = api(t, srv, "GET", "/api/atlas/v2/groups/"+id+"/users", "")
	u = r.json(t)["results"].([]any)[0].(map[string]any)
	role := u["roles"].([]any)[0].(map[string]any)
	if u["emailAddress"] != "owner@example.com" || role["groupId"] != id || role["roleName"] != "GROUP_OWNER" {
		t.Fatalf("2023-01-01 = %s", r.body)
	}
	if r.header.Get("Deprecation") == "" {
		t.Fatal("2023-01-01 users should carry Deprecation")
	}
	wantStatus(t, api(t, srv, "GET", "/api/atlas/v2/groups/"+id+"/users?itemsPerPage=1&pageNum=2", ""), http.StatusOK)
}
