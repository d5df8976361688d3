package serverlessinstance_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/serverlessinstance"
)

// FuzzEncodeDecodeID: the official provider's id encoding round-trips for every
// project id and name, whatever bytes they hold.
func FuzzEncodeDecodeID(f *testing.F) {
	f.Add("5f1e2d3c4b5a697887766554", "legacy")
	f.Add("5f1e2d3c4b5a697887766554", "with-hyphens-in-it")
	f.Add("p", "n:with:colons")
	f.Add("-", "-")
	f.Add("ÿ", "\x00")
	f.Fuzz(func(t *testing.T, projectID, name string) {
		id := serverlessinstance.EncodeID(projectID, name)
		gotPID, gotName, err := serverlessinstance.DecodeID(id)
		if projectID == "" || name == "" {
			if err == nil {
				t.Fatalf("id %q without a project id or name accepted as %q, %q", id, gotPID, gotName)
			}
			return
		}
		if err != nil {
			t.Fatalf("DecodeID(EncodeID(%q, %q)) = %v", projectID, name, err)
		}
		if gotPID != projectID || gotName != name {
			t.Fatalf("%q, %q came back as %q, %q", projectID, name, gotPID, gotName)
		}
	})
}

// FuzzDecodeID: an id DecodeID accepts names exactly one instance, and encoding
// what it decoded gives the id back, so the id in state never changes under a
// refresh. Refused ids get an error that quotes them.
func FuzzDecodeID(f *testing.F) {
	for _, seed := range []string{
		serverlessinstance.EncodeID("5f1e2d3c4b5a697887766554", "legacy"),
		serverlessinstance.EncodeID("5f1e2d3c4b5a697887766554", "a-b-c"),
		"cHJvamVjdF9pZA==:NWYxZTJkM2M0YjVhNjk3ODg3NzY2NTU0-bmFtZQ==:bGVnYWN5",                   // parts swapped: accepted
		"bmFtZQ==:bGVnYWN5-cHJvamVjdF9pZA==:NWYxZTJkM2M0YjVhNjk3ODg3NzY2NTU0-bmFtZQ==:b3RoZXI=", // name twice
		"bmFtZQ==:bGVnYWN5-cHJvamVjdF9pZA==:NWYxZTJkM2M0YjVhNjk3ODg3NzY2NTU0-ZXh0cmE=:eA==",     // unknown key
		"bmFtZQ==:bGVnYWN5-cHJvamVjdF9pZA==:NWYxZTJkM2M0YjVhNjk3ODg3NzY2NTU0-",                  // trailing hyphen
		"bmFtZQ==:eB==-cHJvamVjdF9pZA==:NWYxZTJkM2M0YjVhNjk3ODg3NzY2NTU0",                       // non-canonical base64 of "x"
		"bmFtZQ==:bGVn\nYWN5-cHJvamVjdF9pZA==:NWYxZTJkM2M0YjVhNjk3ODg3NzY2NTU0",                 // line break inside base64
		"bmFtZQ==:bGVnYWN5",               // no project id
		"5f1e2d3c4b5a697887766554-legacy", // an import id, not a state id
		"",
		"-",
		":",
		"bmFtZQ==:-cHJvamVjdF9pZA==:",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, id string) {
		projectID, name, err := serverlessinstance.DecodeID(id)
		if err != nil {
			if projectID != "" || name != "" {
				t.Fatalf("refused %q but returned %q, %q", id, projectID, name)
			}
			if !strings.Contains(err.Error(), strconv.Quote(id)) {
				t.Fatalf("error for %q does not show it: %v", id, err)
			}
			return
		}
		if projectID == "" || name == "" {
			t.Fatalf("accepted %q with project id %q and name %q", id, projectID, name)
		}
		// Early official releases wrote the two parts in either order; both name the same instance.
		again := serverlessinstance.EncodeID(projectID, name)
		namePart, projectPart, _ := strings.Cut(again, "-")
		if again != id && projectPart+"-"+namePart != id {
			t.Fatalf("accepted %q as %q, %q, which encodes as %q", id, projectID, name, again)
		}
	})
}
