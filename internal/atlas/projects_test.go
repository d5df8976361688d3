package atlas

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"testing"
)

const pid = "5f0000000000000000000001"

// TestRequestBuilding checks, for each typed method, what reaches the server.
func TestRequestBuilding(t *testing.T) {
	const v20230101 = "application/vnd.atlas.2023-01-01+json"
	tests := []struct {
		name       string
		call       func(c *Client) error
		respStatus int
		respBody   string
		method     string
		path       string     // escaped
		query      url.Values // nil = no query
		accept     string
		body       string // "" = no body and no Content-Type
	}{
		{
			name: "CreateProject with everything",
			call: func(c *Client) error {
				_, err := c.CreateProject(context.Background(), ProjectCreate{
					Name: "p1", OrgID: "o1", Tags: []Tag{{Key: "env", Value: "dev"}},
					WithDefaultAlertsSettings: ptr(false), RegionUsageRestrictions: "GOV_REGIONS_ONLY",
					ProjectOwnerID: "6a0000000000000000000001",
				})
				return err
			},
			respStatus: 201, respBody: `{"id":"` + pid + `","name":"p1","orgId":"o1"}`,
			method: "POST", path: "/api/atlas/v2/groups", query: url.Values{"projectOwnerId": {"6a0000000000000000000001"}},
			accept: v20230101,
			body:   `{"name":"p1","orgId":"o1","tags":[{"key":"env","value":"dev"}],"withDefaultAlertsSettings":false,"regionUsageRestrictions":"GOV_REGIONS_ONLY"}`,
		},
		{
			name: "CreateProject minimal omits optional fields",
			call: func(c *Client) error {
				_, err := c.CreateProject(context.Background(), ProjectCreate{Name: "p1", OrgID: "o1", Tags: []Tag{}})
				return err
			},
			respStatus: 201, respBody: `{"id":"` + pid + `"}`,
			method: "POST", path: "/api/atlas/v2/groups", accept: v20230101,
			body: `{"name":"p1","orgId":"o1"}`,
		},
		{
			name:       "GetProject",
			call:       func(c *Client) error { _, err := c.GetProject(context.Background(), pid); return err },
			respStatus: 200, respBody: `{}`,
			method: "GET", path: "/api/atlas/v2/groups/" + pid, accept: v20230101,
		},
		{
			name:       "GetProjectByName escapes the name",
			call:       func(c *Client) error { _, err := c.GetProjectByName(context.Background(), "a/b c?d"); return err },
			respStatus: 200, respBody: `{}`,
			method: "GET", path: "/api/atlas/v2/groups/byName/a%2Fb%20c%3Fd", accept: v20230101,
		},
		{
			name:       "ListOrgProjects with prefix",
			call:       func(c *Client) error { _, err := c.ListOrgProjects(context.Background(), "o1", "team a"); return err },
			respStatus: 200, respBody: `{"results":[],"totalCount":0}`,
			method: "GET", path: "/api/atlas/v2/orgs/o1/groups",
			query: url.Values{"name": {"team a"}, "itemsPerPage": {"500"}, "pageNum": {"1"}}, accept: v20230101,
		},
		{
			name:       "ListOrgProjects without prefix",
			call:       func(c *Client) error { _, err := c.ListOrgProjects(context.Background(), "o1", ""); return err },
			respStatus: 200, respBody: `{"results":[],"totalCount":0}`,
			method: "GET", path: "/api/atlas/v2/orgs/o1/groups",
			query: url.Values{"itemsPerPage": {"500"}, "pageNum": {"1"}}, accept: v20230101,
		},
		{
			name: "UpdateProject name only",
			call: func(c *Client) error {
				_, err := c.UpdateProject(context.Background(), pid, ProjectUpdate{Name: ptr("new")})
				return err
			},
			respStatus: 200, respBody: `{}`,
			method: "PATCH", path: "/api/atlas/v2/groups/" + pid, accept: v20230101, body: `{"name":"new"}`,
		},
		{
			name: "UpdateProject clears tags",
			call: func(c *Client) error {
				_, err := c.UpdateProject(context.Background(), pid, ProjectUpdate{Tags: &[]Tag{}})
				return err
			},
			respStatus: 200, respBody: `{}`,
			method: "PATCH", path: "/api/atlas/v2/groups/" + pid, accept: v20230101, body: `{"tags":[]}`,
		},
		{
			name: "UpdateProject nil slice behind the pointer still clears",
			call: func(c *Client) error {
				var none []Tag
				_, err := c.UpdateProject(context.Background(), pid, ProjectUpdate{Tags: &none})
				return err
			},
			respStatus: 200, respBody: `{}`,
			method: "PATCH", path: "/api/atlas/v2/groups/" + pid, accept: v20230101, body: `{"tags":[]}`,
		},
		{
			name:       "DeleteProject 202 {}",
			call:       func(c *Client) error { return c.DeleteProject(context.Background(), pid) },
			respStatus: 202, respBody: `{}`,
			method: "DELETE", path: "/api/atlas/v2/groups/" + pid, accept: v20230101,
		},
		{
			name:       "DeleteProject 204",
			call:       func(c *Client) error { return c.DeleteProject(context.Background(), pid) },
			respStatus: 204,
			method:     "DELETE", path: "/api/atlas/v2/groups/" + pid, accept: v20230101,
		},
		{
			name:       "GetProjectSettings",
			call:       func(c *Client) error { _, err := c.GetProjectSettings(context.Background(), pid); return err },
			respStatus: 200, respBody: `{"isDataExplorerEnabled":true}`,
			method: "GET", path: "/api/atlas/v2/groups/" + pid + "/settings", accept: v20230101,
		},
		{
			name: "UpdateProjectSettings sends only set fields",
			call: func(c *Client) error {
				_, err := c.UpdateProjectSettings(context.Background(), pid, ProjectSettings{
					IsClusterAIAssistantEnabled: ptr(true), IsSchemaAdvisorEnabled: ptr(false),
				})
				return err
			},
			respStatus: 200, respBody: `{}`,
			method: "PATCH", path: "/api/atlas/v2/groups/" + pid + "/settings", accept: v20230101,
			body: `{"isClusterAiAssistantEnabled":true,"isSchemaAdvisorEnabled":false}`,
		},
		{
			name:       "ListProjectLimits",
			call:       func(c *Client) error { _, err := c.ListProjectLimits(context.Background(), pid); return err },
			respStatus: 200, respBody: `[]`,
			method: "GET", path: "/api/atlas/v2/groups/" + pid + "/limits", accept: v20230101,
		},
		{
			name: "SetProjectLimit",
			call: func(c *Client) error {
				_, err := c.SetProjectLimit(context.Background(), pid, "atlas.project.deployment.clusters", 50)
				return err
			},
			respStatus: 200, respBody: `{"name":"atlas.project.deployment.clusters","value":50}`,
			method: "PATCH", path: "/api/atlas/v2/groups/" + pid + "/limits/atlas.project.deployment.clusters", accept: v20230101,
			body: `{"name":"atlas.project.deployment.clusters","value":50}`,
		},
		{
			name: "DeleteProjectLimit",
			call: func(c *Client) error {
				return c.DeleteProjectLimit(context.Background(), pid, "atlas.project.deployment.clusters")
			},
			respStatus: 204,
			method:     "DELETE", path: "/api/atlas/v2/groups/" + pid + "/limits/atlas.project.deployment.clusters", accept: v20230101,
		},
		{
			name:       "GetProjectIPAddresses",
			call:       func(c *Client) error { _, err := c.GetProjectIPAddresses(context.Background(), pid); return err },
			respStatus: 200, respBody: `{"groupId":"` + pid + `","services":{"clusters":[]}}`,
			method: "GET", path: "/api/atlas/v2/groups/" + pid + "/ipAddresses", accept: v20230101,
		},
		{
			name:       "ListProjectTeams",
			call:       func(c *Client) error { _, err := c.ListProjectTeams(context.Background(), pid); return err },
			respStatus: 200, respBody: `{"results":[],"totalCount":0}`,
			method: "GET", path: "/api/atlas/v2/groups/" + pid + "/teams",
			query: url.Values{"itemsPerPage": {"500"}, "pageNum": {"1"}}, accept: v20230101,
		},
		{
			name: "AddProjectTeams",
			call: func(c *Client) error {
				return c.AddProjectTeams(context.Background(), pid, []ProjectTeam{{TeamID: "t1", RoleNames: []string{"GROUP_OWNER"}}})
			},
			respStatus: 200, respBody: `{"results":[]}`,
			method: "POST", path: "/api/atlas/v2/groups/" + pid + "/teams", accept: v20230101,
			body: `[{"teamId":"t1","roleNames":["GROUP_OWNER"]}]`,
		},
		{
			name: "UpdateProjectTeamRoles",
			call: func(c *Client) error {
				return c.UpdateProjectTeamRoles(context.Background(), pid, "t1", []string{"GROUP_READ_ONLY"})
			},
			respStatus: 200, respBody: `{"results":[]}`,
			method: "PATCH", path: "/api/atlas/v2/groups/" + pid + "/teams/t1", accept: v20230101,
			body: `{"teamId":"t1","roleNames":["GROUP_READ_ONLY"]}`,
		},
		{
			name:       "RemoveProjectTeam",
			call:       func(c *Client) error { return c.RemoveProjectTeam(context.Background(), pid, "t1") },
			respStatus: 204,
			method:     "DELETE", path: "/api/atlas/v2/groups/" + pid + "/teams/t1", accept: v20230101,
		},
		{
			name:       "ListProjectUsers uses 2025-02-19",
			call:       func(c *Client) error { _, err := c.ListProjectUsers(context.Background(), pid); return err },
			respStatus: 200, respBody: `{"results":[],"totalCount":0}`,
			method: "GET", path: "/api/atlas/v2/groups/" + pid + "/users",
			query: url.Values{"itemsPerPage": {"500"}, "pageNum": {"1"}}, accept: "application/vnd.atlas.2025-02-19+json",
		},
		{
			name:       "GetManagedSlowMs",
			call:       func(c *Client) error { _, err := c.GetManagedSlowMs(context.Background(), pid); return err },
			respStatus: 200, respBody: `true`,
			method: "GET", path: "/api/atlas/v2/groups/" + pid + "/managedSlowMs", accept: v20230101,
		},
		{
			name:       "SetManagedSlowMs enable",
			call:       func(c *Client) error { return c.SetManagedSlowMs(context.Background(), pid, true) },
			respStatus: 204,
			method:     "POST", path: "/api/atlas/v2/groups/" + pid + "/managedSlowMs/enable", accept: v20230101,
		},
		{
			name:       "SetManagedSlowMs disable",
			call:       func(c *Client) error { return c.SetManagedSlowMs(context.Background(), pid, false) },
			respStatus: 204,
			method:     "DELETE", path: "/api/atlas/v2/groups/" + pid + "/managedSlowMs/disable", accept: v20230101,
		},
		{
			name:       "ListClusters uses 2024-08-05",
			call:       func(c *Client) error { _, err := c.ListClusters(context.Background(), pid); return err },
			respStatus: 200, respBody: `{"results":[],"totalCount":0}`,
			method: "GET", path: "/api/atlas/v2/groups/" + pid + "/clusters",
			query: url.Values{"itemsPerPage": {"500"}, "pageNum": {"1"}}, accept: "application/vnd.atlas.2024-08-05+json",
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
			if a := got.Header.Get("Accept"); a != tt.accept {
				t.Errorf("Accept = %q, want %q", a, tt.accept)
			}
			if tt.body == "" {
				if len(got.Body) != 0 || got.Header.Get("Content-Type") != "" {
					t.Errorf("unexpected body %q / Content-Type %q", got.Body, got.Header.Get("Content-Type"))
				}
				return
			}
			if ct := got.Header.Get("Content-Type"); ct != tt.accept {
				t.Errorf("Content-Type = %q, want %q", ct, tt.accept)
			}
			assertJSONEqual(t, got.Body, tt.body)
		})
	}
}

func TestAddProjectTeamsEmptyMakesNoCall(t *testing.T) {
	rec := &recorder{}
	c, _ := newBearerTestClient(t, rec)
	if err := c.AddProjectTeams(context.Background(), pid, nil); err != nil {
		t.Fatal(err)
	}
	if rec.count() != 0 {
		t.Errorf("requests = %d, want 0", rec.count())
	}
}

// TestResponseDecoding checks that answers shaped as in the API reach the typed results.
func TestResponseDecoding(t *testing.T) {
	routes := map[string]string{
		"/api/atlas/v2/groups/" + pid: `{"clusterCount":3,"created":"2026-08-10T03:05:16Z","id":"` + pid + `","links":[{"href":"x","rel":"self"}],
			"name":"e2e","orgId":"a0123456789abcdef012345a","tags":[{"key":"env","value":"e2e"}],"withDefaultAlertsSettings":true}`,
		"/api/atlas/v2/groups/" + pid + "/settings": `{"isClusterAiAssistantEnabled":false,"isDataExplorerEnabled":true,"isSchemaAdvisorEnabled":true}`,
		"/api/atlas/v2/groups/" + pid + "/limits":   `[{"name":"atlas.project.deployment.clusters","value":25,"currentUsage":1,"defaultLimit":25,"maximumLimit":100}]`,
		"/api/atlas/v2/groups/" + pid + "/ipAddresses": `{"groupId":"` + pid + `","services":{"clusters":[
			{"clusterName":"c1","inbound":["1.2.3.4"],"outbound":["5.6.7.8"],"futureInbound":[],"futureOutbound":[]}]}}`,
		"/api/atlas/v2/groups/" + pid + "/teams": `{"results":[{"teamId":"t1","roleNames":["GROUP_OWNER"],"links":[]}],"totalCount":1}`,
		"/api/atlas/v2/groups/" + pid + "/users": `{"results":[
			{"id":"u1","username":"a@example.com","orgMembershipStatus":"ACTIVE","roles":["GROUP_OWNER"],"firstName":"A","lastName":"B","country":"US","mobileNumber":"1","createdAt":"2026-01-01T00:00:00Z","lastAuth":"2026-02-01T00:00:00Z"},
			{"id":"u2","username":"p@example.com","orgMembershipStatus":"PENDING","roles":["GROUP_READ_ONLY"],"invitationCreatedAt":"2026-03-01T00:00:00Z","invitationExpiresAt":null,"inviterUsername":"a@example.com"}],"totalCount":2}`,
		"/api/atlas/v2/groups/" + pid + "/clusters":      `{"results":[{"id":"c1id","name":"c1","stateName":"IDLE","clusterType":"REPLICASET"}],"totalCount":1}`,
		"/api/atlas/v2/groups/" + pid + "/managedSlowMs": `true`,
	}
	rec := &recorder{respond: func(w http.ResponseWriter, r *http.Request, n int) {
		body, ok := routes[r.URL.Path]
		if !ok {
			writeJSON(w, 404, `{"error":404,"errorCode":"RESOURCE_NOT_FOUND"}`)
			return
		}
		writeJSON(w, 200, body)
	}}
	c, _ := newBearerTestClient(t, rec)
	ctx := context.Background()

	p, err := c.GetProject(ctx, pid)
	if err != nil {
		t.Fatal(err)
	}
	wantProject := Project{ID: pid, Name: "e2e", OrgID: "a0123456789abcdef012345a", ClusterCount: 3, Created: "2026-08-10T03:05:16Z",
		Tags: []Tag{{Key: "env", Value: "e2e"}}, WithDefaultAlertsSettings: ptr(true)}
	if !reflect.DeepEqual(*p, wantProject) {
		t.Errorf("project = %+v", *p)
	}

	s, err := c.GetProjectSettings(ctx, pid)
	if err != nil {
		t.Fatal(err)
	}
	if s.IsClusterAIAssistantEnabled == nil || *s.IsClusterAIAssistantEnabled || s.IsDataExplorerEnabled == nil || !*s.IsDataExplorerEnabled || s.IsPerformanceAdvisorEnabled != nil {
		t.Errorf("settings = %+v", s)
	}

	limits, err := c.ListProjectLimits(ctx, pid)
	if err != nil {
		t.Fatal(err)
	}
	if want := []ProjectLimit{{Name: "atlas.project.deployment.clusters", Value: 25, CurrentUsage: ptr[int64](1), DefaultLimit: ptr[int64](25), MaximumLimit: ptr[int64](100)}}; !reflect.DeepEqual(limits, want) {
		t.Errorf("limits = %+v", limits)
	}

	ips, err := c.GetProjectIPAddresses(ctx, pid)
	if err != nil {
		t.Fatal(err)
	}
	if want := (&ProjectIPAddresses{ProjectID: pid, Clusters: []ClusterIPAddresses{{ClusterName: "c1", Inbound: []string{"1.2.3.4"}, Outbound: []string{"5.6.7.8"}}}}); !reflect.DeepEqual(ips, want) {
		t.Errorf("ip addresses = %+v", ips)
	}

	teams, err := c.ListProjectTeams(ctx, pid)
	if err != nil {
		t.Fatal(err)
	}
	if want := []ProjectTeam{{TeamID: "t1", RoleNames: []string{"GROUP_OWNER"}}}; !reflect.DeepEqual(teams, want) {
		t.Errorf("teams = %+v", teams)
	}

	users, err := c.ListProjectUsers(ctx, pid)
	if err != nil {
		t.Fatal(err)
	}
	wantUsers := []ProjectUser{
		{ID: "u1", Username: "a@example.com", OrgMembershipStatus: "ACTIVE", Roles: []string{"GROUP_OWNER"}, FirstName: "A", LastName: "B",
			Country: "US", MobileNumber: "1", CreatedAt: "2026-01-01T00:00:00Z", LastAuth: "2026-02-01T00:00:00Z"},
		{ID: "u2", Username: "p@example.com", OrgMembershipStatus: "PENDING", Roles: []string{"GROUP_READ_ONLY"},
			InvitationCreatedAt: "2026-03-01T00:00:00Z", InviterUsername: "a@example.com"},
	}
	if !reflect.DeepEqual(users, wantUsers) {
		t.Errorf("users = %+v", users)
	}

	clusters, err := c.ListClusters(ctx, pid)
	if err != nil {
		t.Fatal(err)
	}
	if want := []Cluster{{ID: "c1id", Name: "c1", StateName: "IDLE"}}; !reflect.DeepEqual(clusters, want) {
		t.Errorf("clusters = %+v", clusters)
	}

	slow, err := c.GetManagedSlowMs(ctx, pid)
	if err != nil || !slow {
		t.Errorf("managedSlowMs = %v, %v", slow, err)
	}
}
