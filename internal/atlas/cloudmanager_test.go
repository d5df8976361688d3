package atlas

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

// The Cloud Manager request path has no typed methods yet; these tests pin its plumbing:
// its own host root, the /api/public/v1.0 base path and unversioned JSON media types.
func TestCloudManagerCall(t *testing.T) {
	atlasRec := &recorder{}
	atlasSrv := httptest.NewServer(atlasRec)
	defer atlasSrv.Close()
	cmRec := &recorder{respond: func(w http.ResponseWriter, r *http.Request, n int) {
		writeJSON(w, 200, `{"id":"g1","name":"cm","orgId":"o1","agentApiKey":"k"}`)
	}}
	cmSrv := httptest.NewServer(cmRec)
	defer cmSrv.Close()

	c, err := NewClient(Config{
		BaseURL:             atlasSrv.URL,
		CloudManagerBaseURL: cmSrv.URL + "/opsmanager", // a path prefix, without trailing slash
		Credentials:         Credentials{AccessToken: "t"},
		UserAgent:           "ua",
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	var created struct {
		ID          string `json:"id"`
		AgentAPIKey string `json:"agentApiKey"`
	}
	body := map[string]string{"name": "cm", "orgId": "o1"}
	if err := c.cloudManagerCall(ctx, http.MethodPost, "/groups", nil, body, &created); err != nil {
		t.Fatal(err)
	}
	if created.ID != "g1" || created.AgentAPIKey != "k" {
		t.Errorf("decoded %+v", created)
	}
	if err := c.cloudManagerCall(ctx, http.MethodGet, pathf("/groups/byName/%s", "a b"), nil, nil, nil); err != nil {
		t.Fatal(err)
	}

	reqs := cmRec.all()
	if len(reqs) != 2 || atlasRec.count() != 0 {
		t.Fatalf("cloud manager requests = %d, atlas requests = %d", len(reqs), atlasRec.count())
	}
	post, get := reqs[0], reqs[1]
	if post.Method != "POST" || post.EscapedPath != "/opsmanager/api/public/v1.0/groups" {
		t.Errorf("POST went to %s %s", post.Method, post.EscapedPath)
	}
	if post.Header.Get("Accept") != "application/json" || post.Header.Get("Content-Type") != "application/json" {
		t.Errorf("POST Accept = %q, Content-Type = %q", post.Header.Get("Accept"), post.Header.Get("Content-Type"))
	}
	assertJSONEqual(t, post.Body, `{"name":"cm","orgId":"o1"}`)
	if get.EscapedPath != "/opsmanager/api/public/v1.0/groups/byName/a%20b" || get.Header.Get("Content-Type") != "" {
		t.Errorf("GET = %s, Content-Type %q", get.EscapedPath, get.Header.Get("Content-Type"))
	}
	if get.Header.Get("User-Agent") != "ua" || get.Header.Get("Authorization") != "Bearer t" {
		t.Errorf("GET headers = %v", get.Header)
	}
}

func TestCloudManagerPagination(t *testing.T) {
	rec := &recorder{respond: func(w http.ResponseWriter, r *http.Request, n int) {
		writeJSON(w, 200, projectsPage(700, n, 500, true, false))
	}}
	c, _ := newBearerTestClient(t, rec)
	items, err := listAll[Project](context.Background(), c.cloudManagerPages("/groups"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 700 || rec.count() != 2 {
		t.Errorf("items = %d, requests = %d", len(items), rec.count())
	}
	for _, r := range rec.all() {
		if r.EscapedPath != "/api/public/v1.0/groups" || r.Header.Get("Accept") != "application/json" {
			t.Errorf("request %s Accept %q", r.EscapedPath, r.Header.Get("Accept"))
		}
	}
}
