package atlassim_test

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

const (
	wantDeprecation = "Wed, 10 Dec 2025 00:00:00 GMT"
	wantSunset      = "Thu, 15 Jan 2026 00:00:00 GMT"
	goneBody        = `{"detail":"This happens when a resource is marked for sunset and the sunset date is in the past.","error":410,"errorCode":"VERSION_GONE","parameters":[],"reason":"Gone"}`
)

var serverlessSrv = regexp.MustCompile(`^mongodb\+srv://[a-z0-9-]+\.[a-z0-9]{7}\.mongodb\.net$`)

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func serverlessBody(name string) string {
	return fmt.Sprintf(`{"name":%q,"providerSettings":{"backingProviderName":"AWS","providerName":"SERVERLESS","regionName":"US_EAST_1"}}`, name)
}

// wantServerlessHeaders checks the Deprecation/Sunset pair (present or absent).
func wantServerlessHeaders(t *testing.T, r result, present bool) {
	t.Helper()
	dep, sun := r.header.Get("Deprecation"), r.header.Get("Sunset")
	if present && (dep != wantDeprecation || sun != wantSunset) {
		t.Fatalf("Deprecation/Sunset = %q / %q, want the 2025 pair; status %d", dep, sun, r.status)
	}
	if !present && (dep != "" || sun != "") {
		t.Fatalf("Deprecation/Sunset = %q / %q, want none; status %d", dep, sun, r.status)
	}
}

// listNames returns the names in a serverless list body.
func listNames(t *testing.T, r result) []string {
	t.Helper()
	var names []string
	for _, item := range r.json(t)["results"].([]any) {
		names = append(names, item.(map[string]any)["name"].(string))
	}
	return names
}

func sorted(names []string) []string {
	out := slices.Clone(names)
	slices.Sort(out)
	return out
}

// TestServerlessEras runs every operation in every era against one
// serverless instance created before 2025 ("real", seeded; from 2025-06-01
// Atlas has migrated it to flex) and one flex-backed instance ("fb",
// created through the serverless API in 2025).
func TestServerlessEras(t *testing.T) {
	tests := []struct {
		date           string
		headers        bool
		realKind       string // what "real" is on that date
		list           string // names listed, or "410"
		getFlexBacked  int
		getReal        int
		patch          int // both instances
		create         int
		createdKind    string // what the create made
		deleteStatuses int    // both instances
	}{
		{"2024-06-01", false, "SERVERLESS", "[fb real]", 200, 200, 200, 201, "SERVERLESS", 202},
		{"2025-01-31", false, "SERVERLESS", "[fb real]", 200, 200, 200, 201, "SERVERLESS", 202},
		{"2025-02-01", true, "SERVERLESS", "[fb real]", 200, 200, 200, 201, "FLEX", 202},
		{"2025-05-31", true, "SERVERLESS", "[fb real]", 200, 200, 200, 201, "FLEX", 202},
		{"2025-06-01", true, "FLEX", "[fb real]", 200, 200, 200, 201, "FLEX", 202},
		{"2026-01-14", true, "FLEX", "[fb real]", 200, 200, 200, 201, "FLEX", 202},
		// The list leaves out every flex-backed instance; the GET keeps
		// answering for a migrated one (spec), not for one created as flex
		// (observed).
		{"2026-01-15", true, "FLEX", "[]", 404, 200, 200, 201, "FLEX", 202},
		{"2026-01-21", true, "FLEX", "[]", 404, 200, 200, 201, "FLEX", 202},
		{"2026-01-22", true, "FLEX", "[]", 404, 200, 410, 410, "", 410},
		{"2027-01-14", true, "FLEX", "[]", 404, 200, 410, 410, "", 410},
		{"2027-01-15", true, "FLEX", "410", 410, 410, 410, 410, "", 410},
	}
	for _, tt := range tests {
		t.Run(tt.date, func(t *testing.T) {
			sim, srv := startSim(t, atlassim.Options{WorldDate: day("2024-06-01")})
			pid := createProject(t, srv, "eras")
			base := "/api/atlas/v2/groups/" + pid + "/serverless"
			if err := sim.SeedServerlessInstance(pid, "real"); err != nil {
				t.Fatal(err)
			}
			sim.SetWorldDate(day("2025-03-01"))
			wantStatus(t, api(t, srv, "POST", base, serverlessBody("fb")), 201)
			sim.SetWorldDate(day(tt.date))
			if snap, _ := sim.ServerlessInstance(pid, "real"); snap.Kind != tt.realKind {
				t.Fatalf("real is %+v, want kind %s", snap, tt.realKind)
			}

			// List (both were created in the same second: the order of
			// the two is not the subject).
			r := api(t, srv, "GET", base, "")
			wantServerlessHeaders(t, r, tt.headers)
			if tt.list == "410" {
				if r.status != 410 || r.body != goneBody {
					t.Fatalf("list = %d %s", r.status, r.body)
				}
			} else if wantStatus(t, r, 200); fmt.Sprint(sorted(listNames(t, r))) != tt.list {
				t.Fatalf("list names = %v, want %s", listNames(t, r), tt.list)
			}

			// GET each.
			for _, get := range []struct {
				name string
				want int
			}{{"fb", tt.getFlexBacked}, {"real", tt.getReal}} {
				r := api(t, srv, "GET", base+"/"+get.name, "")
				wantServerlessHeaders(t, r, tt.headers)
				switch get.want {
				case 200:
					if r.status != 200 || r.json(t)["name"] != get.name {
						t.Fatalf("GET %s = %d %s", get.name, r.status, r.body)
					}
				case 404:
					m := wantError(t, r, 404, "SERVERLESS_INSTANCE_NOT_FOUND")
					if m["detail"] != fmt.Sprintf("No serverless instance named %s exists in group %s.", get.name, pid) {
						t.Fatalf("404 detail = %v", m["detail"])
					}
				case 410:
					wantError(t, r, 410, "VERSION_GONE")
				}
			}
			// The flex API always sees the flex-backed instance.
			wantStatus(t, flexAPI(t, srv, "GET", "/api/atlas/v2/groups/"+pid+"/flexClusters/fb", ""), 200)

			// PATCH each.
			for _, name := range []string{"fb", "real"} {
				r := api(t, srv, "PATCH", base+"/"+name, `{"tags":[{"key":"env","value":"dev"}]}`)
				wantServerlessHeaders(t, r, tt.headers)
				if tt.patch == 410 {
					if r.status != 410 || r.body != goneBody {
						t.Fatalf("PATCH %s = %d %s", name, r.status, r.body)
					}
					continue
				}
				if r.status != 200 || !strings.Contains(r.body, `"tags":[{"key":"env","value":"dev"}]`) {
					t.Fatalf("PATCH %s = %d %s", name, r.status, r.body)
				}
			}

			// POST.
			r = api(t, srv, "POST", base, serverlessBody("new"))
			wantServerlessHeaders(t, r, tt.headers)
			wantStatus(t, r, tt.create)
			if tt.create == 410 && r.body != goneBody {
				t.Fatalf("POST body = %s", r.body)
			}
			snap, found := sim.ServerlessInstance(pid, "new")
			if found != (tt.createdKind != "") || snap.Kind != tt.createdKind {
				t.Fatalf("created = %+v %v, want kind %q", snap, found, tt.createdKind)
			}

			// DELETE each: 202 {} and gone (no transition time), or gone style.
			for _, name := range []string{"fb", "real"} {
				r := api(t, srv, "DELETE", base+"/"+name, "")
				wantServerlessHeaders(t, r, tt.headers)
				wantStatus(t, r, tt.deleteStatuses)
				_, exists := sim.ServerlessInstance(pid, name)
				if tt.deleteStatuses == 202 && (r.body != "{}" || exists) {
					t.Fatalf("DELETE %s = %s, still exists %v", name, r.body, exists)
				}
				if tt.deleteStatuses == 410 && !exists {
					t.Fatalf("DELETE %s removed it in a gone era", name)
				}
			}
		})
	}
}

func TestServerlessRealInstanceLifecycle(t *testing.T) {
	const transition = 300 * time.Millisecond
	sim, srv := startSim(t, atlassim.Options{WorldDate: day("2024-10-01"), Transition: transition})
	pid := createProject(t, srv, "real")
	base := "/api/atlas/v2/groups/" + pid + "/serverless"

	r := api(t, srv, "POST", base, `{"name":"sl-1","providerSettings":{"backingProviderName":"AWS","providerName":"SERVERLESS","regionName":"US_EAST_1"},`+
		`"tags":[{"key":"env","value":"test"}],"terminationProtectionEnabled":true}`)
	wantStatus(t, r, 201)
	wantServerlessHeaders(t, r, false)
	if ct := r.header.Get("Content-Type"); ct != v2Accept+";charset=utf-8" {
		t.Fatalf("Content-Type = %q", ct)
	}
	if r.header.Get("Ratelimit-Limit") != "10000" {
		t.Fatalf("Ratelimit-Limit = %q (Clusters set)", r.header.Get("Ratelimit-Limit"))
	}
	m := r.json(t)
	id, _ := m["id"].(string)
	createDate, _ := m["createDate"].(string)
	srvString, _ := connectionStrings(t, r)["standardSrv"].(string)
	if !hexID.MatchString(id) || !createdPattern.MatchString(createDate) || !serverlessSrv.MatchString(srvString) || !strings.HasPrefix(srvString, "mongodb+srv://sl-1.") {
		t.Fatalf("create body = %s", r.body)
	}
	self := srv.URL + base + "/sl-1"
	want := fmt.Sprintf(`{"connectionStrings":{"standardSrv":%q},"createDate":%q,"groupId":%q,"id":%q,`+
		`"links":[{"href":%q,"rel":"self"},{"href":%q,"rel":"https://cloud.mongodb.com/restoreJobs"},{"href":%q,"rel":"https://cloud.mongodb.com/snapshots"}],`+
		`"mongoDBVersion":"7.0.16","name":"sl-1","providerSettings":{"backingProviderName":"AWS","providerName":"SERVERLESS","regionName":"US_EAST_1"},`+
		`"serverlessBackupOptions":{"serverlessContinuousBackupEnabled":true},"stateName":"CREATING","tags":[{"key":"env","value":"test"}],"terminationProtectionEnabled":true}`,
		srvString, createDate, pid, id, self, self+"/backup/restoreJobs", self+"/backup/snapshots")
	if r.body != want {
		t.Fatalf("create body = %s\nwant          %s", r.body, want)
	}

	time.Sleep(transition + 50*time.Millisecond)
	r = api(t, srv, "GET", base+"/sl-1", "")
	if r.status != 200 || r.body != strings.Replace(want, `"CREATING"`, `"IDLE"`, 1) {
		t.Fatalf("GET after transition = %d %s", r.status, r.body)
	}

	// Other APIs: flex and clusters refuse the name, flex create clashes,
	// the project cannot be deleted.
	wantError(t, flexAPI(t, srv, "GET", "/api/atlas/v2/groups/"+pid+"/flexClusters/sl-1", ""), 400, "CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API")
	wantError(t, api(t, srv, "GET", "/api/atlas/v2/groups/"+pid+"/clusters/sl-1", ""), 400, "CANNOT_USE_SERVERLESS_INSTANCE_IN_CLUSTER_API")
	wantError(t, flexAPI(t, srv, "POST", "/api/atlas/v2/groups/"+pid+"/flexClusters", flexBody("SL-1")), 400, "DUPLICATE_CLUSTER_NAME")
	wantError(t, api(t, srv, "POST", base, serverlessBody("sl-1")), 400, "DUPLICATE_CLUSTER_NAME")
	if err := sim.SeedCluster(pid, "dedicated"); err != nil {
		t.Fatal(err)
	}
	wantError(t, api(t, srv, "POST", base, serverlessBody("dedicated")), 400, "DUPLICATE_CLUSTER_NAME")
	wantError(t, api(t, srv, "GET", base+"/dedicated", ""), 404, "SERVERLESS_INSTANCE_NOT_FOUND")
	m = wantError(t, api(t, srv, "DELETE", "/api/atlas/v2/groups/"+pid, ""), 409, "CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS")
	if m["detail"] != fmt.Sprintf("Cannot close group %s while it has active Atlas clusters: dedicated, sl-1. Terminate them first.", pid) {
		t.Fatalf("409 detail = %v", m["detail"])
	}
	sim.DeleteClusterOutOfBand(pid, "dedicated")
	time.Sleep(transition + 50*time.Millisecond)
	if g := api(t, srv, "GET", "/api/atlas/v2/groups/"+pid, ""); g.json(t)["clusterCount"] != float64(0) {
		t.Fatalf("clusterCount counts serverless: %s", g.body)
	}

	// Protected delete.
	m = wantError(t, api(t, srv, "DELETE", base+"/sl-1", ""), 400, "CANNOT_TERMINATE_CLUSTER_WHEN_TERMINATION_PROTECTION_ENABLED")
	if m["detail"] != "Cannot terminate a cluster when termination protection is enabled. Disable termination protection and try again." {
		t.Fatalf("detail = %v", m["detail"])
	}

	// PATCH: UPDATING, then IDLE; continuous backup can be turned off.
	r = api(t, srv, "PATCH", base+"/sl-1", `{"serverlessBackupOptions":{"serverlessContinuousBackupEnabled":false},"terminationProtectionEnabled":false}`)
	m = r.json(t)
	if r.status != 200 || m["stateName"] != "UPDATING" || m["terminationProtectionEnabled"] != false ||
		!strings.Contains(r.body, `"serverlessBackupOptions":{"serverlessContinuousBackupEnabled":false}`) ||
		!strings.Contains(r.body, `"tags":[{"key":"env","value":"test"}]`) {
		t.Fatalf("PATCH = %d %s", r.status, r.body)
	}
	time.Sleep(transition + 50*time.Millisecond)
	if r = api(t, srv, "GET", base+"/sl-1", ""); r.json(t)["stateName"] != "IDLE" {
		t.Fatalf("after PATCH = %s", r.body)
	}

	// DELETE: 202 {}, DELETING, a second delete is refused, then 404.
	r = api(t, srv, "DELETE", base+"/sl-1", "")
	if r.status != 202 || r.body != "{}" {
		t.Fatalf("DELETE = %d %q", r.status, r.body)
	}
	if r = api(t, srv, "GET", base+"/sl-1", ""); r.json(t)["stateName"] != "DELETING" {
		t.Fatalf("GET while deleting = %s", r.body)
	}
	wantError(t, api(t, srv, "DELETE", base+"/sl-1", ""), 400, "CLUSTER_ALREADY_REQUESTED_DELETION")
	wantError(t, api(t, srv, "PATCH", base+"/sl-1", `{}`), 400, "CLUSTER_ALREADY_REQUESTED_DELETION")
	time.Sleep(transition + 50*time.Millisecond)
	wantError(t, api(t, srv, "GET", base+"/sl-1", ""), 404, "SERVERLESS_INSTANCE_NOT_FOUND")
	r = api(t, srv, "GET", base, "")
	if r.status != 200 || r.body != fmt.Sprintf(`{"links":[{"href":"%s%s?includeCount=true&pageNum=1&itemsPerPage=100","rel":"self"}],"results":[],"totalCount":0}`, srv.URL, base) {
		t.Fatalf("empty list = %s", r.body)
	}
	wantStatus(t, api(t, srv, "DELETE", "/api/atlas/v2/groups/"+pid, ""), 202)
}

// TestServerlessFlexBackedShape checks the create answer of a flex-backed serverless instance
// and that the serverless and flex APIs are two views of one cluster.
func TestServerlessFlexBackedShape(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{WorldDate: day("2026-01-02")})
	pid := createProject(t, srv, "fb")
	base := "/api/atlas/v2/groups/" + pid + "/serverless"
	flexBase := "/api/atlas/v2/groups/" + pid + "/flexClusters"

	r := api(t, srv, "POST", base, `{"name":"cluster-782","providerSettings":{"providerName":"SERVERLESS","backingProviderName":"AWS","regionName":"US_EAST_1"},`+
		`"serverlessBackupOptions":{"serverlessContinuousBackupEnabled":true},"tags":[{"key":"env","value":"test"}]}`)
	wantStatus(t, r, 201)
	wantServerlessHeaders(t, r, true)
	m := r.json(t)
	id, _ := m["id"].(string)
	createDate, _ := m["createDate"].(string)
	srvString, _ := connectionStrings(t, r)["standardSrv"].(string)
	if !hexID.MatchString(id) || !serverlessSrv.MatchString(srvString) {
		t.Fatalf("create body = %s", r.body)
	}
	created, err := time.Parse(time.RFC3339, createDate)
	if err != nil {
		t.Fatal(err)
	}
	nextBackup := created.Add(24 * time.Hour).Format(time.RFC3339)
	self := srv.URL + base + "/cluster-782"
	want := fmt.Sprintf(`{"connectionStrings":{"standardSrv":%q},"createDate":%q,"groupId":%q,"id":%q,`+
		`"links":[{"href":%q,"rel":"self"},{"href":%q,"rel":"https://cloud.mongodb.com/restoreJobs"},{"href":%q,"rel":"https://cloud.mongodb.com/snapshots"}],`+
		`"mongoDBVersion":"8.0.29","name":"cluster-782",`+
		`"providerSettings":{"backingProviderName":"AWS","effectiveDiskSizeGBLimit":5,"effectiveInstanceSizeName":"FLEX","effectiveProviderName":"TENANT",`+
		`"nextBackupDate":%q,"providerName":"SERVERLESS","regionName":"US_EAST_1","tenantBackupEnabled":true},`+
		`"serverlessBackupOptions":{"serverlessContinuousBackupEnabled":false},"stateName":"CREATING","tags":[{"key":"env","value":"test"}],"terminationProtectionEnabled":false}`,
		srvString, createDate, pid, id, self, self+"/backup/restoreJobs", self+"/backup/snapshots", nextBackup)
	if r.body != want {
		t.Fatalf("create body = %s\nwant          %s", r.body, want)
	}

	// The flex API sees a normal flex cluster with the same id and host.
	r = flexAPI(t, srv, "GET", flexBase+"/cluster-782", "")
	if r.status != 200 || r.json(t)["id"] != id || connectionStrings(t, r)["standardSrv"] != srvString ||
		r.json(t)["providerSettings"].(map[string]any)["providerName"] != "FLEX" {
		t.Fatalf("flex GET = %d %s", r.status, r.body)
	}
	if r = flexAPI(t, srv, "GET", flexBase, ""); r.json(t)["totalCount"] != float64(1) {
		t.Fatalf("flex list = %s", r.body)
	}

	// PATCH through serverless changes the flex cluster; continuous backup stays false.
	r = api(t, srv, "PATCH", base+"/cluster-782", `{"serverlessBackupOptions":{"serverlessContinuousBackupEnabled":true},"tags":[],"terminationProtectionEnabled":true}`)
	if r.status != 200 || r.json(t)["stateName"] != "UPDATING" ||
		!strings.Contains(r.body, `"serverlessBackupOptions":{"serverlessContinuousBackupEnabled":false},"stateName":"UPDATING","tags":[],"terminationProtectionEnabled":true}`) {
		t.Fatalf("PATCH = %d %s", r.status, r.body)
	}
	wantServerlessHeaders(t, r, true)
	fc, _ := sim.FlexCluster(pid, "cluster-782")
	if !fc.TerminationProtectionEnabled || len(fc.Tags) != 0 {
		t.Fatalf("flex cluster after serverless PATCH = %+v", fc)
	}

	// Protected delete: the flex answer. Then 202 {} and gone from both APIs.
	wantError(t, api(t, srv, "DELETE", base+"/cluster-782", ""), 400, "ATLAS_GENERAL_ERROR")
	wantStatus(t, flexAPI(t, srv, "PATCH", flexBase+"/cluster-782", `{"terminationProtectionEnabled":false}`), 200)
	r = api(t, srv, "DELETE", base+"/cluster-782", "")
	if r.status != 202 || r.body != "{}" {
		t.Fatalf("DELETE = %d %q", r.status, r.body)
	}
	wantError(t, api(t, srv, "GET", base+"/cluster-782", ""), 404, "SERVERLESS_INSTANCE_NOT_FOUND")
	wantError(t, flexAPI(t, srv, "GET", flexBase+"/cluster-782", ""), 404, "CLUSTER_NOT_FOUND")

	// A flex cluster made through the flex API is not a serverless instance.
	wantStatus(t, flexAPI(t, srv, "POST", flexBase, flexBody("plain")), 201)
	wantError(t, api(t, srv, "GET", base+"/plain", ""), 404, "SERVERLESS_INSTANCE_NOT_FOUND")
	wantError(t, api(t, srv, "DELETE", base+"/plain", ""), 404, "SERVERLESS_INSTANCE_NOT_FOUND")
	if r = api(t, srv, "GET", base, ""); r.json(t)["totalCount"] != float64(0) {
		t.Fatalf("list = %s", r.body)
	}
}

// TestServerlessListEmptyButWritesWork is what the CLI saw from 2026-01-13:
// a create still works, but describe is 404 and the list is empty.
func TestServerlessListEmptyButWritesWork(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{WorldDate: day("2026-01-16")})
	pid := createProject(t, srv, "empty")
	base := "/api/atlas/v2/groups/" + pid + "/serverless"
	wantStatus(t, api(t, srv, "POST", base, serverlessBody("late")), 201)
	wantError(t, api(t, srv, "GET", base+"/late", ""), 404, "SERVERLESS_INSTANCE_NOT_FOUND")
	r := api(t, srv, "GET", base, "")
	if r.status != 200 || !strings.Contains(r.body, `"results":[],"totalCount":0`) {
		t.Fatalf("list = %s", r.body)
	}
	wantServerlessHeaders(t, r, true)
	r = api(t, srv, "PATCH", base+"/late", `{"terminationProtectionEnabled":true}`)
	if r.status != 200 || r.json(t)["terminationProtectionEnabled"] != true {
		t.Fatalf("PATCH = %d %s", r.status, r.body)
	}
	if snap, _ := sim.ServerlessInstance(pid, "late"); snap.Kind != "FLEX" || !snap.TerminationProtectionEnabled {
		t.Fatalf("snapshot = %+v", snap)
	}
	wantStatus(t, flexAPI(t, srv, "GET", "/api/atlas/v2/groups/"+pid+"/flexClusters/late", ""), 200)
}

func TestServerlessSunsetStyles(t *testing.T) {
	tests := []struct {
		style      atlassim.SunsetStyle
		date       string
		method     string
		wantStatus int
		wantCode   string
		headers    bool
	}{
		{"", "2026-01-22", "POST", 410, "VERSION_GONE", true},
		{atlassim.SunsetGone, "2026-01-22", "PATCH", 410, "VERSION_GONE", true},
		{atlassim.SunsetGone, "2027-01-15", "GET", 410, "VERSION_GONE", true},
		{atlassim.SunsetNotFound, "2026-01-22", "POST", 404, "RESOURCE_NOT_FOUND", false},
		{atlassim.SunsetNotFound, "2026-01-22", "DELETE", 404, "RESOURCE_NOT_FOUND", false},
		{atlassim.SunsetNotFound, "2026-01-22", "GET", 200, "", true},
		{atlassim.SunsetNotFound, "2027-01-15", "GET", 404, "RESOURCE_NOT_FOUND", false},
		{atlassim.SunsetMethodNotAllowed, "2026-01-22", "PATCH", 405, "METHOD_NOT_ALLOWED", false},
		{atlassim.SunsetMethodNotAllowed, "2026-01-22", "DELETE", 405, "METHOD_NOT_ALLOWED", false},
		{atlassim.SunsetMethodNotAllowed, "2027-01-15", "DELETE", 404, "RESOURCE_NOT_FOUND", false},
		{atlassim.SunsetMethodNotAllowed, "2027-01-15", "GET", 404, "RESOURCE_NOT_FOUND", false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s %s %s", tt.style, tt.date, tt.method), func(t *testing.T) {
			sim, srv := startSim(t, atlassim.Options{WorldDate: day(tt.date), SunsetStyle: tt.style})
			pid := createProject(t, srv, "sunset")
			if err := sim.SeedServerlessInstance(pid, "old"); err != nil {
				t.Fatal(err)
			}
			path := "/api/atlas/v2/groups/" + pid + "/serverless/old"
			body := ""
			switch tt.method {
			case "POST":
				path, body = "/api/atlas/v2/groups/"+pid+"/serverless", serverlessBody("x")
			case "PATCH":
				body = `{}`
			}
			r := api(t, srv, tt.method, path, body)
			if tt.wantCode == "" {
				wantStatus(t, r, tt.wantStatus)
			} else {
				wantError(t, r, tt.wantStatus, tt.wantCode)
			}
			wantServerlessHeaders(t, r, tt.headers)
		})
	}

	// The admin endpoint switches the style at run time.
	sim, srv := startSim(t, atlassim.Options{WorldDate: day("2026-02-01")})
	pid := createProject(t, srv, "admin")
	for _, c := range []struct{ method, body, want string }{
		{"GET", "", `{"style":"VERSION_GONE"}`},
		{"PUT", `{"style":"METHOD_NOT_ALLOWED"}`, `{"style":"METHOD_NOT_ALLOWED"}`},
	} {
		if r := adminReq(t, srv.URL, c.method, "/__sim/sunset", c.body); r.status != 200 || r.body != c.want {
			t.Fatalf("%s /__sim/sunset = %d %s", c.method, r.status, r.body)
		}
	}
	if r := adminReq(t, srv.URL, "PUT", "/__sim/sunset", `{"style":"teapot"}`); r.status != 400 {
		t.Fatalf("bad style = %d", r.status)
	}
	if sim.CurrentSunsetStyle() != atlassim.SunsetMethodNotAllowed {
		t.Fatalf("style = %q", sim.CurrentSunsetStyle())
	}
	wantError(t, api(t, srv, "POST", "/api/atlas/v2/groups/"+pid+"/serverless", serverlessBody("x")), 405, "METHOD_NOT_ALLOWED")
	// PUT /__sim/world moves the era.
	if r := adminReq(t, srv.URL, "PUT", "/__sim/world", `{"date":"2025-03-01"}`); r.status != 200 {
		t.Fatalf("PUT world = %d", r.status)
	}
	wantStatus(t, api(t, srv, "POST", "/api/atlas/v2/groups/"+pid+"/serverless", serverlessBody("x")), 201)
}

func TestServerlessMigration(t *testing.T) {
	tests := []struct {
		to              string
		serverlessGet   int    // GET /serverless/{name} in 2025
		serverlessCode  string // its errorCode when not 200
		flexGet         int
		flexCode        string
		clusterGet      int
		clusterCode     string
		legacySettings  string // providerSettings in the 2023-01-01 cluster body
		regionConfig    string // regionConfigs[0] in the 2024-08-05 cluster body
		listedInServerl bool
	}{
		{to: "FLEX", serverlessGet: 200, flexGet: 200, clusterGet: 400, clusterCode: "CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API", listedInServerl: true},
		{to: "FREE", serverlessGet: 404, serverlessCode: "SERVERLESS_INSTANCE_NOT_FOUND", flexGet: 400, flexCode: "CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API", clusterGet: 200,
			legacySettings: `"providerSettings":{"backingProviderName":"AWS","instanceSizeName":"M0","providerName":"TENANT","regionName":"US_EAST_1"}`,
			regionConfig:   `"regionConfigs":[{"backingProviderName":"AWS","electableSpecs":{"instanceSize":"M0"},"priority":7,"providerName":"TENANT","regionName":"US_EAST_1"}]`},
		{to: "DEDICATED", serverlessGet: 404, serverlessCode: "SERVERLESS_INSTANCE_NOT_FOUND", flexGet: 400, flexCode: "CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API", clusterGet: 200,
			legacySettings: `"providerSettings":{"instanceSizeName":"M10","providerName":"AWS","regionName":"US_EAST_1"}`,
			regionConfig:   `"regionConfigs":[{"electableSpecs":{"instanceSize":"M10","nodeCount":3},"priority":7,"providerName":"AWS","regionName":"US_EAST_1"}]`},
	}
	for _, tt := range tests {
		t.Run(tt.to, func(t *testing.T) {
			sim, srv := startSim(t, atlassim.Options{WorldDate: day("2024-12-01")})
			pid := createProject(t, srv, "migrate")
			g := "/api/atlas/v2/groups/" + pid
			r := api(t, srv, "POST", g+"/serverless", `{"name":"sl","providerSettings":{"backingProviderName":"AWS","regionName":"US_EAST_1"},`+
				`"tags":[{"key":"team","value":"a"}],"terminationProtectionEnabled":true}`)
			wantStatus(t, r, 201)
			id := r.json(t)["id"].(string)
			srvString := connectionStrings(t, r)["standardSrv"].(string)

			// Through the admin endpoint, as Atlas did it in March 2025.
			sim.SetWorldDate(day("2025-04-01"))
			r = adminReq(t, srv.URL, "POST", "/__sim/groups/"+pid+"/serverless/sl:migrate", fmt.Sprintf(`{"to":%q}`, tt.to))
			if r.status != 200 || r.json(t)["kind"] != tt.to || r.json(t)["id"] != id {
				t.Fatalf("migrate = %d %s", r.status, r.body)
			}
			snap, found := sim.ServerlessInstance(pid, "sl")
			if !found || snap.Kind != tt.to || !snap.TerminationProtectionEnabled || snap.ContinuousBackupEnabled || snap.State != "IDLE" {
				t.Fatalf("snapshot = %+v", snap)
			}

			r = api(t, srv, "GET", g+"/serverless/sl", "")
			if tt.serverlessGet == 200 {
				m := r.json(t)
				ps := m["providerSettings"].(map[string]any)
				if r.status != 200 || m["id"] != id || ps["effectiveInstanceSizeName"] != "FLEX" || ps["providerName"] != "SERVERLESS" ||
					connectionStrings(t, r)["standardSrv"] != srvString || !strings.Contains(r.body, `"serverlessContinuousBackupEnabled":false`) {
					t.Fatalf("serverless GET = %d %s", r.status, r.body)
				}
			} else {
				wantError(t, r, tt.serverlessGet, tt.serverlessCode)
			}
			if names := fmt.Sprint(listNames(t, api(t, srv, "GET", g+"/serverless", ""))); (names == "[sl]") != tt.listedInServerl {
				t.Fatalf("serverless list = %s", names)
			}

			r = flexAPI(t, srv, "GET", g+"/flexClusters/sl", "")
			if tt.flexGet == 200 {
				if r.status != 200 || r.json(t)["stateName"] != "IDLE" || connectionStrings(t, r)["standard"] == nil {
					t.Fatalf("flex GET = %d %s", r.status, r.body)
				}
			} else {
				wantError(t, r, tt.flexGet, tt.flexCode)
			}

			r = api(t, srv, "GET", g+"/clusters/sl", "")
			if tt.clusterGet != 200 {
				wantError(t, r, tt.clusterGet, tt.clusterCode)
				return
			}
			if r.status != 200 || !strings.Contains(r.body, tt.legacySettings) ||
				!strings.Contains(r.body, `"tags":[{"key":"team","value":"a"}],"terminationProtectionEnabled":true}`) {
				t.Fatalf("cluster GET 2023-01-01 = %d %s", r.status, r.body)
			}
			r = apiWith(t, srv, "GET", g+"/clusters/sl", "", map[string]string{"Accept": "application/vnd.atlas.2024-08-05+json"})
			if r.status != 200 || !strings.Contains(r.body, `"replicationSpecs":[{`+tt.regionConfig+`}]`) {
				t.Fatalf("cluster GET 2024-08-05 = %d %s", r.status, r.body)
			}
			cl, found := sim.Cluster(pid, "sl")
			if !found || cl.MigratedFrom != "SERVERLESS" || cl.ID != id || !cl.TerminationProtectionEnabled {
				t.Fatalf("Cluster = %+v", cl)
			}
			// Protected, like the instance was; then deletable through the Clusters API.
			wantError(t, api(t, srv, "DELETE", g+"/clusters/sl", ""), 400, "CANNOT_TERMINATE_CLUSTER_WHEN_TERMINATION_PROTECTION_ENABLED")
			if sim.DeleteServerlessOutOfBand(pid, "sl") {
				t.Fatal("DeleteServerlessOutOfBand removed a migrated cluster")
			}
		})
	}
}

func TestServerlessMigrationErrors(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{WorldDate: day("2025-03-01")})
	pid := createProject(t, srv, "errors")
	if err := sim.SeedServerlessInstance(pid, "real"); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, api(t, srv, "POST", "/api/atlas/v2/groups/"+pid+"/serverless", serverlessBody("fb")), 201)
	for _, c := range []struct {
		path, body string
		want       int
	}{
		{"/__sim/groups/" + pid + "/serverless/real:migrate", `{"to":"M10"}`, 400},
		{"/__sim/groups/" + pid + "/serverless/real:migrate", `{"target":"FLEX"}`, 400},
		{"/__sim/groups/" + pid + "/serverless/nope:migrate", `{"to":"FLEX"}`, 404},
		{"/__sim/groups/" + pid + "/serverless/fb:migrate", `{"to":"DEDICATED"}`, 404},
		{"/__sim/groups/0123456789abcdef01234567/serverless/real:migrate", `{"to":"FREE"}`, 404},
	} {
		if r := adminReq(t, srv.URL, "POST", c.path, c.body); r.status != c.want {
			t.Fatalf("POST %s %s = %d %s, want %d", c.path, c.body, r.status, r.body, c.want)
		}
	}

	// Admin seed, get and out-of-band delete.
	r := adminReq(t, srv.URL, "POST", "/__sim/groups/"+pid+"/serverless", `{"name":"seeded"}`)
	if r.status != 201 || r.json(t)["kind"] != "SERVERLESS" || r.json(t)["stateName"] != "IDLE" {
		t.Fatalf("admin seed = %d %s", r.status, r.body)
	}
	if r = adminReq(t, srv.URL, "POST", "/__sim/groups/"+pid+"/serverless", `{"name":"FB"}`); r.status != 400 {
		t.Fatalf("admin seed duplicate = %d %s", r.status, r.body)
	}
	if r = adminReq(t, srv.URL, "GET", "/__sim/groups/"+pid+"/serverless/fb", ""); r.status != 200 || r.json(t)["kind"] != "FLEX" {
		t.Fatalf("admin get = %d %s", r.status, r.body)
	}
	if r = adminReq(t, srv.URL, "DELETE", "/__sim/groups/"+pid+"/serverless/seeded", ""); r.status != 204 {
		t.Fatalf("admin delete = %d", r.status)
	}
	if r = adminReq(t, srv.URL, "DELETE", "/__sim/groups/"+pid+"/serverless/seeded", ""); r.status != 404 {
		t.Fatalf("admin delete again = %d", r.status)
	}
	if !sim.DeleteServerlessOutOfBand(pid, "fb") {
		t.Fatal("out-of-band delete of a flex-backed instance")
	}
	if _, found := sim.FlexCluster(pid, "fb"); found {
		t.Fatal("flex cluster survived")
	}
}

func TestServerlessRequestValidation(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{WorldDate: day("2024-06-01")})
	pid := createProject(t, srv, "validation")
	base := "/api/atlas/v2/groups/" + pid + "/serverless"
	tests := []struct {
		method, path, body string
		status             int
		code               string
	}{
		{"POST", base, `{"name":"a","providerSettings":{"backingProviderName":"AWS","regionName":"US_EAST_1"},"autoIndexing":true}`, 400, "INVALID_ATTRIBUTE"},
		{"POST", base, `{"name":"a"}`, 400, "MISSING_ATTRIBUTE"},
		{"POST", base, `{"name":"a","providerSettings":{"backingProviderName":"AWS","regionName":"US_EAST_1","providerName":"FLEX"}}`, 400, "INVALID_ATTRIBUTE"},
		{"POST", base, `{"name":"a","providerSettings":{"backingProviderName":"AWS","regionName":"US_EAST_1","effectiveProviderName":"TENANT"}}`, 400, "ATTRIBUTE_READ_ONLY"},
		{"POST", base, `{"name":"a","providerSettings":{"backingProviderName":"AWS","regionName":"US_EAST_1"},"stateName":"IDLE"}`, 400, "ATTRIBUTE_READ_ONLY"},
		{"POST", base, `{"name":"a","providerSettings":{"backingProviderName":"AWS","regionName":"US_EAST_1"},"serverlessBackupOptions":{"x":1}}`, 400, "INVALID_ATTRIBUTE"},
		{"POST", base, `{"name":"a","providerSettings":{"backingProviderName":"IBM","regionName":"US_EAST_1"}}`, 400, "INVALID_PROVIDER"},
		{"POST", base, `{"name":"a","providerSettings":{"backingProviderName":"AWS","regionName":"MARS"}}`, 400, "INVALID_REGION"},
		{"POST", base, `{"name":"-a","providerSettings":{"backingProviderName":"AWS","regionName":"US_EAST_1"}}`, 400, "CLUSTER_NAME_INVALID"},
		{"POST", base, `not json`, 400, "MALFORMED_JSON"},
		{"GET", base + "/nope", "", 404, "SERVERLESS_INSTANCE_NOT_FOUND"},
		{"PATCH", base + "/nope", `{}`, 404, "SERVERLESS_INSTANCE_NOT_FOUND"},
		{"DELETE", base + "/nope", "", 404, "SERVERLESS_INSTANCE_NOT_FOUND"},
		{"GET", base + "/-bad", "", 400, "INVALID_PATH_PARAMETER"},
		{"GET", "/api/atlas/v2/groups/0123456789abcdef01234567/serverless", "", 404, "GROUP_NOT_FOUND"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.body, func(t *testing.T) {
			wantError(t, api(t, srv, tt.method, tt.path, tt.body), tt.status, tt.code)
		})
	}
	// Only 2023-01-01 exists.
	r := apiWith(t, srv, "GET", base, "", map[string]string{"Accept": "application/vnd.atlas.2022-12-01+json"})
	wantError(t, r, http.StatusNotAcceptable, "INVALID_VERSION_DATE")
	r = apiWith(t, srv, "GET", base, "", map[string]string{"Accept": flexAccept})
	if r.status != 200 || r.header.Get("Content-Type") != v2Accept+";charset=utf-8" {
		t.Fatalf("newer Accept = %d %q", r.status, r.header.Get("Content-Type"))
	}
}
