package atlassim_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

func TestAcceptNegotiation(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{})
	pid := createProject(t, srv, "media")
	sim.SeedUser("owner@example.com")

	tests := []struct {
		name, path, accept string
		status             int
		contentType        string
	}{
		{"missing Accept", "/api/atlas/v2/groups", "", 406, ""},
		{"plain JSON", "/api/atlas/v2/groups", "application/json", 406, ""},
		{"any type", "/api/atlas/v2/groups", "*/*", 406, ""},
		{"before first version", "/api/atlas/v2/groups", "application/vnd.atlas.2022-12-31+json", 406, ""},
		{"malformed date", "/api/atlas/v2/groups", "application/vnd.atlas.2023-13-45+json", 406, ""},
		{"preview", "/api/atlas/v2/groups", "application/vnd.atlas.preview+json", 406, ""},
		{"exact version", "/api/atlas/v2/groups", "application/vnd.atlas.2023-01-01+json", 200,
			"application/vnd.atlas.2023-01-01+json;charset=utf-8"},
		{"later date resolves down", "/api/atlas/v2/groups", "application/vnd.atlas.2025-03-12+json", 200,
			"application/vnd.atlas.2023-01-01+json;charset=utf-8"},
		{"users old version", "/api/atlas/v2/groups/" + pid + "/users", "application/vnd.atlas.2024-12-31+json", 200,
			"application/vnd.atlas.2023-01-01+json;charset=utf-8"},
		{"users new version", "/api/atlas/v2/groups/" + pid + "/users", "application/vnd.atlas.2026-01-01+json", 200,
			"application/vnd.atlas.2025-02-19+json;charset=utf-8"},
		{"clusters between versions", "/api/atlas/v2/groups/" + pid + "/clusters", "application/vnd.atlas.2024-01-01+json", 200,
			"application/vnd.atlas.2023-02-01+json;charset=utf-8"},
		{"clusters newest", "/api/atlas/v2/groups/" + pid + "/clusters", "application/vnd.atlas.2024-08-05+json", 200,
			"application/vnd.atlas.2024-08-05+json;charset=utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := apiWith(t, srv, "GET", tt.path, "", map[string]string{"Accept": tt.accept})
			if tt.status == http.StatusNotAcceptable {
				m := wantError(t, r, 406, "INVALID_VERSION_DATE")
				if m["reason"] != "Not Acceptable" || m["detail"] == "" {
					t.Fatalf("body = %s", r.body)
				}
				return
			}
			wantStatus(t, r, tt.status)
			if got := r.header.Get("Content-Type"); got != tt.contentType {
				t.Fatalf("Content-Type = %q, want %q", got, tt.contentType)
			}
		})
	}
}

func TestDeprecatedVersionHeaders(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{})
	pid := createProject(t, srv, "deprecation")
	r := apiWith(t, srv, "GET", "/api/atlas/v2/groups/"+pid+"/clusters", "", map[string]string{"Accept": "application/vnd.atlas.2023-02-01+json"})
	wantStatus(t, r, 200)
	if r.header.Get("Deprecation") != "Mon, 5 Aug 2024 00:00:00 GMT" || r.header.Get("Sunset") != "Thu, 1 Jul 2027 00:00:00 GMT" {
		t.Fatalf("headers = %v", r.header)
	}
	r = apiWith(t, srv, "GET", "/api/atlas/v2/groups/"+pid+"/clusters", "", map[string]string{"Accept": "application/vnd.atlas.2024-08-05+json"})
	if r.header.Get("Deprecation") != "" {
		t.Fatalf("current version must not be deprecated")
	}
}

func TestBodyContentType(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{})
	body := fmt.Sprintf(`{"name":"ct","orgId":%q}`, atlassim.DefaultOrgID)
	for _, tt := range []struct {
		contentType string
		status      int
	}{
		{"text/plain", 415},
		{"application/x-www-form-urlencoded", 415},
		{"application/json", 201},
		{"application/vnd.atlas.2023-01-01+json; charset=utf-8", 409}, // same name again: accepted, then conflict
	} {
		r := apiWith(t, srv, "POST", "/api/atlas/v2/groups", body, map[string]string{"Accept": v2Accept, "Content-Type": tt.contentType})
		if tt.status == 415 {
			wantError(t, r, 415, "UNSUPPORTED_MEDIA_TYPE")
			continue
		}
		wantStatus(t, r, tt.status)
	}
}

func TestUnknownPathAndMethod(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{})
	m := wantError(t, api(t, srv, "GET", "/api/atlas/v2/nothing/here", ""), 404, "RESOURCE_NOT_FOUND")
	if m["detail"] != "Cannot find resource /api/atlas/v2/nothing/here." {
		t.Fatalf("detail = %v", m["detail"])
	}
	wantError(t, api(t, srv, "PUT", "/api/atlas/v2/groups", ""), 405, "METHOD_NOT_ALLOWED")
	// Outside the API prefixes there is no auth and still a 404.
	r := do(t, mustRequest(t, "GET", srv.URL+"/favicon.ico"))
	wantError(t, r, 404, "RESOURCE_NOT_FOUND")
}

func mustRequest(t *testing.T, method, url string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

func TestErrorBodyShape(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{})
	const id = "0123456789abcdef01234567"
	r := api(t, srv, "GET", "/api/atlas/v2/groups/"+id, "")
	want := `{"detail":"No group with ID ` + id + ` exists.","error":404,"errorCode":"GROUP_NOT_FOUND","parameters":["` + id + `"],"reason":"Not Found"}`
	if r.status != 404 || r.body != want {
		t.Fatalf("got %d %s\nwant %s", r.status, r.body, want)
	}
	if !strings.HasPrefix(r.header.Get("Ratelimit-Limit"), "1200") {
		t.Fatalf("rate-limit headers missing on an error: %v", r.header)
	}
}
