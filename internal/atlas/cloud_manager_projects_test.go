package atlas

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"testing"
)

const cmGroupBody = `{"activeAgentCount":2,"agentApiKey":"secret-agent-key","hostCounts":{"arbiter":1,"config":2,"master":3,"mongos":4,"primary":5,"secondary":6,"slave":7},` +
	`"id":"` + pid + `","lastActiveAgent":"2026-03-04T05:06:07Z","links":[],"name":"cm1","orgId":"o1","publicApiEnabled":true,"replicaSetCount":8,"shardCount":9,"tags":["DEV","PRODUCT"]}`

// TestCloudManagerProjectRequests checks, for each typed method, what reaches the server.
func TestCloudManagerProjectRequests(t *testing.T) {
	tests := []struct {
		name       string
		call       func(c *Client) error
		respStatus int
		respBody   string
		method     string
		path       string     // escaped
		query      url.Values // nil = no query
		body       string     // "" = no body and no Content-Type
	}{
		{
			name: "create with owner",
			call: func(c *Client) error {
				_, err := c.CreateCloudManagerProject(context.Background(), "cm1", "o1", "6a0000000000000000000001")
				return err
			},
			respStatus: 201, respBody: cmGroupBody,
			method: "POST", path: "/api/public/v1.0/groups", query: url.Values{"projectOwnerId": {"6a0000000000000000000001"}},
			body: `{"name":"cm1","orgId":"o1"}`,
		},
		{
			name: "create without owner sends no query",
			call: func(c *Client) error {
				_, err := c.CreateCloudManagerProject(context.Background(), "cm1", "o1", "")
				return err
			},
			respStatus: 201, respBody: cmGroupBody,
			method: "POST", path: "/api/public/v1.0/groups", body: `{"name":"cm1","orgId":"o1"}`,
		},
		{
			name:       "get",
			call:       func(c *Client) error { _, err := c.GetCloudManagerProject(context.Background(), pid); return err },
			respStatus: 200, respBody: cmGroupBody,
			method: "GET", path: "/api/public/v1.0/groups/" + pid,
		},
		{
			name: "get by name escapes the name",
			call: func(c *Client) error {
				_, err := c.GetCloudManagerProjectByName(context.Background(), "a/b c")
				return err
			},
			respStatus: 200, respBody: cmGroupBody,
			method: "GET", path: "/api/public/v1.0/groups/byName/a%2Fb%20c",
		},
		{
			name: "rename",
			call: func(c *Client) error {
				_, err := c.RenameCloudManagerProject(context.Background(), pid, "cm2")
				return err
			},
			respStatus: 200, respBody: cmGroupBody,
			method: "PATCH", path: "/api/public/v1.0/groups/" + pid, body: `{"name":"cm2"}`,
		},
		{
			name:       "delete accepts 204",
			call:       func(c *Client) error { return c.DeleteCloudManagerProject(context.Background(), pid) },
			respStatus: 204,
			method:     "DELETE", path: "/api/public/v1.0/groups/" + pid,
		},
		{
			name:       "delete accepts 202 {}",
			call:       func(c *Client) error { return c.DeleteCloudManagerProject(context.Background(), pid) },
			respStatus: 202, respBody: `{}`,
			method: "DELETE", path: "/api/public/v1.0/groups/" + pid,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{respond: func(w http.ResponseWriter, r *http.Request, n int) {
				if tt.respBody == "" {
					w.WriteHeader(tt.respStatus)
					return
				}
				writeJSON(w, tt.respStatus, tt.respBody)
			}}
			c, _ := newBearerTestClient(t, rec)
			if err := tt.call(c); err != nil {
				t.Fatalf("call: %v", err)
			}
			reqs := rec.all()
			if len(reqs) != 1 {
				t.Fatalf("requests = %d, want 1", len(reqs))
			}
			got := reqs[0]
			if got.Method != tt.method || got.EscapedPath != tt.path {
				t.Errorf("request = %s %s, want %s %s", got.Method, got.EscapedPath, tt.method, tt.path)
			}
			gotQuery, _ := url.ParseQuery(got.Query)
			if len(gotQuery) == 0 {
				gotQuery = nil
			}
			if !reflect.DeepEqual(gotQuery, tt.query) {
				t.Errorf("query = %v, want %v", gotQuery, tt.query)
			}
			if a := got.Header.Get("Accept"); a != "application/json" {
				t.Errorf("Accept = %q, want application/json (Cloud Manager has no versioned media types)", a)
			}
			if tt.body == "" {
				if len(got.Body) != 0 || got.Header.Get("Content-Type") != "" {
					t.Errorf("unexpected body %q / Content-Type %q", got.Body, got.Header.Get("Content-Type"))
				}
				return
			}
			if ct := got.Header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type = %q, want application/json", ct)
			}
			assertJSONEqual(t, got.Body, tt.body)
		})
	}
}

func TestCloudManagerProjectDecoding(t *testing.T) {
	rec := &recorder{respond: func(w http.ResponseWriter, r *http.Request, n int) { writeJSON(w, 200, cmGroupBody) }}
	c, _ := newBearerTestClient(t, rec)
	got, err := c.GetCloudManagerProject(context.Background(), pid)
	if err != nil {
		t.Fatal(err)
	}
	want := &CloudManagerProject{
		ID: pid, Name: "cm1", OrgID: "o1", AgentAPIKey: "secret-agent-key", ActiveAgentCount: 2,
		HostCounts:      CloudManagerHostCounts{Arbiter: 1, Config: 2, Master: 3, Mongos: 4, Primary: 5, Secondary: 6, Slave: 7},
		LastActiveAgent: "2026-03-04T05:06:07Z", PublicAPIEnabled: true, ReplicaSetCount: 8, ShardCount: 9,
		Tags: []string{"DEV", "PRODUCT"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("decoded\n got  %+v\n want %+v", got, want)
	}
}

func TestCloudManagerProjectErrors(t *testing.T) {
	rec := &recorder{respond: func(w http.ResponseWriter, r *http.Request, n int) {
		writeJSON(w, 404, `{"detail":"Group `+pid+` is an Atlas group; use the Atlas Public API at /api/atlas/v1.0 to access it.","error":404,"errorCode":"ATLAS_GROUP","parameters":["`+pid+`"],"reason":"Not Found"}`)
	}}
	c, _ := newBearerTestClient(t, rec)
	_, err := c.GetCloudManagerProject(context.Background(), pid)
	if !IsNotFound(err) || !HasErrorCode(err, "ATLAS_GROUP") {
		t.Fatalf("err = %v", err)
	}
	if want := "GET /api/public/v1.0/groups/" + pid + ": HTTP 404 ATLAS_GROUP"; err.Error()[:len(want)] != want {
		t.Errorf("error text = %q", err)
	}
}

// A create is never repeated after a server error (the caller looks the project up by name),
// while reads are retried.
func TestCloudManagerProjectRetries(t *testing.T) {
	rec := &recorder{respond: func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 || r.Method == http.MethodPost {
			writeJSON(w, 503, `{"error":503,"errorCode":"SERVICE_UNAVAILABLE"}`)
			return
		}
		writeJSON(w, 200, cmGroupBody)
	}}
	c, _ := newBearerTestClient(t, rec)
	if _, err := c.GetCloudManagerProject(context.Background(), pid); err != nil {
		t.Fatalf("GET after one 503: %v", err)
	}
	before := rec.count()
	_, err := c.CreateCloudManagerProject(context.Background(), "cm1", "o1", "")
	var apiErr *Error
	if !errors.As(err, &apiErr) || apiErr.Status != 503 {
		t.Fatalf("create err = %v", err)
	}
	if n := rec.count() - before; n != 1 {
		t.Errorf("POST sent %d times, want 1", n)
	}
}

func TestListCloudManagerProjectsFollowsEveryPage(t *testing.T) {
	rec := &recorder{respond: func(w http.ResponseWriter, r *http.Request, n int) {
		pageNum, _ := strconv.Atoi(r.URL.Query().Get("pageNum"))
		writeJSON(w, 200, projectsPage(1001, pageNum, 500, true, true))
	}}
	c, _ := newBearerTestClient(t, rec)
	all, err := c.ListCloudManagerProjects(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1001 || rec.count() != 3 || all[1000].Name != "p1000" {
		t.Errorf("items = %d, requests = %d", len(all), rec.count())
	}
	for _, r := range rec.all() {
		if r.EscapedPath != "/api/public/v1.0/groups" {
			t.Errorf("list went to %s", r.EscapedPath)
		}
	}
}
