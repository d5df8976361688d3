package importid

import (
	"strings"
	"testing"
)

func TestProjectAndName(t *testing.T) {
	cases := []struct {
		id, project, name string
		ok                bool
	}{
		{"5f1e2d3c4b5a697887766554-my-cluster", "5f1e2d3c4b5a697887766554", "my-cluster", true},
		{"5f1e2d3c4b5a697887766554-a", "5f1e2d3c4b5a697887766554", "a", true},
		{"5f1e2d3c4b5a697887766554", "", "", false},
		{"5f1e2d3c4b5a697887766554-", "", "", false},
		{"5f1e2d3c4b5a69788776655-cluster", "", "", false},
		{"my-cluster-5f1e2d3c4b5a697887766554", "", "", false},
		{"5f1e2d3c4b5a697887766554-bad_name", "", "", false},
	}
	for _, tc := range cases {
		p, n, err := ProjectAndName(tc.id, "mongodbatlas_flex_cluster")
		if tc.ok != (err == nil) || p != tc.project || n != tc.name {
			t.Errorf("%q: got %q %q %v", tc.id, p, n, err)
		}
		if err != nil && !strings.Contains(err.Error(), "{project_id}-{name}") {
			t.Errorf("%q: error does not show the format: %v", tc.id, err)
		}
	}
}
