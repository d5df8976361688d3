package atlassim_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

const flexAccept = "application/vnd.atlas.2024-11-13+json"

// flexAPI sends an authenticated request with the flex media type in both
// headers, as atlas-sdk-go does.
func flexAPI(t *testing.T, srv *httptest.Server, method, path, body string) result {
	t.Helper()
	headers := map[string]string{"Accept": flexAccept}
	if body != "" {
		headers["Content-Type"] = flexAccept
	}
	return apiWith(t, srv, method, path, body, headers)
}

func flexBody(name string) string {
	return fmt.Sprintf(`{"name":%q,"providerSettings":{"backingProviderName":"AWS","regionName":"US_EAST_1"}}`, name)
}

var (
	srvPattern      = regexp.MustCompile(`^mongodb\+srv://cluster-83\.[a-z0-9]{7}\.mongodb\.net$`)
	standardPattern = regexp.MustCompile(`^mongodb://(ac-[a-z0-9]{7})-shard-00-00\.([a-z0-9]{7})\.mongodb\.net:27017,` +
		`ac-[a-z0-9]{7}-shard-00-01\.[a-z0-9]{7}\.mongodb\.net:27017,ac-[a-z0-9]{7}-shard-00-02\.[a-z0-9]{7}\.mongodb\.net:27017` +
		`/\?ssl=true&authSource=admin&replicaSet=atlas-[a-z0-9]{6}-shard-0$`)
)

func connectionStrings(t *testing.T, r result) map[string]any {
	t.Helper()
	return r.json(t)["connectionStrings"].(map[string]any)
}

func TestFlexLifecycle(t *testing.T) {
	const transition = 500 * time.Millisecond
	sim, srv := startSim(t, atlassim.Options{Transition: transition})
	pid := createProject(t, srv, "flex")
	base := "/api/atlas/v2/groups/" + pid + "/flexClusters"

	// Create: 201, CREATING, only standardSrv, no tags key, no links.
	r := flexAPI(t, srv, "POST", base, flexBody("cluster-83"))
	wantStatus(t, r, http.StatusCreated)
	if ct := r.header.Get("Content-Type"); ct != flexAccept+";charset=utf-8" {
		t.Fatalf("Content-Type = %q", ct)
	}
	if r.header.Get("Ratelimit-Limit") != "1200" || r.header.Get("Ratelimit-Remaining") != "1199" {
		t.Fatalf("rate-limit headers = %q %q", r.header.Get("Ratelimit-Limit"), r.header.Get("Ratelimit-Remaining"))
	}
	m := r.json(t)
	id, _ := m["id"].(string)
	srvString, _ := connectionStrings(t, r)["standardSrv"].(string)
	createDate, _ := m["createDate"].(string)
	if !hexID.MatchString(id) || !srvPattern.MatchString(srvString) || !createdPattern.MatchString(createDate) {
		t.Fatalf("create body = %s", r.body)
	}
	want := fmt.Sprintf(`{"backupSettings":{"enabled":true},"clusterType":"REPLICASET",`+
		`"connectionStrings":{"standardSrv":%q},"createDate":%q,"groupId":%q,"id":%q,"mongoDBVersion":"8.0.29","name":"cluster-83",`+
		`"providerSettings":{"backingProviderName":"AWS","diskSizeGB":5.0,"providerName":"FLEX","regionName":"US_EAST_1"},`+
		`"stateName":"CREATING","terminationProtectionEnabled":false,"versionReleaseSystem":"LTS"}`, srvString, createDate, pid, id)
	if r.body != want {
		t.Fatalf("create body = %s\nwant          %s", r.body, want)
	}

	// GET while CREATING: tags [], still no standard string.
	r = flexAPI(t, srv, "GET", base+"/cluster-83", "")
	wantStatus(t, r, 200)
	if r.json(t)["stateName"] != "CREATING" || !strings.Contains(r.body, `"tags":[]`) || connectionStrings(t, r)["standard"] != nil {
		t.Fatalf("GET while creating = %s", r.body)
	}

	// After the transition: IDLE with both connection strings.
	time.Sleep(transition + 50*time.Millisecond)
	r = flexAPI(t, srv, "GET", base+"/cluster-83", "")
	standard, _ := connectionStrings(t, r)["standard"].(string)
	if r.json(t)["stateName"] != "IDLE" || !standardPattern.MatchString(standard) || connectionStrings(t, r)["standardSrv"] != srvString {
		t.Fatalf("GET after transition = %s", r.body)
	}
	idleBody := r.body

	// List: one item, the observed self link.
	r = flexAPI(t, srv, "GET", base, "")
	wantList := fmt.Sprintf(`{"links":[{"href":"%s%s?includeCount=true&pageNum=1&itemsPerPage=100","rel":"self"}],"results":[%s],"totalCount":1}`,
		srv.URL, base, idleBody)
	if r.status != 200 || r.body != wantList {
		t.Fatalf("list = %d %s\nwant %s", r.status, r.body, wantList)
	}

	// The project counts it, lists its addresses, and cannot be deleted.
	g := api(t, srv, "GET", "/api/atlas/v2/groups/"+pid, "")
	if g.json(t)["clusterCount"] != float64(1) {
		t.Fatalf("clusterCount: %s", g.body)
	}
	ips := api(t, srv, "GET", "/api/atlas/v2/groups/"+pid+"/ipAddresses", "")
	if !strings.Contains(ips.body, `"clusterName":"cluster-83"`) {
		t.Fatalf("ipAddresses = %s", ips.body)
	}
	m = wantError(t, api(t, srv, "DELETE", "/api/atlas/v2/groups/"+pid, ""), 409, "CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS")
	if !strings.Contains(m["detail"].(string), "cluster-83") {
		t.Fatalf("409 detail = %v", m["detail"])
	}

	// PATCH: UPDATING with the new tags, then IDLE; the standard string stays.
	r = flexAPI(t, srv, "PATCH", base+"/cluster-83", `{"tags":[{"key":"env","value":"dev"}],"terminationProtectionEnabled":false}`)
	wantStatus(t, r, 200)
	if r.json(t)["stateName"] != "UPDATING" || !strings.Contains(r.body, `"tags":[{"key":"env","value":"dev"}]`) ||
		connectionStrings(t, r)["standard"] != standard {
		t.Fatalf("PATCH = %s", r.body)
	}
	time.Sleep(transition + 50*time.Millisecond)
	r = flexAPI(t, srv, "GET", base+"/cluster-83", "")
	if r.json(t)["stateName"] != "IDLE" || !strings.Contains(r.body, `"tags":[{"key":"env","value":"dev"}]`) {
		t.Fatalf("GET after PATCH = %s", r.body)
	}
	// Tags left out keep the set; [] clears it.
	r = flexAPI(t, srv, "PATCH", base+"/cluster-83", `{"terminationProtectionEnabled":false}`)
	if !strings.Contains(r.body, `"tags":[{"key":"env","value":"dev"}]`) {
		t.Fatalf("PATCH without tags = %s", r.body)
	}
	r = flexAPI(t, srv, "PATCH", base+"/cluster-83", `{"tags":[]}`)
	if !strings.Contains(r.body, `"tags":[]`) {
		t.Fatalf("PATCH tags [] = %s", r.body)
	}
	time.Sleep(transition + 50*time.Millisecond)

	// DELETE: 204 with no body, then DELETING, then 404.
	r = flexAPI(t, srv, "DELETE", base+"/cluster-83", "")
	if r.status != http.StatusNoContent || r.body != "" || r.header.Get("Content-Type") != flexAccept+";charset=utf-8" {
		t.Fatalf("DELETE = %d %q %q", r.status, r.body, r.header.Get("Content-Type"))
	}
	r = flexAPI(t, srv, "GET", base+"/cluster-83", "")
	if r.status != 200 || r.json(t)["stateName"] != "DELETING" {
		t.Fatalf("GET while deleting = %d %s", r.status, r.body)
	}
	m = wantError(t, flexAPI(t, srv, "DELETE", base+"/cluster-83", ""), 400, "CLUSTER_ALREADY_REQUESTED_DELETION")
	if m["detail"] != "The cluster cluster-83 has already been requested for deletion." {
		t.Fatalf("detail = %v", m["detail"])
	}
	wantError(t, flexAPI(t, srv, "PATCH", base+"/cluster-83", `{"tags":[]}`), 400, "CLUSTER_ALREADY_REQUESTED_DELETION")
	wantError(t, api(t, srv, "DELETE", "/api/atlas/v2/groups/"+pid, ""), 409, "CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS")
	if snap, found := sim.FlexCluster(pid, "cluster-83"); !found || snap.State != "DELETING" {
		t.Fatalf("snapshot = %+v %v", snap, found)
	}

	time.Sleep(transition + 50*time.Millisecond)
	r = flexAPI(t, srv, "GET", base+"/cluster-83", "")
	wantError(t, r, 404, "CLUSTER_NOT_FOUND")
	want404 := fmt.Sprintf(`{"detail":"No cluster named cluster-83 exists in group %[1]s.","error":404,"errorCode":"CLUSTER_NOT_FOUND","parameters":["cluster-83","%[1]s"],"reason":"Not Found"}`, pid)
	if r.body != want404 {
		t.Fatalf("404 body = %s\nwant %s", r.body, want404)
	}
	r = flexAPI(t, srv, "GET", base, "")
	if r.json(t)["totalCount"] != float64(0) || !strings.Contains(r.body, `"results":[]`) {
		t.Fatalf("empty list = %s", r.body)
	}
	r = api(t, srv, "DELETE", "/api/atlas/v2/groups/"+pid, "")
	if r.status != http.StatusAccepted || r.body != "{}" {
		t.Fatalf("project delete after flex gone = %d %s", r.status, r.body)
	}
}

var hexID = regexp.MustCompile(`^[a-f0-9]{24}$`)

func TestFlexNoTransitionTime(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{})
	pid := createProject(t, srv, "flex-fast")
	base := "/api/atlas/v2/groups/" + pid + "/flexClusters"

	// The answers themselves still show CREATING / UPDATING; the next read
	// sees the settled state.
	r := flexAPI(t, srv, "POST", base, `{"name":"fast","providerSettings":{"backingProviderName":"GCP","regionName":"CENTRAL_US"},"tags":[{"key":"team","value":"db"}],"terminationProtectionEnabled":true}`)
	wantStatus(t, r, 201)
	if r.json(t)["stateName"] != "CREATING" || !strings.Contains(r.body, `"tags":[{"key":"team","value":"db"}],"terminationProtectionEnabled":true`) {
		t.Fatalf("create = %s", r.body)
	}
	r = flexAPI(t, srv, "GET", base+"/fast", "")
	if r.json(t)["stateName"] != "IDLE" || connectionStrings(t, r)["standard"] == nil {
		t.Fatalf("GET = %s", r.body)
	}
	r = flexAPI(t, srv, "PATCH", base+"/fast", `{"terminationProtectionEnabled":false}`)
	if r.json(t)["stateName"] != "UPDATING" || r.json(t)["terminationProtectionEnabled"] != false {
		t.Fatalf("PATCH = %s", r.body)
	}
	wantStatus(t, flexAPI(t, srv, "DELETE", base+"/fast", ""), 204)
	wantError(t, flexAPI(t, srv, "GET", base+"/fast", ""), 404, "CLUSTER_NOT_FOUND")
	wantError(t, flexAPI(t, srv, "DELETE", base+"/fast", ""), 404, "CLUSTER_NOT_FOUND")
}

func TestFlexDeleteWhileCreating(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{Transition: 400 * time.Millisecond})
	pid := createProject(t, srv, "flex-early")
	base := "/api/atlas/v2/groups/" + pid + "/flexClusters"
	wantStatus(t, flexAPI(t, srv, "POST", base, flexBody("early")), 201)
	wantStatus(t, flexAPI(t, srv, "DELETE", base+"/early", ""), 204)
	r := flexAPI(t, srv, "GET", base+"/early", "")
	if r.json(t)["stateName"] != "DELETING" || connectionStrings(t, r)["standard"] != nil {
		t.Fatalf("GET = %s", r.body)
	}

	// A state set out of band (REPAIRING) is visible, then settles to IDLE.
	wantStatus(t, flexAPI(t, srv, "POST", base, flexBody("fix")), 201)
	sim.UpdateFlexClusterOutOfBand(pid, "fix", func(fc *atlassim.FlexClusterSnapshot) { fc.State = "REPAIRING" })
	if got := flexAPI(t, srv, "GET", base+"/fix", "").json(t)["stateName"]; got != "REPAIRING" {
		t.Fatalf("state = %v", got)
	}

	time.Sleep(450 * time.Millisecond)
	wantError(t, flexAPI(t, srv, "GET", base+"/early", ""), 404, "CLUSTER_NOT_FOUND")
	if got := flexAPI(t, srv, "GET", base+"/fix", "").json(t)["stateName"]; got != "IDLE" {
		t.Fatalf("state after transition = %v", got)
	}
}

func TestFlexTerminationProtection(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{})
	pid := createProject(t, srv, "flex-tp")
	base := "/api/atlas/v2/groups/" + pid + "/flexClusters"
	wantStatus(t, flexAPI(t, srv, "POST", base,
		`{"name":"keep","providerSettings":{"backingProviderName":"AZURE","regionName":"EUROPE_WEST"},"terminationProtectionEnabled":true}`), 201)

	m := wantError(t, flexAPI(t, srv, "DELETE", base+"/keep", ""), 400, "ATLAS_GENERAL_ERROR")
	if !strings.Contains(m["detail"].(string), "termination protection is enabled") || m["reason"] != "Bad Request" {
		t.Fatalf("protected delete = %v", m)
	}
	if snap, _ := sim.FlexCluster(pid, "keep"); snap.State != "IDLE" {
		t.Fatalf("state after refused delete = %s", snap.State)
	}
	// The project cannot be deleted either, and says why.
	wantError(t, api(t, srv, "DELETE", "/api/atlas/v2/groups/"+pid, ""), 409, "CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS")

	wantStatus(t, flexAPI(t, srv, "PATCH", base+"/keep", `{"terminationProtectionEnabled":false}`), 200)
	wantStatus(t, flexAPI(t, srv, "DELETE", base+"/keep", ""), 204)
}

func TestFlexValidation(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{})
	pid := createProject(t, srv, "flex-validation")
	if err := sim.SeedCluster(pid, "Dedicated0"); err != nil {
		t.Fatal(err)
	}
	base := "/api/atlas/v2/groups/" + pid + "/flexClusters"
	wantStatus(t, flexAPI(t, srv, "POST", base, flexBody("existing")), 201)
	ps := func(provider, region string) string {
		return fmt.Sprintf(`{"name":"x","providerSettings":{"backingProviderName":%q,"regionName":%q}}`, provider, region)
	}
	withName := func(name string) string { return flexBody(name) }
	unknownGroup := "/api/atlas/v2/groups/0123456789abcdef01234567/flexClusters"

	tests := []struct {
		name, method, path, body string
		status                   int
		code                     string
		detail                   string // exact detail when set
	}{
		{"missing name", "POST", base, `{"providerSettings":{"backingProviderName":"AWS","regionName":"US_EAST_1"}}`, 400, "MISSING_ATTRIBUTE", "The required attribute name was not specified."},
		{"missing providerSettings", "POST", base, `{"name":"x"}`, 400, "MISSING_ATTRIBUTE", "The required attribute providerSettings was not specified."},
		{"missing provider", "POST", base, `{"name":"x","providerSettings":{"regionName":"US_EAST_1"}}`, 400, "MISSING_ATTRIBUTE", "The required attribute providerSettings.backingProviderName was not specified."},
		{"missing region", "POST", base, `{"name":"x","providerSettings":{"backingProviderName":"AWS"}}`, 400, "MISSING_ATTRIBUTE", "The required attribute providerSettings.regionName was not specified."},
		{"unknown field", "POST", base, `{"name":"x","paused":true,"providerSettings":{"backingProviderName":"AWS","regionName":"US_EAST_1"}}`, 400, "INVALID_ATTRIBUTE", "Invalid attribute paused specified."},
		{"unknown nested field", "POST", base, `{"name":"x","providerSettings":{"backingProviderName":"AWS","regionName":"US_EAST_1","instanceSizeName":"M0"}}`, 400, "INVALID_ATTRIBUTE", "Invalid attribute providerSettings.instanceSizeName specified."},
		{"read-only providerName", "POST", base, `{"name":"x","providerSettings":{"backingProviderName":"AWS","providerName":"FLEX","regionName":"US_EAST_1"}}`, 400, "ATTRIBUTE_READ_ONLY", ""},
		{"read-only diskSizeGB", "POST", base, `{"name":"x","providerSettings":{"backingProviderName":"AWS","diskSizeGB":5,"regionName":"US_EAST_1"}}`, 400, "ATTRIBUTE_READ_ONLY", ""},
		{"read-only stateName", "POST", base, `{"name":"x","stateName":"IDLE","providerSettings":{"backingProviderName":"AWS","regionName":"US_EAST_1"}}`, 400, "ATTRIBUTE_READ_ONLY", ""},
		{"providerSettings not an object", "POST", base, `{"name":"x","providerSettings":"AWS"}`, 400, "INVALID_ATTRIBUTE", "Invalid attribute providerSettings specified."},
		{"name wrong type", "POST", base, `{"name":7,"providerSettings":{"backingProviderName":"AWS","regionName":"US_EAST_1"}}`, 400, "INVALID_ATTRIBUTE", ""},
		{"TP wrong type", "POST", base, `{"name":"x","providerSettings":{"backingProviderName":"AWS","regionName":"US_EAST_1"},"terminationProtectionEnabled":"yes"}`, 400, "INVALID_ATTRIBUTE", ""},
		{"malformed JSON", "POST", base, `{"name":`, 400, "MALFORMED_JSON", ""},
		{"name with underscore", "POST", base, withName("bad_name"), 400, "CLUSTER_NAME_INVALID", ""},
		{"name starting with hyphen", "POST", base, withName("-x"), 400, "CLUSTER_NAME_INVALID", ""},
		{"empty name", "POST", base, withName(""), 400, "CLUSTER_NAME_INVALID", ""},
		{"name too long", "POST", base, withName(strings.Repeat("a", 65)), 400, "CLUSTER_NAME_TOO_LONG", "Cluster name " + strings.Repeat("a", 65) + " is limited to 64 characters."},
		{"reserved name", "POST", base, withName("atlas-abc123"), 400, "ATLAS_RESERVED_CLUSTER_NAME", ""},
		{"unknown provider", "POST", base, ps("ORACLE", "US_EAST_1"), 400, "INVALID_PROVIDER", "No provider ORACLE exists."},
		{"lower-case provider", "POST", base, ps("aws", "US_EAST_1"), 400, "INVALID_PROVIDER", "No provider aws exists."},
		{"unknown region", "POST", base, ps("AWS", "MARS_1"), 400, "INVALID_REGION", "No region MARS_1 exists for provider AWS."},
		{"region of another provider", "POST", base, ps("GCP", "US_EAST_1"), 400, "INVALID_REGION", "No region US_EAST_1 exists for provider GCP."},
		{"duplicate flex name", "POST", base, withName("existing"), 400, "DUPLICATE_CLUSTER_NAME", "A cluster named existing is already present in group " + pid + "."},
		{"duplicate differing in case", "POST", base, withName("EXISTING"), 400, "DUPLICATE_CLUSTER_NAME", ""},
		{"duplicate dedicated name", "POST", base, withName("Dedicated0"), 400, "DUPLICATE_CLUSTER_NAME", ""},
		{"tag bad characters", "POST", base, `{"name":"x","providerSettings":{"backingProviderName":"AWS","regionName":"US_EAST_1"},"tags":[{"key":"k","value":"a/b"}]}`, 400, "VALIDATION_ERROR", ""},
		{"tag duplicate key", "POST", base, `{"name":"x","providerSettings":{"backingProviderName":"AWS","regionName":"US_EAST_1"},"tags":[{"key":"k","value":"1"},{"key":"k","value":"2"}]}`, 400, "VALIDATION_ERROR", ""},
		{"tag missing value", "POST", base, `{"name":"x","providerSettings":{"backingProviderName":"AWS","regionName":"US_EAST_1"},"tags":[{"key":"k"}]}`, 400, "MISSING_ATTRIBUTE", ""},
		{"unknown project", "POST", unknownGroup, flexBody("x"), 404, "GROUP_NOT_FOUND", "No group with ID 0123456789abcdef01234567 exists."},
		{"unknown project list", "GET", unknownGroup, "", 404, "GROUP_NOT_FOUND", ""},
		{"unknown project get", "GET", unknownGroup + "/x", "", 404, "GROUP_NOT_FOUND", ""},
		{"malformed group id", "GET", "/api/atlas/v2/groups/nope/flexClusters", "", 404, "INVALID_GROUP_ID", ""},
		{"patch name", "PATCH", base + "/existing", `{"name":"other"}`, 400, "INVALID_ATTRIBUTE", "Invalid attribute name specified."},
		{"patch providerSettings", "PATCH", base + "/existing", `{"providerSettings":{"regionName":"US_EAST_2"}}`, 400, "INVALID_ATTRIBUTE", ""},
		{"patch bad tags", "PATCH", base + "/existing", `{"tags":[{"key":"","value":"v"}]}`, 400, "VALIDATION_ERROR", ""},
		{"patch TP wrong type", "PATCH", base + "/existing", `{"terminationProtectionEnabled":1}`, 400, "INVALID_ATTRIBUTE", ""},
		{"patch empty body", "PATCH", base + "/existing", "", 400, "MALFORMED_JSON", ""},
		{"patch unknown cluster", "PATCH", base + "/missing", `{"tags":[]}`, 404, "CLUSTER_NOT_FOUND", ""},
		{"delete unknown cluster", "DELETE", base + "/missing", "", 404, "CLUSTER_NOT_FOUND", "No cluster named missing exists in group " + pid + "."},
		{"bad path name", "GET", base + "/bad_name", "", 400, "INVALID_PATH_PARAMETER", ""},
		{"flex API on dedicated GET", "GET", base + "/Dedicated0", "", 400, "CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API", "Cannot use non-flex cluster Dedicated0 in the flex API."},
		{"flex API on dedicated PATCH", "PATCH", base + "/Dedicated0", `{"tags":[]}`, 400, "CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API", ""},
		{"flex API on dedicated DELETE", "DELETE", base + "/Dedicated0", "", 400, "CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API", ""},
		{"upgrade not simulated", "POST", base + ":tenantUpgrade", `{"name":"existing"}`, 404, "RESOURCE_NOT_FOUND", ""},
		{"PUT not allowed", "PUT", base + "/existing", `{"tags":[]}`, 405, "METHOD_NOT_ALLOWED", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := wantError(t, flexAPI(t, srv, tt.method, tt.path, tt.body), tt.status, tt.code)
			if tt.detail != "" && m["detail"] != tt.detail {
				t.Fatalf("detail = %q, want %q", m["detail"], tt.detail)
			}
		})
	}
	// Nothing was created by the refused requests.
	if got := sim.FlexClusters(pid); len(got) != 1 || got[0].Name != "existing" {
		t.Fatalf("flex clusters = %+v", got)
	}
	// Valid edge cases: 64 characters, every provider, tags like project tags.
	for _, body := range []string{
		withName(strings.Repeat("b", 64)),
		`{"name":"az","providerSettings":{"backingProviderName":"AZURE","regionName":"US_EAST_2"}}`,
		`{"name":"gcp","providerSettings":{"backingProviderName":"GCP","regionName":"WESTERN_EUROPE"},"tags":[{"key":"a b;@_-.+","value":"ünï 9"}]}`,
		`{"name":"aws2","providerSettings":{"backingProviderName":"AWS","regionName":"AP_SOUTH_1"},"tags":null,"terminationProtectionEnabled":null}`,
	} {
		wantStatus(t, flexAPI(t, srv, "POST", base, body), 201)
	}
}

func TestFlexMediaTypes(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{})
	pid := createProject(t, srv, "flex-media")
	base := "/api/atlas/v2/groups/" + pid + "/flexClusters"
	wantStatus(t, flexAPI(t, srv, "POST", base, flexBody("media")), 201)

	tests := []struct {
		name, method, path, body, accept string
		status                           int
	}{
		{"list 2023-01-01", "GET", base, "", "application/vnd.atlas.2023-01-01+json", 406},
		{"get 2024-08-05", "GET", base + "/media", "", "application/vnd.atlas.2024-08-05+json", 406},
		{"create 2023-01-01", "POST", base, flexBody("other"), "application/vnd.atlas.2023-01-01+json", 406},
		{"delete 2023-01-01", "DELETE", base + "/media", "", "application/vnd.atlas.2023-01-01+json", 406},
		{"missing Accept", "GET", base, "", "", 406},
		{"later date resolves down", "GET", base + "/media", "", "application/vnd.atlas.2025-03-12+json", 200},
		{"exact", "GET", base, "", flexAccept, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := apiWith(t, srv, tt.method, tt.path, tt.body, map[string]string{"Accept": tt.accept})
			if tt.status == 406 {
				wantError(t, r, 406, "INVALID_VERSION_DATE")
				return
			}
			wantStatus(t, r, tt.status)
			if ct := r.header.Get("Content-Type"); ct != flexAccept+";charset=utf-8" {
				t.Fatalf("Content-Type = %q", ct)
			}
		})
	}
	// The 406s changed nothing.
	r := flexAPI(t, srv, "GET", base, "")
	if r.json(t)["totalCount"] != float64(1) {
		t.Fatalf("list = %s", r.body)
	}
}

func TestFlexClusterAPIGuards(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{Transition: 400 * time.Millisecond})
	pid := createProject(t, srv, "flex-guards")
	if err := sim.SeedCluster(pid, "Cluster0"); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, flexAPI(t, srv, "POST", "/api/atlas/v2/groups/"+pid+"/flexClusters", flexBody("flexy")), 201)
	clusters := "/api/atlas/v2/groups/" + pid + "/clusters"
	for _, accept := range []string{"application/vnd.atlas.2023-01-01+json", "application/vnd.atlas.2024-08-05+json"} {
		h := map[string]string{"Accept": accept}
		m := wantError(t, apiWith(t, srv, "GET", clusters+"/flexy", "", h), 400, "CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API")
		if m["detail"] != "Flex cluster flexy cannot be used in the Cluster API." || fmt.Sprint(m["parameters"]) != "[flexy]" {
			t.Fatalf("guard body = %v", m)
		}
		wantError(t, apiWith(t, srv, "DELETE", clusters+"/flexy", "", h), 400, "CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API")
		// The Clusters list leaves flex clusters out.
		r := apiWith(t, srv, "GET", clusters, "", h)
		if r.json(t)["totalCount"] != float64(1) || strings.Contains(r.body, "flexy") {
			t.Fatalf("clusters list = %s", r.body)
		}
	}
	// Dedicated delete through the Clusters API: 202, DELETING, then gone.
	h := map[string]string{"Accept": "application/vnd.atlas.2024-08-05+json"}
	r := apiWith(t, srv, "DELETE", clusters+"/Cluster0", "", h)
	if r.status != http.StatusAccepted || r.body != "" {
		t.Fatalf("dedicated delete = %d %q", r.status, r.body)
	}
	if apiWith(t, srv, "GET", clusters+"/Cluster0", "", h).json(t)["stateName"] != "DELETING" {
		t.Fatal("dedicated cluster should be DELETING")
	}
	wantError(t, apiWith(t, srv, "DELETE", clusters+"/Cluster0", "", h), 400, "CLUSTER_ALREADY_REQUESTED_DELETION")
	// Both kinds are named by the project delete check.
	m := wantError(t, api(t, srv, "DELETE", "/api/atlas/v2/groups/"+pid, ""), 409, "CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS")
	if !strings.Contains(m["detail"].(string), "Cluster0, flexy") {
		t.Fatalf("detail = %v", m["detail"])
	}
	time.Sleep(450 * time.Millisecond)
	wantError(t, apiWith(t, srv, "GET", clusters+"/Cluster0", "", h), 404, "CLUSTER_NOT_FOUND")
	// Seeding a dedicated cluster under a flex name is refused.
	if err := sim.SeedCluster(pid, "FLEXY"); err == nil {
		t.Fatal("seeding a clashing dedicated cluster should fail")
	}
}

func TestFlexPagination(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{})
	pid := createProject(t, srv, "flex-pages")
	base := "/api/atlas/v2/groups/" + pid + "/flexClusters"
	for _, n := range []string{"c1", "c2", "c3"} {
		wantStatus(t, flexAPI(t, srv, "POST", base, flexBody(n)), 201)
	}
	type page struct {
		Links []struct {
			Href string `json:"href"`
			Rel  string `json:"rel"`
		} `json:"links"`
		Results []struct {
			Name string `json:"name"`
		} `json:"results"`
		TotalCount *int `json:"totalCount"`
	}
	tests := []struct {
		query     string
		names     string
		links     string
		withCount bool
	}{
		{"", "c1 c2 c3", "self=includeCount=true&pageNum=1&itemsPerPage=100", true},
		{"?itemsPerPage=2", "c1 c2", "self=includeCount=true&pageNum=1&itemsPerPage=2 next=includeCount=true&pageNum=2&itemsPerPage=2", true},
		{"?itemsPerPage=2&pageNum=2", "c3", "previous=includeCount=true&pageNum=1&itemsPerPage=2 self=includeCount=true&pageNum=2&itemsPerPage=2", true},
		{"?pageNum=5", "", "previous=includeCount=true&pageNum=4&itemsPerPage=100 self=includeCount=true&pageNum=5&itemsPerPage=100", true},
		{"?includeCount=false&itemsPerPage=1", "c1", "self=includeCount=false&pageNum=1&itemsPerPage=1 next=includeCount=false&pageNum=2&itemsPerPage=1", false},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			r := flexAPI(t, srv, "GET", base+tt.query, "")
			wantStatus(t, r, 200)
			var p page
			if err := json.Unmarshal([]byte(r.body), &p); err != nil {
				t.Fatal(err)
			}
			var names, links []string
			for _, res := range p.Results {
				names = append(names, res.Name)
			}
			for _, l := range p.Links {
				links = append(links, l.Rel+"="+strings.TrimPrefix(l.Href, srv.URL+base+"?"))
			}
			if strings.Join(names, " ") != tt.names || strings.Join(links, " ") != tt.links {
				t.Fatalf("names %v links %v\nbody %s", names, links, r.body)
			}
			if (p.TotalCount != nil) != tt.withCount || (p.TotalCount != nil && *p.TotalCount != 3) {
				t.Fatalf("totalCount = %v", p.TotalCount)
			}
		})
	}
	wantError(t, flexAPI(t, srv, "GET", base+"?itemsPerPage=501", ""), 400, "INVALID_QUERY_PARAMETER")
	// envelope=true adds status next to the page.
	r := flexAPI(t, srv, "GET", base+"?envelope=true&itemsPerPage=1", "")
	if !strings.Contains(r.body, `"status":200,"totalCount":3}`) {
		t.Fatalf("envelope = %s", r.body)
	}
}

func TestFlexRateLimit(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{RateLimits: atlassim.RateLimitMode{Buckets: map[atlassim.EndpointSet]atlassim.Bucket{
		atlassim.EndpointSetFlexClusters: {Capacity: 2, Refill: 1, Period: time.Minute},
	}}})
	pidA := createProject(t, srv, "flex-rl-a")
	pidB := createProject(t, srv, "flex-rl-b")
	a := "/api/atlas/v2/groups/" + pidA + "/flexClusters"

	wantStatus(t, flexAPI(t, srv, "POST", a, flexBody("one")), 201)
	r := flexAPI(t, srv, "GET", a+"/one", "")
	if r.status != 200 || r.header.Get("Ratelimit-Limit") != "2" || r.header.Get("Ratelimit-Remaining") != "0" {
		t.Fatalf("second request = %d %v", r.status, r.header)
	}
	r = flexAPI(t, srv, "GET", a, "")
	m := wantError(t, r, 429, "RATE_LIMITED_TOKEN_BUCKET")
	if !strings.HasPrefix(m["detail"].(string), "Rate limit exceeded for api/atlas/v2/groups/{groupId}/flexClusters. Please retry after ") ||
		r.header.Get("Retry-After") == "" {
		t.Fatalf("429 = %s %v", r.body, r.header)
	}
	// GROUP scope: another project has its own bucket, and the Projects set is separate.
	wantStatus(t, flexAPI(t, srv, "GET", "/api/atlas/v2/groups/"+pidB+"/flexClusters", ""), 200)
	wantStatus(t, api(t, srv, "GET", "/api/atlas/v2/groups/"+pidA, ""), 200)
}

func TestFlexOutOfBandHelpers(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{})
	pid := createProject(t, srv, "flex-oob")
	createProject(t, srv, "flex-oob-2")
	base := "/api/atlas/v2/groups/" + pid + "/flexClusters"
	wantStatus(t, flexAPI(t, srv, "POST", base,
		`{"name":"drift","providerSettings":{"backingProviderName":"AWS","regionName":"EU_WEST_1"},"tags":[{"key":"a","value":"1"}]}`), 201)
	wantStatus(t, flexAPI(t, srv, "POST", base, flexBody("gone")), 201)

	if projects := sim.Projects(); len(projects) != 2 || projects[0].Name != "flex-oob" || projects[1].Name != "flex-oob-2" {
		t.Fatalf("Projects = %+v", projects)
	}
	snap, found := sim.FlexCluster(pid, "drift")
	if !found || snap.State != "IDLE" || snap.BackingProviderName != "AWS" || snap.RegionName != "EU_WEST_1" ||
		!hexID.MatchString(snap.ID) || fmt.Sprint(snap.Tags) != "[{a 1}]" || snap.TerminationProtectionEnabled {
		t.Fatalf("snapshot = %+v %v", snap, found)
	}
	if _, found := sim.FlexCluster(pid, "nope"); found {
		t.Fatal("unknown flex cluster found")
	}
	if got := sim.FlexClusters(pid); len(got) != 2 || got[0].Name != "drift" || got[1].Name != "gone" {
		t.Fatalf("FlexClusters = %+v", got)
	}
	if sim.FlexClusters("0123456789abcdef01234567") != nil {
		t.Fatal("unknown project should give nil")
	}

	// Drift: tags and termination protection changed outside the API.
	if !sim.UpdateFlexClusterOutOfBand(pid, "drift", func(fc *atlassim.FlexClusterSnapshot) {
		fc.Tags = []atlassim.Tag{{Key: "owner", Value: "ui"}}
		fc.TerminationProtectionEnabled = true
	}) {
		t.Fatal("drift target not found")
	}
	r := flexAPI(t, srv, "GET", base+"/drift", "")
	if !strings.Contains(r.body, `"stateName":"IDLE","tags":[{"key":"owner","value":"ui"}],"terminationProtectionEnabled":true`) {
		t.Fatalf("GET after drift = %s", r.body)
	}
	if sim.UpdateFlexClusterOutOfBand(pid, "nope", func(*atlassim.FlexClusterSnapshot) {}) {
		t.Fatal("update of unknown cluster reported success")
	}

	// Disappears: gone at once, ignoring protection.
	if !sim.DeleteFlexClusterOutOfBand(pid, "drift") || sim.DeleteFlexClusterOutOfBand(pid, "drift") {
		t.Fatal("out-of-band delete should succeed once")
	}
	wantError(t, flexAPI(t, srv, "GET", base+"/drift", ""), 404, "CLUSTER_NOT_FOUND")

	// Admin endpoints.
	admin := func(method, path, body string) result {
		var req *http.Request
		if body != "" {
			req, _ = http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		} else {
			req, _ = http.NewRequest(method, srv.URL+path, nil)
		}
		return do(t, req)
	}
	adminBase := "/__sim/groups/" + pid + "/flexClusters"
	r = admin("GET", adminBase+"/gone", "")
	if r.status != 200 || !strings.Contains(r.body, `"name":"gone","created":"`) || !strings.Contains(r.body, `"stateName":"IDLE","tags":[],"terminationProtectionEnabled":false,"backingProviderName":"AWS","regionName":"US_EAST_1"}`) {
		t.Fatalf("admin GET = %d %s", r.status, r.body)
	}
	// With no transition time REPAIRING settles to IDLE at once.
	r = admin("PATCH", adminBase+"/gone", `{"tags":[{"key":"k","value":"v"}],"stateName":"REPAIRING"}`)
	if r.status != 200 || !strings.Contains(r.body, `"stateName":"IDLE","tags":[{"key":"k","value":"v"}]`) {
		t.Fatalf("admin PATCH = %d %s", r.status, r.body)
	}
	if r = admin("PATCH", adminBase+"/gone", `{"stateName":"BROKEN"}`); r.status != 400 {
		t.Fatalf("admin PATCH bad state = %d %s", r.status, r.body)
	}
	if r = admin("GET", adminBase, ""); r.status != 200 || !strings.HasPrefix(r.body, `[{"id":"`) {
		t.Fatalf("admin list = %d %s", r.status, r.body)
	}
	if r = admin("DELETE", adminBase+"/gone", ""); r.status != 204 {
		t.Fatalf("admin DELETE = %d %s", r.status, r.body)
	}
	if r = admin("GET", adminBase+"/gone", ""); r.status != 404 {
		t.Fatalf("admin GET after delete = %d %s", r.status, r.body)
	}
	if r = admin("GET", adminBase, ""); r.status != 200 || r.body != "[]" {
		t.Fatalf("admin empty list = %d %s", r.status, r.body)
	}
	if r = admin("GET", "/__sim/groups/0123456789abcdef01234567/flexClusters", ""); r.status != 404 {
		t.Fatalf("admin list unknown project = %d", r.status)
	}
	// With the flex clusters gone the project can be deleted.
	wantStatus(t, api(t, srv, "DELETE", "/api/atlas/v2/groups/"+pid, ""), http.StatusAccepted)
}
