package importid

import (
	"strings"
	"testing"
)

func TestDatabaseUser(t *testing.T) {
	pid := "5f1e2d3c4b5a697887766554"
	for id, want := range map[string][2]string{
		pid + "-app-admin":                       {"app", "admin"},
		pid + "-my-app-user-admin":               {"my-app-user", "admin"},
		pid + "-CN=app,OU=eng-$external":         {"CN=app,OU=eng", "$external"},
		pid + "-idp/group-name-admin":            {"idp/group-name", "admin"},
		pid + "-arn:aws:iam::1:role/x-$external": {"arn:aws:iam::1:role/x", "$external"},
	} {
		p, u, db, err := DatabaseUser(id, "t")
		if err != nil || p != pid || u != want[0] || db != want[1] {
			t.Errorf("%s: %s %s %s %v", id, p, u, db, err)
		}
	}
	for _, bad := range []string{"app-admin", pid + "-app", pid + "-app-local", pid + "--admin", "5F1E2D3C4B5A697887766554-app-admin"} {
		if _, _, _, err := DatabaseUser(bad, "mongodbatlas_database_user"); err == nil || !strings.Contains(err.Error(), "{project_id}-{username}-{auth_database_name}") {
			t.Errorf("%s: %v", bad, err)
		}
	}
}

func TestProjectAndEntry(t *testing.T) {
	pid := "5f1e2d3c4b5a697887766554"
	for id, want := range map[string]string{
		pid + "-10.0.0.0/16":   "10.0.0.0/16",
		pid + "-203.0.113.7":   "203.0.113.7",
		pid + "-sg-903004f8":   "sg-903004f8",
		pid + "-2001:db8::/32": "2001:db8::/32",
	} {
		p, e, err := ProjectAndEntry(id, "t")
		if err != nil || p != pid || e != want {
			t.Errorf("%s: %s %s %v", id, p, e, err)
		}
	}
	if _, _, err := ProjectAndEntry("10.0.0.0/16", "t"); err == nil || !strings.Contains(err.Error(), "{project_id}-{entry}") {
		t.Errorf("bad id accepted: %v", err)
	}
}

func TestEncodeStateID(t *testing.T) {
	// The serverless instance id the official provider wrote, in the same scheme.
	got := EncodeStateID(map[string]string{"project_id": "p1", "name": "n1"})
	if got != "bmFtZQ==:bjE=-cHJvamVjdF9pZA==:cDE=" {
		t.Fatalf("EncodeStateID = %s", got)
	}
}
