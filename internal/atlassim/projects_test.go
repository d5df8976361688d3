package atlassim_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

var createdPattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$`)

func TestProjectLifecycle(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{})
	org := atlassim.DefaultOrgID

	// Create without tags: 201, tags left out, default alerts on.
	r := api(t, srv, "POST", "/api/atlas/v2/groups", fmt.Sprintf(`{"name":"proj-a","orgId":%q}`, org))
	wantStatus(t, r, http.StatusCreated)
	if r.header.Get("Content-Type") != "application/vnd.atlas.2023-01-01+json;charset=utf-8" {
		t.Fatalf("Content-Type = %q", r.header.Get("Content-Type"))
	}
	g := r.json(t)
	id := g["id"].(string)
	if !regexp.MustCompile(`^[a-f0-9]{24}$`).MatchString(id) || g["name"] != "proj-a" || g["orgId"] != org ||
		g["clusterCount"] != float64(0) || g["withDefaultAlertsSettings"] != true || !createdPattern.MatchString(g["created"].(string)) {
		t.Fatalf("create body = %s", r.body)
	}
	if _, hasTags := g["tags"]; hasTags {
		t.Fatalf("tags should be left out on create without tags: %s", r.body)
	}
	if !strings.HasPrefix(r.body, `{"clusterCount":0,"created":"`) {
		t.Fatalf("keys not alphabetical: %s", r.body)
	}
	links := g["links"].([]any)
	if len(links) != 7 || links[0].(map[string]any)["href"] != srv.URL+"/api/atlas/v2/groups/"+id ||
		links[2].(map[string]any)["rel"] != "https://cloud.mongodb.com/clusters" {
		t.Fatalf("links = %v", links)
	}

	// GET shows tags [] and the same links.
	r = api(t, srv, "GET", "/api/atlas/v2/groups/"+id, "")
	wantStatus(t, r, 200)
	if !strings.Contains(r.body, `"tags":[]`) || len(r.json(t)["links"].([]any)) != 7 {
		t.Fatalf("get body = %s", r.body)
	}
	// List items carry only self, and tags [].
	r = api(t, srv, "GET", "/api/atlas/v2/groups", "")
	item := r.json(t)["results"].([]any)[0].(map[string]any)
	if len(item["links"].([]any)) != 1 || item["tags"] == nil {
		t.Fatalf("list item = %v", item)
	}

	// byName.
	r = api(t, srv, "GET", "/api/atlas/v2/groups/byName/proj-a", "")
	if r.status != 200 || r.json(t)["id"] != id {
		t.Fatalf("byName = %d %s", r.status, r.body)
	}
	m := wantError(t, api(t, srv, "GET", "/api/atlas/v2/groups/byName/nope", ""), 404, "GROUP_NAME_NOT_FOUND")
	if m["detail"] != `No group with name "nope" exists.` {
		t.Fatalf("detail = %v", m["detail"])
	}

	// PATCH: rename, tags set, then cleared with [].
	r = api(t, srv, "PATCH", "/api/atlas/v2/groups/"+id, `{"name":"proj-b","tags":[{"key":"env","value":"dev"}]}`)
	wantStatus(t, r, 200)
	if r.json(t)["name"] != "proj-b" || !strings.Contains(r.body, `"tags":[{"key":"env","value":"dev"}]`) {
		t.Fatalf("patch body = %s", r.body)
	}
	r = api(t, srv, "PATCH", "/api/atlas/v2/groups/"+id, `{"tags":[]}`)
	if !strings.Contains(r.body, `"tags":[]`) || r.json(t)["name"] != "proj-b" {
		t.Fatalf("clear tags body = %s", r.body)
	}
	snap, _ := sim.Project(id)
	if snap.Name != "proj-b" || len(snap.Tags) != 0 {
		t.Fatalf("stored = %+v", snap)
	}

	// DELETE: 202 with {}, then 404.
	r = api(t, srv, "DELETE", "/api/atlas/v2/groups/"+id, "")
	if r.status != http.StatusAccepted || r.body != "{}" {
		t.Fatalf("delete = %d %q", r.status, r.body)
	}
	wantError(t, api(t, srv, "GET", "/api/atlas/v2/groups/"+id, ""), 404, "GROUP_NOT_FOUND")
	wantError(t, api(t, srv, "DELETE", "/api/atlas/v2/groups/"+id, ""), 404, "GROUP_NOT_FOUND")
}

func TestCreateWithTagsAndOwner(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{})
	owner := sim.SeedUser("owner@example.com")
	r := api(t, srv, "POST", "/api/atlas/v2/groups?projectOwnerId="+owner,
		fmt.Sprintf(`{"name":"tagged","orgId":%q,"withDefaultAlertsSettings":false,"tags":[{"key":"env","value":"e2e"},{"key":"prod","value":"false"}]}`, atlassim.DefaultOrgID))
	wantStatus(t, r, 201)
	if !strings.Contains(r.body, `"tags":[{"key":"env","value":"e2e"},{"key":"prod","value":"false"}],"withDefaultAlertsSettings":false}`) {
		t.Fatalf("body = %s", r.body)
	}
	id := r.json(t)["id"].(string)
	r = apiWith(t, srv, "GET", "/api/atlas/v2/groups/"+id+"/users", "", map[string]string{"Accept": "application/vnd.atlas.2025-02-19+json"})
	res := r.json(t)["results"].([]any)
	if len(res) != 1 || res[0].(map[string]any)["id"] != owner || fmt.Sprint(res[0].(map[string]any)["roles"]) != "[GROUP_OWNER]" {
		t.Fatalf("users = %s", r.body)
	}

	wantError(t, api(t, srv, "POST", "/api/atlas/v2/groups?projectOwnerId=0123456789abcdef01234567",
		fmt.Sprintf(`{"name":"x1","orgId":%q}`, atlassim.DefaultOrgID)), 404, "USER_NOT_FOUND")
	wantError(t, api(t, srv, "POST", "/api/atlas/v2/groups?projectOwnerId=bad",
		fmt.Sprintf(`{"name":"x2","orgId":%q}`, atlassim.DefaultOrgID)), 400, "INVALID_QUERY_PARAMETER")
}

// The official provider's SDK sends the read-only clusterCount and created
// in every project create; Atlas ignores them and answers with its own.
func TestCreateIgnoresReadOnlyCountAndDate(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{})
	r := api(t, srv, "POST", "/api/atlas/v2/groups",
		fmt.Sprintf(`{"clusterCount":7,"created":"0001-01-01T00:00:00Z","name":"conf-proj","orgId":%q,"tags":[]}`, atlassim.DefaultOrgID))
	wantStatus(t, r, 201)
	m := r.json(t)
	if m["clusterCount"] != float64(0) {
		t.Fatalf("clusterCount = %v, want 0: %s", m["clusterCount"], r.body)
	}
	created, err := time.Parse(time.RFC3339, m["created"].(string))
	if err != nil || created.Year() == 1 {
		t.Fatalf("created = %v, want the date of the create, not the one sent: %s", m["created"], r.body)
	}
	// A field that is not the entity's at all is still refused.
	wantError(t, api(t, srv, "POST", "/api/atlas/v2/groups",
		fmt.Sprintf(`{"clusterCounts":0,"name":"other","orgId":%q}`, atlassim.DefaultOrgID)), 400, "INVALID_ATTRIBUTE")
}

func TestProjectValidation(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{})
	org := atlassim.DefaultOrgID
	existing := createProject(t, srv, "taken")
	tags := func(n int) string {
		var parts []string
		for i := 0; i < n; i++ {
			parts = append(parts, fmt.Sprintf(`{"key":"k%d","value":"v"}`, i))
		}
		return "[" + strings.Join(parts, ",") + "]"
	}

	tests := []struct {
		name, method, path, body string
		status                   int
		code                     string
		detailContains           string
	}{
		{"unknown field", "POST", "/api/atlas/v2/groups", fmt.Sprintf(`{"name":"a","orgId":%q,"color":"red"}`, org), 400, "INVALID_ATTRIBUTE", "Invalid attribute color specified."},
		{"malformed JSON", "POST", "/api/atlas/v2/groups", `{"name":`, 400, "MALFORMED_JSON", ""},
		{"array instead of object", "POST", "/api/atlas/v2/groups", `[]`, 400, "MALFORMED_JSON", ""},
		{"missing name", "POST", "/api/atlas/v2/groups", fmt.Sprintf(`{"orgId":%q}`, org), 400, "MISSING_ATTRIBUTE", "name"},
		{"missing orgId", "POST", "/api/atlas/v2/groups", `{"name":"a"}`, 400, "MISSING_ATTRIBUTE", "orgId"},
		{"read-only id", "POST", "/api/atlas/v2/groups", fmt.Sprintf(`{"id":%q,"name":"a","orgId":%q}`, existing, org), 400, "ATTRIBUTE_READ_ONLY", "id"},
		{"wrong type", "POST", "/api/atlas/v2/groups", fmt.Sprintf(`{"name":5,"orgId":%q}`, org), 400, "INVALID_ATTRIBUTE", "name"},
		{"name too long", "POST", "/api/atlas/v2/groups", fmt.Sprintf(`{"name":%q,"orgId":%q}`, strings.Repeat("x", 65), org), 400, "INVALID_GROUP_NAME", strings.Repeat("x", 65)},
		{"empty name", "POST", "/api/atlas/v2/groups", fmt.Sprintf(`{"name":"","orgId":%q}`, org), 400, "INVALID_GROUP_NAME", ""},
		{"10gen name", "POST", "/api/atlas/v2/groups", fmt.Sprintf(`{"name":"my-10gen-x","orgId":%q}`, org), 400, "INVALID_GROUP_NAME_10GEN", ""},
		{"duplicate name", "POST", "/api/atlas/v2/groups", fmt.Sprintf(`{"name":"taken","orgId":%q}`, org), 409, "GROUP_ALREADY_EXISTS", `"taken"`},
		{"malformed orgId", "POST", "/api/atlas/v2/groups", `{"name":"a","orgId":"xyz"}`, 400, "INVALID_ORG_ID", ""},
		{"other org", "POST", "/api/atlas/v2/groups", `{"name":"a","orgId":"0123456789abcdef01234567"}`, 404, "ORG_NOT_FOUND", ""},
		{"region restrictions", "POST", "/api/atlas/v2/groups", fmt.Sprintf(`{"name":"a","orgId":%q,"regionUsageRestrictions":"GOV_REGIONS_ONLY"}`, org), 400, "INVALID_ATTRIBUTE", "regionUsageRestrictions"},
		{"tag bad characters", "POST", "/api/atlas/v2/groups", fmt.Sprintf(`{"name":"a","orgId":%q,"tags":[{"key":"k","value":"test/test"}]}`, org), 400, "VALIDATION_ERROR", `"test/test" contains invalid characters`},
		{"tag too long", "POST", "/api/atlas/v2/groups", fmt.Sprintf(`{"name":"a","orgId":%q,"tags":[{"key":"k","value":%q}]}`, org, strings.Repeat("v", 256)), 400, "VALIDATION_ERROR", "maximum allowed length of 255"},
		{"tag empty value", "POST", "/api/atlas/v2/groups", fmt.Sprintf(`{"name":"a","orgId":%q,"tags":[{"key":"k","value":""}]}`, org), 400, "VALIDATION_ERROR", `tag key "k"`},
		{"tag duplicate key", "POST", "/api/atlas/v2/groups", fmt.Sprintf(`{"name":"a","orgId":%q,"tags":[{"key":"k","value":"1"},{"key":"k","value":"2"}]}`, org), 400, "VALIDATION_ERROR", `"k" is specified more than once`},
		{"51 tags", "POST", "/api/atlas/v2/groups", fmt.Sprintf(`{"name":"a","orgId":%q,"tags":%s}`, org, tags(51)), 400, "VALIDATION_ERROR", "at most 50"},
		{"tag unknown field", "POST", "/api/atlas/v2/groups", fmt.Sprintf(`{"name":"a","orgId":%q,"tags":[{"key":"k","value":"v","x":1}]}`, org), 400, "INVALID_ATTRIBUTE", "tags.x"},
		{"tag missing value", "POST", "/api/atlas/v2/groups", fmt.Sprintf(`{"name":"a","orgId":%q,"tags":[{"key":"k"}]}`, org), 400, "MISSING_ATTRIBUTE", "tags.value"},
		{"patch unknown field", "PATCH", "/api/atlas/v2/groups/" + existing, `{"orgId":"x"}`, 400, "INVALID_ATTRIBUTE", "orgId"},
		{"patch empty name", "PATCH", "/api/atlas/v2/groups/" + existing, `{"name":""}`, 400, "INVALID_GROUP_NAME", ""},
		{"patch 10gen name", "PATCH", "/api/atlas/v2/groups/" + existing, `{"name":"10gen-ops"}`, 400, "INVALID_GROUP_NAME_10GEN", ""},
		{"bad group id", "GET", "/api/atlas/v2/groups/not-an-id", "", 404, "INVALID_GROUP_ID", "not-an-id"},
		{"bad group id on sub-resource", "GET", "/api/atlas/v2/groups/ABCDEF0123456789abcdef01/settings", "", 404, "INVALID_GROUP_ID", ""},
		{"unknown group on sub-resource", "GET", "/api/atlas/v2/groups/0123456789abcdef01234567/limits", "", 404, "GROUP_NOT_FOUND", "No group with ID 0123456789abcdef01234567 exists."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := wantError(t, api(t, srv, tt.method, tt.path, tt.body), tt.status, tt.code)
			if !strings.Contains(m["detail"].(string), tt.detailContains) {
				t.Fatalf("detail %q does not contain %q", m["detail"], tt.detailContains)
			}
		})
	}
	// Valid: spaces (Atlas names the first project of every organization
	// "Project 0"), other characters outside the spec's pattern, 64
	// characters of any kind.
	for _, name := range []string{"Project 0", "First Project", "a/b;c", strings.Repeat("é", 64)} {
		r := api(t, srv, "POST", "/api/atlas/v2/groups", fmt.Sprintf(`{"name":%q,"orgId":%q}`, name, org))
		if wantStatus(t, r, 201); r.json(t)["name"] != name {
			t.Fatalf("created %s", r.body)
		}
	}
	r := api(t, srv, "PATCH", "/api/atlas/v2/groups/"+existing, `{"name":"Project 1"}`)
	if wantStatus(t, r, 200); r.json(t)["name"] != "Project 1" {
		t.Fatalf("renamed %s", r.body)
	}
	if r = api(t, srv, "GET", "/api/atlas/v2/groups/byName/Project%201", ""); r.status != 200 || r.json(t)["id"] != existing {
		t.Fatalf("by name = %d %s", r.status, r.body)
	}
	// Valid: Unicode letters and the allowed punctuation, and 50 tags with allowed characters.
	r = api(t, srv, "POST", "/api/atlas/v2/groups", fmt.Sprintf(`{"name":"Équipe_(1),a:b&c@d+e'f.g-h","orgId":%q,"tags":%s}`, org, tags(50)))
	wantStatus(t, r, 201)
	r = api(t, srv, "POST", "/api/atlas/v2/groups", fmt.Sprintf(`{"name":"tagchars","orgId":%q,"tags":[{"key":"a b;@_-.+","value":"ünï 9"}]}`, org))
	wantStatus(t, r, 201)
}

func TestOrgProjectsFilter(t *testing.T) {
	_, srv := startSim(t, atlassim.Options{})
	for _, n := range []string{"Alpha-1", "alpha-2", "beta"} {
		createProject(t, srv, n)
	}
	r := api(t, srv, "GET", "/api/atlas/v2/orgs/"+atlassim.DefaultOrgID+"/groups?name=ALP", "")
	wantStatus(t, r, 200)
	if r.json(t)["totalCount"] != float64(2) {
		t.Fatalf("filtered = %s", r.body)
	}
	if want := srv.URL + "/api/atlas/v2/orgs/" + atlassim.DefaultOrgID + "/groups?includeCount=true&name=ALP&pageNum=1&itemsPerPage=100"; !strings.Contains(r.body, want) {
		t.Fatalf("self link missing %s: %s", want, r.body)
	}
	wantError(t, api(t, srv, "GET", "/api/atlas/v2/orgs/0123456789abcdef01234567/groups", ""), 404, "ORG_NOT_FOUND")
}

func TestDeleteBlockedByClusters(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{Transition: 300 * time.Millisecond})
	id := createProject(t, srv, "with-clusters")
	if err := sim.SeedCluster(id, "Cluster0"); err != nil {
		t.Fatal(err)
	}
	if err := sim.SeedCluster(id, "analytics"); err != nil {
		t.Fatal(err)
	}

	r := api(t, srv, "GET", "/api/atlas/v2/groups/"+id, "")
	if r.json(t)["clusterCount"] != float64(2) {
		t.Fatalf("clusterCount: %s", r.body)
	}

	m := wantError(t, api(t, srv, "DELETE", "/api/atlas/v2/groups/"+id, ""), 409, "CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS")
	if !strings.Contains(m["detail"].(string), "Cluster0, analytics") {
		t.Fatalf("detail = %v", m["detail"])
	}

	sim.DeleteClusterOutOfBand(id, "Cluster0")
	sim.DeleteClusterOutOfBand(id, "analytics")
	r = apiWith(t, srv, "GET", "/api/atlas/v2/groups/"+id+"/clusters/Cluster0", "", map[string]string{"Accept": "application/vnd.atlas.2024-08-05+json"})
	if r.json(t)["stateName"] != "DELETING" {
		t.Fatalf("cluster = %s", r.body)
	}
	// Still blocked while the clusters are DELETING.
	wantError(t, api(t, srv, "DELETE", "/api/atlas/v2/groups/"+id, ""), 409, "CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS")

	time.Sleep(350 * time.Millisecond)
	wantError(t, apiWith(t, srv, "GET", "/api/atlas/v2/groups/"+id+"/clusters/Cluster0", "", map[string]string{"Accept": "application/vnd.atlas.2024-08-05+json"}),
		404, "CLUSTER_NOT_FOUND")
	r = api(t, srv, "DELETE", "/api/atlas/v2/groups/"+id, "")
	if r.status != http.StatusAccepted || r.body != "{}" {
		t.Fatalf("delete after clusters gone = %d %s", r.status, r.body)
	}
}

func TestOutOfBandChanges(t *testing.T) {
	sim, srv := startSim(t, atlassim.Options{})
	id := createProject(t, srv, "drift")
	if !sim.UpdateProjectOutOfBand(id, func(p *atlassim.ProjectSnapshot) {
		p.Name = "drifted"
		p.Tags = []atlassim.Tag{{Key: "owner", Value: "ui"}}
		p.Settings.IsDataExplorerEnabled = false
	}) {
		t.Fatal("project not found")
	}
	r := api(t, srv, "GET", "/api/atlas/v2/groups/"+id, "")
	if r.json(t)["name"] != "drifted" || !strings.Contains(r.body, `"tags":[{"key":"owner","value":"ui"}]`) {
		t.Fatalf("get = %s", r.body)
	}
	r = api(t, srv, "GET", "/api/atlas/v2/groups/"+id+"/settings", "")
	if r.json(t)["isDataExplorerEnabled"] != false {
		t.Fatalf("settings = %s", r.body)
	}
	if !sim.DeleteProjectOutOfBand(id) || sim.DeleteProjectOutOfBand(id) {
		t.Fatal("out-of-band delete should succeed once")
	}
	wantError(t, api(t, srv, "GET", "/api/atlas/v2/groups/"+id, ""), 404, "GROUP_NOT_FOUND")
}
