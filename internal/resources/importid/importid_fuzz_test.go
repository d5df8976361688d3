package importid

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var (
	hexProjectID = regexp.MustCompile(`^[a-f0-9]{24}$`)
	clusterName  = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9-]*$`)
)

// FuzzProjectAndName checks what users rely on when they import: an accepted ID
// splits into a valid project id and name that join back into exactly that ID,
// and a refused ID gets an error that names the resource type, shows the
// expected format and repeats the ID it got.
func FuzzProjectAndName(f *testing.F) {
	for _, seed := range []string{
		"5f1e2d3c4b5a697887766554-my-cluster",
		"5f1e2d3c4b5a697887766554-a",
		"5f1e2d3c4b5a697887766554--leading-hyphen",
		"5f1e2d3c4b5a697887766554-",
		"5F1E2D3C4B5A697887766554-upper-hex",
		"5f1e2d3c4b5a69788776655-short",
		"5f1e2d3c4b5a6978877665544-long",
		"my-cluster",
		"",
		"-",
		"5f1e2d3c4b5a697887766554-name\n",
		"5f1e2d3c4b5a697887766554-na me",
		"5f1e2d3c4b5a697887766554-ñame",
		"5f1e2d3c4b5a697887766554-a-5f1e2d3c4b5a697887766554-b",
		"\x005f1e2d3c4b5a697887766554-x",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, id string) {
		pid, name, err := ProjectAndName(id, "mongodbatlas_flex_cluster")
		if err != nil {
			if pid != "" || name != "" {
				t.Fatalf("refused %q but returned %q, %q", id, pid, name)
			}
			msg := err.Error()
			for _, want := range []string{"mongodbatlas_flex_cluster", "{project_id}-{name}", strconv.Quote(id)} {
				if !strings.Contains(msg, want) {
					t.Fatalf("error for %q does not contain %q: %s", id, want, msg)
				}
			}
			return
		}
		if !hexProjectID.MatchString(pid) {
			t.Fatalf("accepted %q with project id %q", id, pid)
		}
		if !clusterName.MatchString(name) {
			t.Fatalf("accepted %q with name %q", id, name)
		}
		if pid+"-"+name != id {
			t.Fatalf("%q split into %q and %q, which do not join back into it", id, pid, name)
		}
		pid2, name2, err := ProjectAndName(pid+"-"+name, "mongodbatlas_flex_cluster")
		if err != nil || pid2 != pid || name2 != name {
			t.Fatalf("re-parsing %q gave %q, %q, %v", id, pid2, name2, err)
		}
	})
}

// FuzzProjectAndNameJoin builds IDs from parts: every valid project id and
// cluster name joined with a hyphen is accepted and gives the parts back.
func FuzzProjectAndNameJoin(f *testing.F) {
	f.Add("5f1e2d3c4b5a697887766554", "my-cluster")
	f.Add("000000000000000000000000", "a-")
	f.Add("ffffffffffffffffffffffff", "0-0-0")
	f.Add("5f1e2d3c4b5a697887766554", "-x")
	f.Fuzz(func(t *testing.T, pid, name string) {
		if !hexProjectID.MatchString(pid) || !clusterName.MatchString(name) {
			return
		}
		gotPID, gotName, err := ProjectAndName(pid+"-"+name, "mongodbatlas_serverless_instance")
		if err != nil {
			t.Fatalf("valid parts %q and %q refused: %v", pid, name, err)
		}
		if gotPID != pid || gotName != name {
			t.Fatalf("%q and %q came back as %q and %q", pid, name, gotPID, gotName)
		}
	})
}
