package atlassim_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

func TestProjectAccessList_lifecycle(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{})
	pid := createProject(t, srv, "access")
	base := "/api/atlas/v2/groups/" + pid + "/accessList"

	r := api(t, srv, "POST", base, `[{"ipAddress":"203.0.113.7","comment":"office"},{"cidrBlock":"10.1.0.0/16"},{"awsSecurityGroup":"sg-903004f8"},{"ipAddress":"2001:db8::1"}]`)
	wantStatus(t, r, http.StatusOK) // the spec's answer: the whole list
	m := r.json(t)
	if m["totalCount"] != float64(4) {
		t.Fatalf("POST answer: %s", r.body)
	}
	first := m["results"].([]any)[0].(map[string]any)
	if first["ipAddress"] != "203.0.113.7" || first["cidrBlock"] != "203.0.113.7/32" || first["comment"] != "office" || first["groupId"] != pid {
		t.Fatalf("address entry: %v", first)
	}

	// Each entry is found by its value; a CIDR block's "/" is %2F in the path.
	for _, path := range []string{"/203.0.113.7", "/203.0.113.7%2F32", "/10.1.0.0%2F16", "/10.1.0.0%2f16", "/sg-903004f8", "/2001:db8::1"} {
		wantStatus(t, api(t, srv, "GET", base+path, ""), http.StatusOK)
		st := api(t, srv, "GET", base+path+"/status", "")
		wantStatus(t, st, http.StatusOK)
		if st.body != `{"STATUS":"ACTIVE"}` {
			t.Fatalf("status of %s: %s", path, st.body)
		}
	}
	wantError(t, api(t, srv, "GET", base+"/198.51.100.1", ""), http.StatusNotFound, "ATLAS_NETWORK_PERMISSION_ENTRY_NOT_FOUND")
	wantError(t, api(t, srv, "GET", base+"/198.51.100.1/status", ""), http.StatusNotFound, "ATLAS_NETWORK_PERMISSION_ENTRY_NOT_FOUND")
	wantError(t, api(t, srv, "GET", base+"/not-an-address", ""), http.StatusBadRequest, "INVALID_IP_ADDRESS_OR_CIDR_NOTATION")

	// Posting an existing entry again updates its comment: no duplicate.
	wantStatus(t, api(t, srv, "POST", base, `[{"cidrBlock":"10.1.0.0/16","comment":"vpc"}]`), http.StatusOK)
	entries := sim.ProjectAccessList(pid)
	if len(entries) != 4 || entries[1].Comment != "vpc" {
		t.Fatalf("entries after re-post: %+v", entries)
	}

	if d := api(t, srv, "DELETE", base+"/10.1.0.0%2F16", ""); d.status != http.StatusNoContent || d.body != "" {
		t.Fatalf("delete = %d %q", d.status, d.body)
	}
	wantError(t, api(t, srv, "DELETE", base+"/10.1.0.0%2F16", ""), http.StatusNotFound, "ATLAS_NETWORK_PERMISSION_ENTRY_NOT_FOUND")
	if n := len(sim.ProjectAccessList(pid)); n != 3 {
		t.Fatalf("%d entries after delete", n)
	}
}

func TestProjectAccessList_validation(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{})
	pid := createProject(t, srv, "access-validation")
	base := "/api/atlas/v2/groups/" + pid + "/accessList"
	week := time.Now().Add(8 * 24 * time.Hour).UTC().Format(time.RFC3339)
	cases := []struct{ name, body, code string }{
		{"not an array", `{"ipAddress":"203.0.113.7"}`, "MALFORMED_JSON"},
		{"octet above 255", `[{"ipAddress":"203.0.113.256"}]`, "INVALID_IP_ADDRESS_OR_CIDR_NOTATION"},
		{"leading zero", `[{"ipAddress":"203.0.113.07"}]`, "INVALID_IP_ADDRESS_OR_CIDR_NOTATION"},
		{"cidr in ipAddress", `[{"ipAddress":"203.0.113.0/24"}]`, "INVALID_IP_ADDRESS_OR_CIDR_NOTATION"},
		{"prefix too long", `[{"cidrBlock":"10.0.0.0/33"}]`, "INVALID_IP_ADDRESS_OR_CIDR_NOTATION"},
		{"host bits set", `[{"cidrBlock":"10.0.0.1/24"}]`, "INVALID_IP_ADDRESS_OR_CIDR_NOTATION"},
		{"cidr without prefix", `[{"cidrBlock":"10.0.0.0"}]`, "INVALID_IP_ADDRESS_OR_CIDR_NOTATION"},
		{"two kinds", `[{"ipAddress":"203.0.113.7","cidrBlock":"10.0.0.0/8"}]`, "VALIDATION_ERROR"},
		{"no kind", `[{"comment":"nothing"}]`, "VALIDATION_ERROR"},
		{"bad security group", `[{"awsSecurityGroup":"sg-xyz"}]`, "VALIDATION_ERROR"},
		{"temporary security group", `[{"awsSecurityGroup":"sg-903004f8","deleteAfterDate":"` + week + `"}]`, "VALIDATION_ERROR"},
		{"long comment", `[{"ipAddress":"203.0.113.7","comment":"` + strings.Repeat("c", 81) + `"}]`, "VALIDATION_ERROR"},
		{"expiry beyond a week", `[{"ipAddress":"203.0.113.7","deleteAfterDate":"` + week + `"}]`, "VALIDATION_ERROR"},
		{"read-only groupId", `[{"ipAddress":"203.0.113.7","groupId":"` + pid + `"}]`, "ATTRIBUTE_READ_ONLY"},
		{"unknown field", `[{"ip":"203.0.113.7"}]`, "INVALID_ATTRIBUTE"},
		// One bad entry refuses the whole request: the good one is not added either.
		{"one bad of two", `[{"ipAddress":"198.51.100.1"},{"ipAddress":"nope"}]`, "INVALID_IP_ADDRESS_OR_CIDR_NOTATION"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			wantError(t, api(t, srv, "POST", base, tc.body), http.StatusBadRequest, tc.code)
		})
	}
	if n := len(sim.ProjectAccessList(pid)); n != 0 {
		t.Fatalf("%d entries after refused requests", n)
	}
	// The project limit.
	var all []string
	for i := 0; i < 200; i++ {
		all = append(all, fmt.Sprintf(`{"ipAddress":"10.0.%d.%d"}`, i/250, i%250+1))
	}
	wantStatus(t, api(t, srv, "POST", base, "["+strings.Join(all, ",")+"]"), http.StatusOK)
	wantError(t, api(t, srv, "POST", base, `[{"ipAddress":"198.51.100.1"}]`), http.StatusBadRequest, "ATLAS_NETWORK_PERMISSION_ENTRY_LIMIT_EXCEEDED")
	// Listing follows the pagination rules.
	r := api(t, srv, "GET", base+"?itemsPerPage=500", "")
	if got := len(r.json(t)["results"].([]any)); got != 200 {
		t.Fatalf("%d results", got)
	}
}

func TestProjectAccessList_statusLifecycle(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{Transition: time.Hour})
	pid := createProject(t, srv, "access-status")
	base := "/api/atlas/v2/groups/" + pid + "/accessList"
	wantStatus(t, api(t, srv, "POST", base, `[{"ipAddress":"203.0.113.7"}]`), http.StatusOK)
	if r := api(t, srv, "GET", base+"/203.0.113.7/status", ""); r.body != `{"STATUS":"PENDING"}` {
		t.Fatalf("new entry: %s", r.body)
	}

	// The admin API makes an entry FAILED, now and when it is written again.
	req, _ := http.NewRequest("PATCH", srv.URL+"/__sim/groups/"+pid+"/accessList/203.0.113.7", strings.NewReader(`{"status":"FAILED"}`))
	wantStatus(t, do(t, req), http.StatusNoContent)
	if r := api(t, srv, "GET", base+"/203.0.113.7/status", ""); r.body != `{"STATUS":"FAILED"}` {
		t.Fatalf("failed entry: %s", r.body)
	}
	// An entry that does not exist yet fails once it is added.
	if !sim.FailAccessListEntry(pid, "10.9.0.0/16") {
		t.Fatal("project not found")
	}
	wantStatus(t, api(t, srv, "POST", base, `[{"cidrBlock":"10.9.0.0/16"}]`), http.StatusOK)
	if r := api(t, srv, "GET", base+"/10.9.0.0%2F16/status", ""); r.body != `{"STATUS":"FAILED"}` {
		t.Fatalf("entry marked to fail: %s", r.body)
	}
	adm := do(t, mustRequest(t, "GET", srv.URL+"/__sim/groups/"+pid+"/accessList"))
	if !strings.Contains(adm.body, `"status":"FAILED"`) {
		t.Fatalf("admin list: %s", adm.body)
	}
}

// The access list is one document: 50 concurrent adds and then 50 concurrent
// deletes of different entries all land.
func TestProjectAccessList_concurrentWrites(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{})
	pid := createProject(t, srv, "access-concurrent")
	base := "/api/atlas/v2/groups/" + pid + "/accessList"
	run := func(f func(i int) result, want int) {
		var wg sync.WaitGroup
		errs := make(chan string, 50)
		for i := 0; i < 50; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				if r := f(i); r.status != want {
					errs <- fmt.Sprintf("request %d: %d %s", i, r.status, r.body)
				}
			}(i)
		}
		wg.Wait()
		close(errs)
		for e := range errs {
			t.Error(e)
		}
	}
	run(func(i int) result {
		return api(t, srv, "POST", base, fmt.Sprintf(`[{"cidrBlock":"10.%d.0.0/16","comment":"n%d"}]`, i, i))
	}, http.StatusOK)
	entries := sim.ProjectAccessList(pid)
	seen := map[string]bool{}
	for _, e := range entries {
		seen[e.CIDRBlock] = true
	}
	if len(entries) != 50 || len(seen) != 50 {
		t.Fatalf("%d entries (%d distinct) after 50 concurrent adds", len(entries), len(seen))
	}
	run(func(i int) result {
		return api(t, srv, "DELETE", fmt.Sprintf("%s/10.%d.0.0%%2F16", base, i), "")
	}, http.StatusNoContent)
	if n := len(sim.ProjectAccessList(pid)); n != 0 {
		t.Fatalf("%d entries left after 50 concurrent deletes", n)
	}
}
