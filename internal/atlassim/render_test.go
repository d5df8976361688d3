package atlassim_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

func TestEnvelope(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{})
	pid := createProject(t, srv, "envelope")

	// Single entity: {"content":...,"status":200}, HTTP status unchanged.
	r := api(t, srv, "GET", "/api/atlas/v2/groups/"+pid+"?envelope=true", "")
	wantStatus(t, r, 200)
	m := r.json(t)
	if m["status"] != float64(200) || m["content"].(map[string]any)["id"] != pid || len(m) != 2 {
		t.Fatalf("envelope = %s", r.body)
	}

	// List: the page gets "status" beside results.
	r = api(t, srv, "GET", "/api/atlas/v2/groups?envelope=true", "")
	m = r.json(t)
	if m["status"] != float64(200) || m["totalCount"] != float64(1) || m["results"] == nil {
		t.Fatalf("list envelope = %s", r.body)
	}

	// Create keeps 201 in the status line and says 201 inside.
	r = api(t, srv, "POST", "/api/atlas/v2/groups?envelope=true", fmt.Sprintf(`{"name":"env2","orgId":%q}`, atlassim.DefaultOrgID))
	wantStatus(t, r, 201)
	if r.json(t)["status"] != float64(201) {
		t.Fatalf("create envelope = %s", r.body)
	}

	// A bare boolean is wrapped too.
	r = api(t, srv, "GET", "/api/atlas/v2/groups/"+pid+"/managedSlowMs?envelope=true", "")
	if r.body != `{"content":true,"status":200}` {
		t.Fatalf("managedSlowMs envelope = %s", r.body)
	}
}

func TestPrettyIsJacksonStyle(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{})
	pid := createProject(t, srv, "pretty")

	r := api(t, srv, "GET", "/api/atlas/v2/groups/"+pid+"/limits/atlas.project.deployment.clusters?pretty=true", "")
	want := "{\n" +
		"  \"currentUsage\" : 0,\n" +
		"  \"defaultLimit\" : 25,\n" +
		"  \"maximumLimit\" : 100,\n" +
		"  \"name\" : \"atlas.project.deployment.clusters\",\n" +
		"  \"value\" : 25\n" +
		"}"
	if r.body != want {
		t.Fatalf("pretty body:\n%s\nwant:\n%s", r.body, want)
	}

	// Nested: arrays inline, objects inside arrays indented by object depth.
	r = api(t, srv, "GET", "/api/atlas/v2/groups?pretty=true&envelope=true", "")
	wantPrefix := "{\n  \"links\" : [ {\n    \"href\" : \""
	if !strings.HasPrefix(r.body, wantPrefix) || !strings.Contains(r.body, "\n  } ],\n  \"results\" : [ {\n") ||
		!strings.Contains(r.body, "\"tags\" : [ ],") || !strings.HasSuffix(r.body, "\"status\" : 200,\n  \"totalCount\" : 1\n}") {
		t.Fatalf("pretty list:\n%s", r.body)
	}
	var decoded map[string]any
	if err := json.Unmarshal([]byte(r.body), &decoded); err != nil {
		t.Fatalf("pretty output is not JSON: %v", err)
	}

	// Errors honour pretty too.
	r = api(t, srv, "GET", "/api/atlas/v2/groups/0123456789abcdef01234567?pretty=true", "")
	if !strings.Contains(r.body, "\"errorCode\" : \"GROUP_NOT_FOUND\"") {
		t.Fatalf("pretty error:\n%s", r.body)
	}
}

func TestPagination(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{})
	for i := 1; i <= 5; i++ {
		createProject(t, srv, fmt.Sprintf("page-%d", i))
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
	get := func(query string) page {
		r := api(t, srv, "GET", "/api/atlas/v2/groups"+query, "")
		wantStatus(t, r, 200)
		var p page
		if err := json.Unmarshal([]byte(r.body), &p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	base := srv.URL + "/api/atlas/v2/groups"

	tests := []struct {
		query     string
		names     []string
		total     int // -1 = absent
		linkRels  []string
		linkHrefs []string
	}{
		{"", []string{"page-1", "page-2", "page-3", "page-4", "page-5"}, 5,
			[]string{"self"}, []string{base + "?includeCount=true&pageNum=1&itemsPerPage=100"}},
		{"?itemsPerPage=2", []string{"page-1", "page-2"}, 5,
			[]string{"self", "next"},
			[]string{base + "?includeCount=true&pageNum=1&itemsPerPage=2", base + "?includeCount=true&pageNum=2&itemsPerPage=2"}},
		{"?itemsPerPage=2&pageNum=2", []string{"page-3", "page-4"}, 5,
			[]string{"previous", "self", "next"},
			[]string{base + "?includeCount=true&pageNum=1&itemsPerPage=2", base + "?includeCount=true&pageNum=2&itemsPerPage=2", base + "?includeCount=true&pageNum=3&itemsPerPage=2"}},
		{"?itemsPerPage=2&pageNum=3&includeCount=false", []string{"page-5"}, -1,
			[]string{"previous", "self"},
			[]string{base + "?includeCount=false&pageNum=2&itemsPerPage=2", base + "?includeCount=false&pageNum=3&itemsPerPage=2"}},
		{"?itemsPerPage=2&pageNum=9", nil, 5, []string{"previous", "self"}, nil},
		{"?pretty=false&itemsPerPage=500", []string{"page-1", "page-2", "page-3", "page-4", "page-5"}, 5,
			[]string{"self"}, []string{base + "?includeCount=true&pretty=false&pageNum=1&itemsPerPage=500"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			p := get(tt.query)
			var names []string
			for _, r := range p.Results {
				names = append(names, r.Name)
			}
			if fmt.Sprint(names) != fmt.Sprint(tt.names) {
				t.Fatalf("names = %v, want %v", names, tt.names)
			}
			if tt.total < 0 && p.TotalCount != nil || tt.total >= 0 && (p.TotalCount == nil || *p.TotalCount != tt.total) {
				t.Fatalf("totalCount = %v, want %d", p.TotalCount, tt.total)
			}
			var rels, hrefs []string
			for _, l := range p.Links {
				rels = append(rels, l.Rel)
				hrefs = append(hrefs, l.Href)
			}
			if fmt.Sprint(rels) != fmt.Sprint(tt.linkRels) {
				t.Fatalf("rels = %v, want %v", rels, tt.linkRels)
			}
			if tt.linkHrefs != nil && fmt.Sprint(hrefs) != fmt.Sprint(tt.linkHrefs) {
				t.Fatalf("hrefs = %v\nwant %v", hrefs, tt.linkHrefs)
			}
		})
	}

	for _, bad := range []string{"?itemsPerPage=0", "?itemsPerPage=501", "?pageNum=0", "?pageNum=x", "?includeCount=maybe"} {
		wantError(t, api(t, srv, "GET", "/api/atlas/v2/groups"+bad, ""), http.StatusBadRequest, "INVALID_QUERY_PARAMETER")
	}
}
