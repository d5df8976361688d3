package acctest

import (
	"os"
	"path/filepath"
	"testing"
)

// `make test` builds several Terraform versions into bin/; a plain `go test`
// must pick the newest by version, not by name order (1.8 sorts after 1.14),
// and ignore unfinished builds, lock files and OpenTofu.
func TestNewestBuiltTerraform(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{
		"terraform-1.8.5", "terraform-1.14.9", "terraform-1.9.10",
		"terraform-1.15.0.tmp.4242", ".terraform-1.15.0-build.lock", "tofu", "terraform",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "terraform-2.0.0"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got, want := newestBuiltTerraform(dir), filepath.Join(dir, "terraform-1.14.9"); got != want {
		t.Errorf("newestBuiltTerraform = %q, want %q", got, want)
	}
	if got := newestBuiltTerraform(filepath.Join(dir, "missing")); got != "" {
		t.Errorf("newestBuiltTerraform of a missing directory = %q, want \"\"", got)
	}
	empty := t.TempDir()
	if err := os.WriteFile(filepath.Join(empty, "tofu"), nil, 0o755); err != nil {
		t.Fatal(err)
	}
	if got := newestBuiltTerraform(empty); got != "" {
		t.Errorf("newestBuiltTerraform without a built Terraform = %q, want \"\"", got)
	}
}
