package importid

import (
	"strings"
	"testing"
)

func TestCheckDatabaseUser(t *testing.T) {
	pid := "5f1e2d3c4b5a697887766554"
	for _, ok := range [][3]string{{pid, "app", "admin"}, {pid, "CN=app,OU=eng", "$external"}} {
		if err := CheckDatabaseUser(ok[0], ok[1], ok[2]); err != nil {
			t.Errorf("%v: %v", ok, err)
		}
	}
	for want, bad := range map[string][3]string{
		"identity.project_id":         {"5F1E2D3C4B5A697887766554", "app", "admin"},
		"identity.username":           {pid, "", "admin"},
		"identity.auth_database_name": {pid, "app", "local"},
	} {
		if err := CheckDatabaseUser(bad[0], bad[1], bad[2]); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%v: %v, want an error naming %s", bad, err, want)
		}
	}
}

func TestCheckProjectAndEntry(t *testing.T) {
	pid := "5f1e2d3c4b5a697887766554"
	for _, entry := range []string{"10.0.0.0/16", "203.0.113.7", "sg-903004f8"} {
		if err := CheckProjectAndEntry(pid, entry); err != nil {
			t.Errorf("%s: %v", entry, err)
		}
	}
	if err := CheckProjectAndEntry("not-hex", "10.0.0.0/16"); err == nil || !strings.Contains(err.Error(), "identity.project_id") {
		t.Errorf("bad project id: %v", err)
	}
	if err := CheckProjectAndEntry(pid, ""); err == nil || !strings.Contains(err.Error(), "identity.entry") {
		t.Errorf("empty entry: %v", err)
	}
}
