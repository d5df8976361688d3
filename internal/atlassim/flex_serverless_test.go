package atlassim_test

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

// createAnswer is what one API answers a create body: 201, or an error
// with its exact code and detail.
type createAnswer struct {
	status int
	code   string
	detail string
}

var created201 = createAnswer{status: 201}

func invalidAttr(name string) createAnswer {
	return createAnswer{400, "INVALID_ATTRIBUTE", "Invalid attribute " + name + " specified."}
}

func readOnlyAttr(name string) createAnswer {
	return createAnswer{400, "ATTRIBUTE_READ_ONLY", "Attribute " + name + " is read-only and cannot be changed."}
}

func missingAttr(name string) createAnswer {
	return createAnswer{400, "MISSING_ATTRIBUTE", "The required attribute " + name + " was not specified."}
}

// apiTarget is one API in the side-by-side tests: the flex API, or the
// serverless API in a year of real instances or in one of flex-backed ones.
type apiTarget struct {
	name, worldDate string
	flex            bool
}

var apiTargets = []apiTarget{
	{"flex", "", true},
	{"serverless 2024", "2024-06-01", false},
	{"serverless 2025", "2025-03-01", false},
}

// want picks the flex or the serverless answer of a [flex, serverless] pair.
func (tg apiTarget) want(answers [2]createAnswer) createAnswer {
	if tg.flex {
		return answers[0]
	}
	return answers[1]
}

// targetAPI is a running simulator with one project, seen through one API.
type targetAPI struct {
	srv        *httptest.Server
	pid, base  string // base is the collection path of the API
	send       func(t *testing.T, srv *httptest.Server, method, path, body string) result
	createBody func(name string) string // a valid create body
}

// start runs a simulator for tg with one project; states stay put for an
// hour so a DELETING deployment can be seen.
func (tg apiTarget) start(t *testing.T) targetAPI {
	t.Helper()
	opts := atlassim.Options{Transition: time.Hour}
	if tg.worldDate != "" {
		opts.WorldDate = day(tg.worldDate)
	}
	_, srv := startSim(t, opts)
	pid := createProject(t, srv, "side-by-side")
	if tg.flex {
		return targetAPI{srv, pid, "/api/atlas/v2/groups/" + pid + "/flexClusters", flexAPI, flexBody}
	}
	return targetAPI{srv, pid, "/api/atlas/v2/groups/" + pid + "/serverless", api, serverlessBody}
}

func (a targetAPI) do(t *testing.T, method, path, body string) result {
	t.Helper()
	return a.send(t, a.srv, method, a.base+path, body)
}

// TestClusterCreateBodies pins, side by side, how POST /flexClusters and
// POST /serverless read the same kind of body: the fields only one API
// accepts or calls read-only, the provider-settings keys that differ, and
// which error wins when a body has several. The serverless API is checked
// in a real-serverless year and in a flex-backed one, since both read the
// body the same way. NAME in a body is replaced by a name unique per case.
func TestClusterCreateBodies(t *testing.T) {
	const ps = `"providerSettings":{"backingProviderName":"AWS","regionName":"US_EAST_1"}`
	psWith := func(extra string) string {
		return `"providerSettings":{"backingProviderName":"AWS","regionName":"US_EAST_1",` + extra + `}`
	}
	same := func(a createAnswer) [2]createAnswer { return [2]createAnswer{a, a} }
	tests := []struct {
		name string
		body string
		want [2]createAnswer // flex, serverless
	}{
		// providerSettings keys.
		{"providerName FLEX", `{"name":"NAME",` + psWith(`"providerName":"FLEX"`) + `}`,
			[2]createAnswer{readOnlyAttr("providerSettings.providerName"), invalidAttr("providerSettings.providerName")}},
		{"providerName SERVERLESS", `{"name":"NAME",` + psWith(`"providerName":"SERVERLESS"`) + `}`,
			[2]createAnswer{readOnlyAttr("providerSettings.providerName"), created201}},
		{"providerName null", `{"name":"NAME",` + psWith(`"providerName":null`) + `}`,
			[2]createAnswer{readOnlyAttr("providerSettings.providerName"), created201}},
		{"providerName not a string", `{"name":"NAME",` + psWith(`"providerName":7`) + `}`,
			[2]createAnswer{readOnlyAttr("providerSettings.providerName"), invalidAttr("providerSettings.providerName")}},
		{"diskSizeGB", `{"name":"NAME",` + psWith(`"diskSizeGB":5`) + `}`,
			[2]createAnswer{readOnlyAttr("providerSettings.diskSizeGB"), invalidAttr("providerSettings.diskSizeGB")}},
		{"effectiveDiskSizeGBLimit", `{"name":"NAME",` + psWith(`"effectiveDiskSizeGBLimit":5`) + `}`,
			[2]createAnswer{invalidAttr("providerSettings.effectiveDiskSizeGBLimit"), readOnlyAttr("providerSettings.effectiveDiskSizeGBLimit")}},
		{"effectiveInstanceSizeName", `{"name":"NAME",` + psWith(`"effectiveInstanceSizeName":"FLEX"`) + `}`,
			[2]createAnswer{invalidAttr("providerSettings.effectiveInstanceSizeName"), readOnlyAttr("providerSettings.effectiveInstanceSizeName")}},
		{"effectiveProviderName", `{"name":"NAME",` + psWith(`"effectiveProviderName":"TENANT"`) + `}`,
			[2]createAnswer{invalidAttr("providerSettings.effectiveProviderName"), readOnlyAttr("providerSettings.effectiveProviderName")}},
		{"backingProviderName not a string", `{"name":"NAME","providerSettings":{"backingProviderName":7,"regionName":"US_EAST_1"}}`,
			same(invalidAttr("providerSettings.backingProviderName"))},
		{"regionName not a string", `{"name":"NAME","providerSettings":{"backingProviderName":"AWS","regionName":[]}}`,
			same(invalidAttr("providerSettings.regionName"))},
		{"providerSettings empty", `{"name":"NAME","providerSettings":{}}`, same(missingAttr("providerSettings.backingProviderName"))},
		{"providerSettings null", `{"name":"NAME","providerSettings":null}`, same(missingAttr("providerSettings"))},
		{"providerSettings array", `{"name":"NAME","providerSettings":[]}`, same(invalidAttr("providerSettings"))},

		// Top-level fields.
		{"backupSettings", `{"name":"NAME",` + ps + `,"backupSettings":{"enabled":true}}`,
			[2]createAnswer{readOnlyAttr("backupSettings"), invalidAttr("backupSettings")}},
		{"clusterType", `{"name":"NAME",` + ps + `,"clusterType":"REPLICASET"}`,
			[2]createAnswer{readOnlyAttr("clusterType"), invalidAttr("clusterType")}},
		{"versionReleaseSystem", `{"name":"NAME",` + ps + `,"versionReleaseSystem":"LTS"}`,
			[2]createAnswer{readOnlyAttr("versionReleaseSystem"), invalidAttr("versionReleaseSystem")}},
		{"links", `{"name":"NAME",` + ps + `,"links":[]}`, same(readOnlyAttr("links"))},
		{"connectionStrings", `{"name":"NAME",` + ps + `,"connectionStrings":{}}`, same(readOnlyAttr("connectionStrings"))},
		{"id", `{"id":"x","name":"NAME",` + ps + `}`, same(readOnlyAttr("id"))},
		{"backup options", `{"name":"NAME",` + ps + `,"serverlessBackupOptions":{"serverlessContinuousBackupEnabled":false}}`,
			[2]createAnswer{invalidAttr("serverlessBackupOptions"), created201}},
		{"backup options null", `{"name":"NAME",` + ps + `,"serverlessBackupOptions":null}`,
			[2]createAnswer{invalidAttr("serverlessBackupOptions"), created201}},
		{"backup options empty", `{"name":"NAME",` + ps + `,"serverlessBackupOptions":{}}`,
			[2]createAnswer{invalidAttr("serverlessBackupOptions"), created201}},
		{"backup options not an object", `{"name":"NAME",` + ps + `,"serverlessBackupOptions":true}`,
			same(invalidAttr("serverlessBackupOptions"))},
		{"backup flag not a bool", `{"name":"NAME",` + ps + `,"serverlessBackupOptions":{"serverlessContinuousBackupEnabled":"no"}}`,
			[2]createAnswer{invalidAttr("serverlessBackupOptions"), invalidAttr("serverlessBackupOptions.serverlessContinuousBackupEnabled")}},
		{"backup options unknown key", `{"name":"NAME",` + ps + `,"serverlessBackupOptions":{"x":1}}`,
			[2]createAnswer{invalidAttr("serverlessBackupOptions"), invalidAttr("serverlessBackupOptions.x")}},
		{"tags and protection null", `{"name":"NAME",` + ps + `,"tags":null,"terminationProtectionEnabled":null}`, same(created201)},
		{"empty body", ``, same(createAnswer{400, "MALFORMED_JSON", "The request body could not be parsed as JSON."})},
		{"array body", `[]`, same(createAnswer{400, "MALFORMED_JSON", "The request body could not be parsed as JSON."})},

		// Which error wins.
		{"top-level field before nested", `{"name":"NAME","zzz":1,` + psWith(`"diskSizeGB":5,"effectiveProviderName":"TENANT"`) + `}`,
			same(invalidAttr("zzz"))},
		{"missing name before nested", `{` + psWith(`"diskSizeGB":5,"effectiveProviderName":"TENANT"`) + `}`,
			same(missingAttr("name"))},
		{"name type before settings", `{"name":7,"providerSettings":{"backingProviderName":7,"regionName":"US_EAST_1"}}`,
			same(invalidAttr("name"))},
		{"backing provider before region", `{"name":"NAME","providerSettings":{"backingProviderName":7,"regionName":7}}`,
			same(invalidAttr("providerSettings.backingProviderName"))},
		{"providerName before backup options", `{"name":"NAME",` + psWith(`"providerName":"FLEX"`) + `,"serverlessBackupOptions":true}`,
			[2]createAnswer{invalidAttr("serverlessBackupOptions"), invalidAttr("providerSettings.providerName")}},
		{"backup options before protection", `{"name":"NAME",` + ps + `,"serverlessBackupOptions":true,"terminationProtectionEnabled":"yes"}`,
			same(invalidAttr("serverlessBackupOptions"))},
		{"protection before tags", `{"name":"NAME",` + ps + `,"tags":{},"terminationProtectionEnabled":"yes"}`,
			same(invalidAttr("terminationProtectionEnabled"))},
		{"body before name rules", `{"name":"bad_name",` + ps + `,"tags":{}}`, same(invalidAttr("tags"))},
		{"name rules before provider", `{"name":"bad_name","providerSettings":{"backingProviderName":"IBM","regionName":"MARS"}}`,
			same(createAnswer{400, "CLUSTER_NAME_INVALID", "Cluster name bad_name is invalid. Cluster names can only contain ASCII letters, numbers, and hyphens."})},
		{"provider before region", `{"name":"NAME","providerSettings":{"backingProviderName":"IBM","regionName":"MARS"}}`,
			same(createAnswer{400, "INVALID_PROVIDER", "No provider IBM exists."})},
		{"region before duplicate", `{"name":"existing","providerSettings":{"backingProviderName":"AZURE","regionName":"US_EAST_1"}}`,
			same(createAnswer{400, "INVALID_REGION", "No region US_EAST_1 exists for provider AZURE."})},
		{"duplicate", `{"name":"Existing",` + ps + `}`, same(createAnswer{400, "DUPLICATE_CLUSTER_NAME", "A cluster named Existing is already present in group PID."})},
	}

	for _, tg := range apiTargets {
		t.Run(tg.name, func(t *testing.T) {
			a := tg.start(t)
			wantStatus(t, flexAPI(t, a.srv, "POST", "/api/atlas/v2/groups/"+a.pid+"/flexClusters", flexBody("existing")), 201)
			for i, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					want := tg.want(tt.want)
					r := a.do(t, "POST", "", strings.ReplaceAll(tt.body, "NAME", fmt.Sprintf("c%d", i)))
					if want.status == 201 {
						wantStatus(t, r, 201)
						return
					}
					m := wantError(t, r, want.status, want.code)
					if detail := strings.ReplaceAll(want.detail, "PID", a.pid); m["detail"] != detail {
						t.Fatalf("detail = %q, want %q", m["detail"], detail)
					}
				})
			}
		})
	}
}

// TestServerlessCreateStoresBody checks that what the serverless create
// body says is what the instance holds, in both kinds of instance.
func TestServerlessCreateStoresBody(t *testing.T) {
	body := `{"name":"stored","providerSettings":{"backingProviderName":"GCP","providerName":"SERVERLESS","regionName":"WESTERN_EUROPE"},` +
		`"serverlessBackupOptions":{"serverlessContinuousBackupEnabled":false},"tags":[{"key":"k","value":"v"}],"terminationProtectionEnabled":true}`
	for _, tt := range []struct {
		worldDate string
		kind      string
	}{
		{"2024-06-01", atlassim.ServerlessKindServerless},
		{"2025-03-01", atlassim.ServerlessKindFlex},
	} {
		t.Run(tt.worldDate, func(t *testing.T) {
			sim, srv := startSim(t, atlassim.Options{WorldDate: day(tt.worldDate)})
			pid := createProject(t, srv, "stores")
			wantStatus(t, api(t, srv, "POST", "/api/atlas/v2/groups/"+pid+"/serverless", body), 201)
			snap, found := sim.ServerlessInstance(pid, "stored")
			if !found {
				t.Fatal("instance not stored")
			}
			if snap.Kind != tt.kind || snap.BackingProviderName != "GCP" || snap.RegionName != "WESTERN_EUROPE" ||
				!snap.TerminationProtectionEnabled || snap.ContinuousBackupEnabled ||
				len(snap.Tags) != 1 || snap.Tags[0] != (atlassim.Tag{Key: "k", Value: "v"}) {
				t.Fatalf("snapshot = %+v", snap)
			}
		})
	}
	// Continuous backup is on unless the body turns it off.
	sim, srv := startSim(t, atlassim.Options{WorldDate: day("2024-06-01")})
	pid := createProject(t, srv, "default-backup")
	wantStatus(t, api(t, srv, "POST", "/api/atlas/v2/groups/"+pid+"/serverless", serverlessBody("dflt")), 201)
	if snap, _ := sim.ServerlessInstance(pid, "dflt"); !snap.ContinuousBackupEnabled || snap.TerminationProtectionEnabled || len(snap.Tags) != 0 {
		t.Fatalf("default snapshot = %+v", snap)
	}
}

// TestClusterUpdateBodies pins how PATCH /flexClusters/{name} and PATCH
// /serverless/{name} read their bodies: what only one accepts, what a null
// keeps, which error wins, and that a bad body is refused before the
// "already being deleted" check.
func TestClusterUpdateBodies(t *testing.T) {
	same := func(a createAnswer) [2]createAnswer { return [2]createAnswer{a, a} }
	ok200 := createAnswer{status: 200}
	tests := []struct {
		name string
		body string
		want [2]createAnswer // flex, serverless
	}{
		{"backup options", `{"serverlessBackupOptions":{"serverlessContinuousBackupEnabled":false}}`,
			[2]createAnswer{invalidAttr("serverlessBackupOptions"), ok200}},
		{"backup flag not a bool", `{"serverlessBackupOptions":{"serverlessContinuousBackupEnabled":1}}`,
			[2]createAnswer{invalidAttr("serverlessBackupOptions"), invalidAttr("serverlessBackupOptions.serverlessContinuousBackupEnabled")}},
		{"backup options before protection", `{"serverlessBackupOptions":[],"terminationProtectionEnabled":"yes"}`,
			same(invalidAttr("serverlessBackupOptions"))},
		{"protection before tags", `{"tags":{},"terminationProtectionEnabled":"yes"}`, same(invalidAttr("terminationProtectionEnabled"))},
		{"name", `{"name":"other"}`, same(invalidAttr("name"))},
		{"providerSettings", `{"providerSettings":{}}`, same(invalidAttr("providerSettings"))},
		{"read-only stateName", `{"stateName":"IDLE"}`, same(invalidAttr("stateName"))},
		{"empty body", ``, same(createAnswer{400, "MALFORMED_JSON", "The request body could not be parsed as JSON."})},
		{"empty object", `{}`, same(ok200)},
	}
	for _, tg := range apiTargets {
		t.Run(tg.name, func(t *testing.T) {
			a := tg.start(t)
			wantStatus(t, a.do(t, "POST", "", a.createBody("kept")), 201)
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					want := tg.want(tt.want)
					r := a.do(t, "PATCH", "/kept", tt.body)
					if want.status == 200 {
						wantStatus(t, r, 200)
						return
					}
					if m := wantError(t, r, want.status, want.code); m["detail"] != want.detail {
						t.Fatalf("detail = %q, want %q", m["detail"], want.detail)
					}
				})
			}

			// A null keeps the current value; a set replaces it.
			wantStatus(t, a.do(t, "PATCH", "/kept", `{"tags":[{"key":"k","value":"v"}],"terminationProtectionEnabled":true}`), 200)
			m := a.do(t, "PATCH", "/kept", `{"tags":null,"terminationProtectionEnabled":null}`).json(t)
			if tags, _ := m["tags"].([]any); len(tags) != 1 || m["terminationProtectionEnabled"] != true {
				t.Fatalf("after nulls: %v", m)
			}
			wantStatus(t, a.do(t, "PATCH", "/kept", `{"terminationProtectionEnabled":false}`), 200)

			// Being deleted: a bad body is still refused for its own fault.
			wantStatus(t, a.do(t, "POST", "", a.createBody("going")), 201)
			if r := a.do(t, "DELETE", "/going", ""); r.status != 204 && r.status != 202 {
				t.Fatalf("delete = %d %s", r.status, r.body)
			}
			wantError(t, a.do(t, "PATCH", "/going", `{"name":"x"}`), 400, "INVALID_ATTRIBUTE")
			m = wantError(t, a.do(t, "PATCH", "/going", `{}`), 400, "CLUSTER_ALREADY_REQUESTED_DELETION")
			if m["detail"] != "The cluster going has already been requested for deletion." {
				t.Fatalf("detail = %q", m["detail"])
			}
		})
	}
}

// TestClusterDeleteAnswers pins what DELETE answers in each API: its own
// success status, the protected answer of the kind of deployment (flex
// clusters, flex-backed instances included, answer ATLAS_GENERAL_ERROR;
// real serverless instances the cluster-family code), and the second
// DELETE.
func TestClusterDeleteAnswers(t *testing.T) {
	const (
		flexProtected = "Cannot delete flex cluster d in group PID because termination protection is enabled. Disable termination protection and try again."
		realProtected = "Cannot terminate a cluster when termination protection is enabled. Disable termination protection and try again."
	)
	wants := map[string]struct {
		status                         int
		protectedCode, protectedDetail string
	}{
		"flex":            {204, "ATLAS_GENERAL_ERROR", flexProtected},
		"serverless 2024": {202, "CANNOT_TERMINATE_CLUSTER_WHEN_TERMINATION_PROTECTION_ENABLED", realProtected},
		"serverless 2025": {202, "ATLAS_GENERAL_ERROR", flexProtected},
	}
	for _, tg := range apiTargets {
		t.Run(tg.name, func(t *testing.T) {
			want := wants[tg.name]
			a := tg.start(t)
			wantStatus(t, a.do(t, "POST", "", a.createBody("d")), 201)
			wantStatus(t, a.do(t, "PATCH", "/d", `{"terminationProtectionEnabled":true}`), 200)
			m := wantError(t, a.do(t, "DELETE", "/d", ""), 400, want.protectedCode)
			if detail := strings.ReplaceAll(want.protectedDetail, "PID", a.pid); m["detail"] != detail {
				t.Fatalf("detail = %q, want %q", m["detail"], detail)
			}
			wantStatus(t, a.do(t, "PATCH", "/d", `{"terminationProtectionEnabled":false}`), 200)
			r := a.do(t, "DELETE", "/d", "")
			wantStatus(t, r, want.status)
			if body := map[int]string{204: "", 202: "{}"}[want.status]; strings.TrimSpace(r.body) != body {
				t.Fatalf("delete body = %q, want %q", r.body, body)
			}
			m = wantError(t, a.do(t, "DELETE", "/d", ""), 400, "CLUSTER_ALREADY_REQUESTED_DELETION")
			if m["detail"] != "The cluster d has already been requested for deletion." {
				t.Fatalf("detail = %q", m["detail"])
			}
		})
	}
}

// TestFlexServerlessAdminReadRemove pins the /__sim answers for one flex
// cluster or serverless instance: read, remove, not found, and methods the
// endpoint does not serve.
func TestFlexServerlessAdminReadRemove(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{WorldDate: day("2024-06-01")})
	pid := createProject(t, srv, "admin-read-remove")
	wantStatus(t, flexAPI(t, srv, "POST", "/api/atlas/v2/groups/"+pid+"/flexClusters", flexBody("fx")), 201)
	wantStatus(t, api(t, srv, "POST", "/api/atlas/v2/groups/"+pid+"/serverless", serverlessBody("sl")), 201)
	for _, tt := range []struct {
		kind, name, what, otherMethod string
	}{
		{"flexClusters", "fx", "flex cluster", "PUT"},
		{"serverless", "sl", "serverless instance", "PATCH"},
	} {
		t.Run(tt.kind, func(t *testing.T) {
			base := "/__sim/groups/" + pid + "/" + tt.kind + "/"
			wantAdmin := func(r result, status int, body string) {
				t.Helper()
				if r.status != status || strings.TrimSpace(r.body) != body {
					t.Fatalf("got %d %q, want %d %q", r.status, r.body, status, body)
				}
			}
			r := adminReq(t, srv.URL, "GET", base+tt.name, "")
			if r.status != 200 || r.json(t)["name"] != tt.name {
				t.Fatalf("GET = %d %s", r.status, r.body)
			}
			notFound := `{"error":"no such ` + tt.what + `"}`
			wantAdmin(adminReq(t, srv.URL, "GET", base+"missing", ""), 404, notFound)
			wantAdmin(adminReq(t, srv.URL, tt.otherMethod, base+tt.name, "{}"), 405, `{"error":"method not allowed"}`)
			wantAdmin(adminReq(t, srv.URL, "POST", base+tt.name, "{}"), 405, `{"error":"method not allowed"}`)
			wantAdmin(adminReq(t, srv.URL, "DELETE", base+tt.name, ""), 204, "")
			wantAdmin(adminReq(t, srv.URL, "DELETE", base+tt.name, ""), 404, notFound)
			wantAdmin(adminReq(t, srv.URL, "GET", base+tt.name, ""), 404, notFound)
		})
	}
}
