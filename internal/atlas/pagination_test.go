package atlas

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"testing"
)

// projectsPage renders page pageNum of total projects, itemsPerPage at a time.
func projectsPage(total, pageNum, perPage int, withCount, withNext bool) string {
	type item struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	results := []item{}
	for i := (pageNum - 1) * perPage; i < total && i < pageNum*perPage; i++ {
		results = append(results, item{ID: fmt.Sprintf("%024x", i), Name: fmt.Sprintf("p%d", i)})
	}
	body := map[string]any{"results": results}
	links := []map[string]string{{"rel": "self", "href": "http://x"}}
	if withNext && pageNum*perPage < total {
		links = append(links, map[string]string{"rel": "next", "href": "http://x/next"})
	}
	body["links"] = links
	if withCount {
		body["totalCount"] = total
	}
	data, _ := json.Marshal(body)
	return string(data)
}

func TestListProjectsFollowsEveryPage(t *testing.T) {
	rec := &recorder{respond: func(w http.ResponseWriter, r *http.Request, n int) {
		pageNum, _ := strconv.Atoi(r.URL.Query().Get("pageNum"))
		perPage, _ := strconv.Atoi(r.URL.Query().Get("itemsPerPage"))
		writeJSON(w, 200, projectsPage(1200, pageNum, perPage, true, true))
	}}
	c, _ := newBearerTestClient(t, rec)

	projects, err := c.ListProjects(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(projects) != 1200 || projects[0].Name != "p0" || projects[1199].Name != "p1199" {
		t.Fatalf("got %d projects", len(projects))
	}
	reqs := rec.all()
	if len(reqs) != 3 {
		t.Fatalf("requests = %d, want 3", len(reqs))
	}
	for i, r := range reqs {
		q, _ := url.ParseQuery(r.Query)
		if q.Get("pageNum") != strconv.Itoa(i+1) || q.Get("itemsPerPage") != "500" {
			t.Errorf("request %d query = %s", i, r.Query)
		}
		if r.EscapedPath != "/api/atlas/v2/groups" {
			t.Errorf("path = %s", r.EscapedPath)
		}
	}
}

func TestListAllStopConditions(t *testing.T) {
	tests := []struct {
		name      string
		total     int
		withCount bool
		withNext  bool
		wantPages int
		wantItems int
	}{
		{name: "empty", total: 0, withCount: true, wantPages: 1, wantItems: 0},
		{name: "short first page", total: 10, withCount: true, wantPages: 1, wantItems: 10},
		{name: "exact multiple stops on totalCount", total: 1000, withCount: true, wantPages: 2, wantItems: 1000},
		{name: "three pages by totalCount", total: 1001, withCount: true, wantPages: 3, wantItems: 1001},
		{name: "no totalCount, follows next links", total: 1000, withNext: true, wantPages: 2, wantItems: 1000},
		{name: "no totalCount, no next link on a full page", total: 1500, wantPages: 1, wantItems: 500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages := 0
			fetch := func(ctx context.Context, q url.Values, out any) error {
				pages++
				pageNum, _ := strconv.Atoi(q.Get("pageNum"))
				if q.Get("name") != "prefix" {
					t.Errorf("caller query lost: %v", q)
				}
				return json.Unmarshal([]byte(projectsPage(tt.total, pageNum, itemsPerPage, tt.withCount, tt.withNext)), out)
			}
			items, err := listAll[Project](context.Background(), fetch, url.Values{"name": {"prefix"}})
			if err != nil {
				t.Fatal(err)
			}
			if pages != tt.wantPages || len(items) != tt.wantItems {
				t.Errorf("pages = %d, items = %d; want %d, %d", pages, len(items), tt.wantPages, tt.wantItems)
			}
		})
	}
}

func TestListAllReturnsPageError(t *testing.T) {
	rec := &recorder{respond: func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 2 {
			writeJSON(w, 404, `{"error":404,"errorCode":"GROUP_NOT_FOUND","detail":"gone"}`)
			return
		}
		writeJSON(w, 200, projectsPage(1200, n, 500, true, true))
	}}
	c, _ := newBearerTestClient(t, rec)
	teams, err := c.ListProjectTeams(context.Background(), "5f0000000000000000000001")
	if !IsNotFound(err) || teams != nil {
		t.Fatalf("teams = %v, err = %v; want nil and a 404", teams, err)
	}
}
