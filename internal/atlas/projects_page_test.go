package atlas

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"
)

// ListProjectsPage sends the page asked for, only the parameters given, and
// reports Atlas's total rather than the page's length.
func TestListProjectsPage(t *testing.T) {
	cases := []struct {
		name             string
		pageNum, perPage int
		wantQuery        url.Values
		wantFirst        string
		wantLen          int
	}{
		{"both", 2, 3, url.Values{"pageNum": {"2"}, "itemsPerPage": {"3"}}, "p3", 3},
		{"last page", 4, 3, url.Values{"pageNum": {"4"}, "itemsPerPage": {"3"}}, "p9", 1},
		{"items only", 0, 4, url.Values{"itemsPerPage": {"4"}}, "p0", 4},
		{"page only", 1, 0, url.Values{"pageNum": {"1"}}, "p0", 10},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := &recorder{respond: func(w http.ResponseWriter, r *http.Request, n int) {
				q := r.URL.Query()
				pageNum, perPage := 1, 100
				if v := q.Get("pageNum"); v != "" {
					pageNum, _ = strconv.Atoi(v)
				}
				if v := q.Get("itemsPerPage"); v != "" {
					perPage, _ = strconv.Atoi(v)
				}
				writeJSON(w, 200, projectsPage(10, pageNum, perPage, true, true))
			}}
			c, _ := newBearerTestClient(t, rec)
			projects, total, err := c.ListProjectsPage(context.Background(), tc.pageNum, tc.perPage)
			if err != nil {
				t.Fatal(err)
			}
			if total != 10 || len(projects) != tc.wantLen || projects[0].Name != tc.wantFirst {
				t.Fatalf("got %d projects starting %q, total %d; want %d starting %q, total 10", len(projects), projects[0].Name, total, tc.wantLen, tc.wantFirst)
			}
			reqs := rec.all()
			if len(reqs) != 1 {
				t.Fatalf("requests = %d, want one page", len(reqs))
			}
			q, _ := url.ParseQuery(reqs[0].Query)
			if q.Encode() != tc.wantQuery.Encode() {
				t.Errorf("query = %s, want %s", q.Encode(), tc.wantQuery.Encode())
			}
		})
	}
}
