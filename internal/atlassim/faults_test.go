package atlassim_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

func TestRateLimit(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{RateLimits: atlassim.RateLimitMode{
		Buckets: map[atlassim.EndpointSet]atlassim.Bucket{atlassim.EndpointSetProjects: {Capacity: 2, Refill: 1, Period: time.Minute}},
	}})
	id := createProject(t, srv, "limited") // USER bucket: 1 of 2

	// GROUP scope is a separate bucket per project.
	path := "/api/atlas/v2/groups/" + id
	for want := 1; want >= 0; want-- {
		r := api(t, srv, "GET", path, "")
		wantStatus(t, r, 200)
		if r.header.Get("Ratelimit-Limit") != "2" || r.header.Get("Ratelimit-Remaining") != fmt.Sprint(want) {
			t.Fatalf("headers = %v", r.header)
		}
	}
	r := api(t, srv, "GET", path, "")
	m := wantError(t, r, http.StatusTooManyRequests, "RATE_LIMITED_TOKEN_BUCKET")
	retry := r.header.Get("Retry-After")
	if retry == "" || retry == "0" {
		t.Fatalf("Retry-After = %q", retry)
	}
	wantDetail := "Rate limit exceeded for api/atlas/v2/groups/{groupId}. Please retry after " + retry +
		" seconds. Request capacity: 2. Refill rate: 1 per 60 seconds."
	if m["detail"] != wantDetail || fmt.Sprint(m["parameters"]) != "[api/atlas/v2/groups/{groupId} "+retry+" 2 1 60]" {
		t.Fatalf("429 body = %s", r.body)
	}

	// The USER-scoped list endpoint still has a token; the clusters set is untouched.
	wantStatus(t, api(t, srv, "GET", "/api/atlas/v2/groups", ""), 200)
	wantError(t, api(t, srv, "GET", "/api/atlas/v2/groups", ""), 429, "RATE_LIMITED_TOKEN_BUCKET")
	wantStatus(t, apiWith(t, srv, "GET", path+"/clusters", "", map[string]string{"Accept": "application/vnd.atlas.2024-08-05+json"}), 200)

	// Disabled: no limit, no headers.
	_, open := startSim(t, atlassim.Options{RateLimits: atlassim.RateLimitMode{Disabled: true}})
	r = api(t, open, "GET", "/api/atlas/v2/groups", "")
	if r.header.Get("Ratelimit-Limit") != "" {
		t.Fatalf("disabled limiter sent headers")
	}
}

func TestFaults(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{})
	id := createProject(t, srv, "faulty")

	// Two 503s on any project path (one * = one segment), then normal.
	sim.AddFault(atlassim.Fault{Method: "GET", Path: "/api/atlas/v2/groups/*", Status: 503, RetryAfter: 1, Count: 2})
	// The sub-resource has one more segment and is not matched.
	wantStatus(t, api(t, srv, "GET", "/api/atlas/v2/groups/"+id+"/settings", ""), 200)
	// Another method is not matched.
	wantStatus(t, api(t, srv, "PATCH", "/api/atlas/v2/groups/"+id, `{}`), 200)
	for i := 0; i < 2; i++ {
		r := api(t, srv, "GET", "/api/atlas/v2/groups/"+id, "")
		wantError(t, r, 503, "SERVICE_UNAVAILABLE")
		if r.header.Get("Retry-After") != "1" {
			t.Fatalf("Retry-After = %q", r.header.Get("Retry-After"))
		}
	}
	wantStatus(t, api(t, srv, "GET", "/api/atlas/v2/groups/"+id, ""), 200)

	// Status codes map to fitting error codes.
	for status, code := range map[int]string{429: "RATE_LIMITED_TOKEN_BUCKET", 500: "UNEXPECTED_ERROR", 502: "BAD_GATEWAY"} {
		sim.AddFault(atlassim.Fault{Path: "/api/atlas/v2/groups", Status: status})
		wantError(t, api(t, srv, "GET", "/api/atlas/v2/groups", ""), status, code)
	}

	// Pure delay.
	sim.AddFault(atlassim.Fault{Path: "/api/atlas/v2/groups", DelayMS: 200})
	start := time.Now()
	wantStatus(t, api(t, srv, "GET", "/api/atlas/v2/groups", ""), 200)
	if time.Since(start) < 200*time.Millisecond {
		t.Fatal("delay fault did not delay")
	}

	// ClearFaults drops pending ones.
	sim.AddFault(atlassim.Fault{Path: "/api/atlas/v2/groups", Status: 500, Count: 5})
	sim.ClearFaults()
	wantStatus(t, api(t, srv, "GET", "/api/atlas/v2/groups", ""), 200)
}

func TestFaultDropResponseAppliesTheRequest(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{})
	sim.AddFault(atlassim.Fault{Method: "POST", Path: "/api/atlas/v2/groups", DropResponse: true})
	sim.ResetRequests()

	req, _ := http.NewRequest("POST", srv.URL+"/api/atlas/v2/groups",
		strings.NewReader(fmt.Sprintf(`{"name":"lost-response","orgId":%q}`, atlassim.DefaultOrgID)))
	req.Header.Set("Authorization", "Bearer "+testToken)
	req.Header.Set("Accept", v2Accept)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		resp.Body.Close()
		t.Fatalf("expected a transport error, got status %d", resp.StatusCode)
	}

	// The project was created anyway.
	r := api(t, srv, "GET", "/api/atlas/v2/groups/byName/lost-response", "")
	wantStatus(t, r, 200)
	log := sim.Requests()
	if len(log) < 2 || log[0] != (atlassim.RequestRecord{Method: "POST", Path: "/api/atlas/v2/groups", Status: 0, UserAgent: log[0].UserAgent}) {
		t.Fatalf("log = %+v", log)
	}
}

func TestFaultsSkipUnauthenticatedAndHitTokenEndpoint(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{})
	sim.AddFault(atlassim.Fault{Path: "/api/atlas/v2/groups", Status: 500})
	// The unauthenticated first digest leg is a 401 and leaves the fault in place.
	_, second := digestDo(t, srv, "GET", "/api/atlas/v2/groups", testPublic, testSecret)
	wantError(t, second, 500, "UNEXPECTED_ERROR")

	sim.AddFault(atlassim.Fault{Path: "/api/oauth/token", Status: 503, RetryAfter: 2})
	r := tokenRequest(t, srv.URL, atlassim.DefaultClientID, atlassim.DefaultClientSecret, "grant_type=client_credentials")
	if r.status != 503 || r.header.Get("Retry-After") != "2" || !strings.Contains(r.body, `"error":"server_error"`) {
		t.Fatalf("token fault = %d %v %s", r.status, r.header, r.body)
	}
	wantStatus(t, tokenRequest(t, srv.URL, atlassim.DefaultClientID, atlassim.DefaultClientSecret, "grant_type=client_credentials"), 200)
}

func TestRequestLog(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{})
	createProject(t, srv, "logged")
	sim.ResetRequests()

	digestDo(t, srv, "GET", "/api/atlas/v2/groups?pageNum=1", testPublic, testSecret)
	api(t, srv, "GET", "/api/atlas/v2/groups/0123456789abcdef01234567", "")
	adminReq(t, srv.URL, "GET", "/__sim/requests", "") // admin calls are not logged

	want := []atlassim.RequestRecord{
		{Method: "GET", Path: "/api/atlas/v2/groups", Status: 401, UserAgent: "Go-http-client/1.1"},
		{Method: "GET", Path: "/api/atlas/v2/groups", Status: 200, UserAgent: "Go-http-client/1.1"},
		{Method: "GET", Path: "/api/atlas/v2/groups/0123456789abcdef01234567", Status: 404, UserAgent: "Go-http-client/1.1"},
	}
	if got := sim.Requests(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("log = %+v\nwant %+v", got, want)
	}
	r := adminReq(t, srv.URL, "GET", "/__sim/requests", "")
	var fromAdmin []atlassim.RequestRecord
	if err := json.Unmarshal([]byte(r.body), &fromAdmin); err != nil || fmt.Sprint(fromAdmin) != fmt.Sprint(want) {
		t.Fatalf("admin log = %s", r.body)
	}
	if !strings.Contains(r.body, `{"method":"GET","path":"/api/atlas/v2/groups","status":401,"userAgent":"Go-http-client/1.1"}`) {
		t.Fatalf("admin log keys = %s", r.body)
	}
	wantStatus(t, adminReq(t, srv.URL, "DELETE", "/__sim/requests", ""), 204)
	if len(sim.Requests()) != 0 {
		t.Fatal("log not cleared")
	}
}

func TestLatency(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{Latency: 150 * time.Millisecond})
	start := time.Now()
	adminReq(t, srv.URL, "GET", "/__sim/world", "")
	if time.Since(start) >= 150*time.Millisecond {
		t.Fatal("admin calls must not be delayed")
	}
	start = time.Now()
	api(t, srv, "GET", "/api/atlas/v2/groups", "")
	if time.Since(start) < 150*time.Millisecond {
		t.Fatal("latency not applied")
	}
}

func adminReq(t *testing.T, base, method, path, body string) result {
	t.Helper()
	req, _ := http.NewRequest(method, base+path, strings.NewReader(body))
	return do(t, req)
}

func TestAdminAPI(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{Transition: 100 * time.Millisecond})
	id := createProject(t, srv, "admin")

	// Loopback only, checked with a direct ServeHTTP call.
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/__sim/requests", nil)
	req.RemoteAddr = "10.0.0.1:1234"
	sim.ServeHTTP(rec, req)
	if rec.Code != http.StatusForbidden {
		t.Fatalf("non-loopback admin call = %d", rec.Code)
	}
	rec = httptest.NewRecorder()
	req.RemoteAddr = "[::1]:1234"
	sim.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("loopback admin call = %d", rec.Code)
	}

	// Seeding.
	r := adminReq(t, srv.URL, "POST", "/__sim/teams", `{"name":"ops"}`)
	wantStatus(t, r, 201)
	teamID := r.json(t)["id"].(string)
	wantStatus(t, api(t, srv, "POST", "/api/atlas/v2/groups/"+id+"/teams", fmt.Sprintf(`[{"teamId":%q,"roleNames":["GROUP_READ_ONLY"]}]`, teamID)), 200)
	r = adminReq(t, srv.URL, "POST", "/__sim/users", `{"username":"u@example.com"}`)
	wantStatus(t, r, 201)
	userID := r.json(t)["id"].(string)
	wantStatus(t, api(t, srv, "POST", "/api/atlas/v2/groups?projectOwnerId="+userID, fmt.Sprintf(`{"name":"owned","orgId":%q}`, atlassim.DefaultOrgID)), 201)

	wantStatus(t, adminReq(t, srv.URL, "POST", "/__sim/groups/"+id+"/clusters", `{"name":"Cluster0"}`), 201)
	wantError(t, api(t, srv, "DELETE", "/api/atlas/v2/groups/"+id, ""), 409, "CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS")
	wantStatus(t, adminReq(t, srv.URL, "DELETE", "/__sim/groups/"+id+"/clusters/Cluster0", ""), 202)
	time.Sleep(150 * time.Millisecond)
	wantStatus(t, adminReq(t, srv.URL, "DELETE", "/__sim/groups/"+id+"/clusters/Cluster0", ""), 404)

	// Out-of-band project change and delete.
	r = adminReq(t, srv.URL, "PATCH", "/__sim/groups/"+id, `{"name":"renamed","tags":[{"key":"a","value":"b"}]}`)
	wantStatus(t, r, 200)
	if r.json(t)["name"] != "renamed" {
		t.Fatalf("admin patch = %s", r.body)
	}
	if g := api(t, srv, "GET", "/api/atlas/v2/groups/"+id, "").json(t); g["name"] != "renamed" {
		t.Fatalf("rename not visible: %v", g)
	}
	wantStatus(t, adminReq(t, srv.URL, "DELETE", "/__sim/groups/"+id, ""), 204)
	wantError(t, api(t, srv, "GET", "/api/atlas/v2/groups/"+id, ""), 404, "GROUP_NOT_FOUND")

	// World date.
	wantStatus(t, adminReq(t, srv.URL, "PUT", "/__sim/world", `{"date":"2026-01-16"}`), 200)
	if r := adminReq(t, srv.URL, "GET", "/__sim/world", ""); r.body != `{"date":"2026-01-16"}` {
		t.Fatalf("world = %s", r.body)
	}
	if sim.WorldDate().Format("2006-01-02") != "2026-01-16" {
		t.Fatalf("WorldDate = %v", sim.WorldDate())
	}
	wantStatus(t, adminReq(t, srv.URL, "PUT", "/__sim/world", `{"date":"16/01/2026"}`), 400)

	// Faults through the admin API, an array of two.
	wantStatus(t, adminReq(t, srv.URL, "POST", "/__sim/faults",
		`[{"method":"GET","path":"/api/atlas/v2/groups","status":500,"count":1},{"method":"","path":"/api/atlas/v2/*","status":502,"retry_after":3}]`), 204)
	wantError(t, api(t, srv, "GET", "/api/atlas/v2/groups", ""), 500, "UNEXPECTED_ERROR")
	wantError(t, api(t, srv, "GET", "/api/atlas/v2/groups", ""), 502, "BAD_GATEWAY")
	wantStatus(t, adminReq(t, srv.URL, "POST", "/__sim/faults", `{"path":"/api/atlas/v2/groups","status":500,"count":3}`), 204)
	wantStatus(t, adminReq(t, srv.URL, "DELETE", "/__sim/faults", ""), 204)
	wantStatus(t, api(t, srv, "GET", "/api/atlas/v2/groups", ""), 200)
	wantStatus(t, adminReq(t, srv.URL, "POST", "/__sim/faults", `{"path":"/x","bogus":1}`), 400)
	wantStatus(t, adminReq(t, srv.URL, "GET", "/__sim/nothing", ""), 404)
}

func TestAPIAccessList(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{APIAccessList: []string{"203.0.113.0/24"}})

	// Valid credentials from an address the list does not hold: 403, as Atlas answers.
	r := wantError(t, api(t, srv, "GET", "/api/atlas/v2/groups", ""), 403, "IP_ADDRESS_NOT_ON_ACCESS_LIST")
	if r["detail"] != "IP address 127.0.0.1 is not allowed to access this resource." || fmt.Sprint(r["parameters"]) != "[127.0.0.1]" {
		t.Fatalf("access list error = %v", r)
	}
	// Wrong credentials are still a 401: the list is checked after authentication.
	_, signed := digestDo(t, srv, "GET", "/api/atlas/v2/groups", atlassim.DefaultPublicKey, "wrong")
	wantStatus(t, signed, 401)

	wantStatus(t, adminReq(t, srv.URL, "PUT", "/__sim/accessList", `{"entries":["127.0.0.1"]}`), 204)
	wantStatus(t, api(t, srv, "GET", "/api/atlas/v2/groups", ""), 200)
	wantStatus(t, adminReq(t, srv.URL, "PUT", "/__sim/accessList", `{"entries":["not-an-ip"]}`), 400)
	if err := sim.SetAPIAccessList(nil); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, api(t, srv, "GET", "/api/atlas/v2/groups", ""), 200)
}
