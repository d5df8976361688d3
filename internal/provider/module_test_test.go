package provider_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
)

// moduleDir is the example module users copy the `terraform test` pattern from.
const moduleDir = "modules/flex-app"

// The example module's own tests (examples/modules/flex-app/tests), run with
// `terraform test` (or `tofu test`) by the real CLI against a simulator, as the
// hcp-terraform guide tells users to run theirs.
func TestAccExampleModule_terraformTest(t *testing.T) {
	env := acctest.NewEnv(t)
	w := acctest.NewWorkspace(t, env)
	copyModule(t, w)
	w.MustRun(t, "init", "-input=false", "-no-color")

	out := w.MustRun(t, "test", "-no-color", "-var", "org_id="+env.OrgID)

	for _, run := range []string{"dev_plan", "prod_without_protection_is_refused", "prod_apply", "unprotect_for_cleanup"} {
		if !strings.Contains(out, `run "`+run+`"... pass`) {
			t.Errorf("run %q did not pass:\n%s", run, out)
		}
	}
	if !strings.Contains(out, "4 passed, 0 failed") {
		t.Errorf("want 4 passed, 0 failed:\n%s", out)
	}
	// One cluster was created, protected (the refused prod plan sent nothing);
	// protection was switched off in place; the cleanup deleted everything.
	for _, c := range []struct {
		method, path string
		want         int
	}{
		{"POST", `/groups/[^/]+/flexClusters`, 1},
		{"PATCH", `/groups/[^/]+/flexClusters/[^/]+`, 1},
		{"DELETE", `/groups/[^/]+/flexClusters/[^/]+`, 1},
		{"DELETE", `/groups/[^/]+/databaseUsers/admin/[^/]+`, 1},
		{"DELETE", `/groups/[^/]+/accessList/.+`, 1}, // the CIDR holds a slash
		{"DELETE", `/groups/[^/]+`, 1},
	} {
		if got := countSucceeded(env, c.method, c.path); got != c.want {
			t.Errorf("%s %s: %d requests succeeded, want %d\n%s", c.method, c.path, got, c.want, strings.Join(env.Requests(), "\n"))
		}
	}
}

// A test that leaves the cluster protected cannot clean up: terraform test's
// destroy is refused at plan time by the provider, with the fix in the message,
// and the CLI lists what it left behind.
func TestAccExampleModule_terraformTestLeavesProtectedCluster(t *testing.T) {
	env := acctest.NewEnv(t)
	w := acctest.NewWorkspace(t, env)
	copyModule(t, w)
	w.Remove(t, filepath.Join("tests", "flex_app.tftest.hcl"))
	w.Write(t, filepath.Join("tests", "forgot.tftest.hcl"), []byte(`
variables {
  name        = "tftest-forgot"
  environment = "prod"
  db_password = "tftest-password-1"
}

run "prod_apply" {}
`))
	w.MustRun(t, "init", "-input=false", "-no-color")

	out, err := w.Run("test", "-no-color", "-var", "org_id="+env.OrgID)
	// Terraform fails the test file; OpenTofu 1.12 reports it passed and keeps
	// what it could not destroy in errored_test.tfstate. Both print the error.
	if err == nil && !w.OpenTofu {
		t.Fatalf("terraform test passed although it could not destroy a protected cluster:\n%s", out)
	}
	flat := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{
		`Termination protection forbids destroying`,
		`termination_protection_enabled = false`,
		`mongodbatlas_flex_cluster.this`,
		`need to be cleaned up manually`,
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("output does not contain %q:\n%s", want, out)
		}
	}
	if got := countSucceeded(env, "DELETE", `/groups/[^/]+/flexClusters/[^/]+`); got != 0 {
		t.Errorf("%d DELETE requests for the protected cluster, want none", got)
	}
}

// countSucceeded counts the successful requests with the method whose Atlas
// Admin API path (after /api/atlas/v2) matches the regular expression.
func countSucceeded(env *acctest.Env, method, path string) int {
	re := regexp.MustCompile(`^/api/atlas/v2` + path + `$`)
	n := 0
	for _, r := range env.Sim.Requests() {
		if r.Method == method && r.Status < 300 && re.MatchString(r.Path) {
			n++
		}
	}
	return n
}

// copyModule copies the example module, with its tests, into the workspace.
func copyModule(t *testing.T, w *acctest.Workspace) {
	t.Helper()
	src := acctest.RepoPath("examples", moduleDir)
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(w.Dir, rel), 0o755)
		}
		content, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(w.Dir, rel), content, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
