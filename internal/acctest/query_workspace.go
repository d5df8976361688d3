package acctest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/go-version"
)

// NewQueryWorkspace is a Workspace for `terraform query`, which needs
// Terraform 1.14 (OpenTofu has no list resources): it skips t on any other
// CLI. Its main.tf requires this provider and declares a string variable for
// each of vars, set in terraform.tfvars, and it is initialised.
func NewQueryWorkspace(t *testing.T, e *Env, vars map[string]string) *Workspace {
	t.Helper()
	w := NewWorkspace(t, e)
	w.SkipUnlessTerraform(t, Terraform1_14)
	var main, tfvars strings.Builder
	main.WriteString("terraform {\n  required_providers {\n    mongodbatlas = { source = \"tfatlas/mongodbatlas\" }\n  }\n}\n")
	for name, value := range vars {
		fmt.Fprintf(&main, "\nvariable %q {\n  type = string\n}\n", name)
		fmt.Fprintf(&tfvars, "%s = %q\n", name, value)
	}
	w.Write(t, "main.tf", []byte(main.String()))
	w.Write(t, "terraform.tfvars", []byte(tfvars.String()))
	w.MustRun(t, "init", "-no-color", "-input=false")
	return w
}

// SkipUnlessTerraform skips t unless the workspace's CLI is HashiCorp
// Terraform min or newer (identities need 1.12, list resources 1.14).
func (w *Workspace) SkipUnlessTerraform(t *testing.T, min *version.Version) {
	t.Helper()
	out := w.MustRun(t, "version", "-json")
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("terraform version -json: %v\n%s", err, out)
	}
	if w.OpenTofu || version.Must(version.NewVersion(v.Version)).Core().LessThan(min) {
		t.Skipf("this test needs Terraform %s or newer; the CLI is %s", min, v.Version)
	}
}

// Identities reads the resource identity of every resource instance in the
// workspace's state, by address; nil for an instance without one.
func (w *Workspace) Identities(t *testing.T) map[string]map[string]any {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(w.Dir, "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	var st struct {
		Resources []struct {
			Type      string `json:"type"`
			Name      string `json:"name"`
			Instances []struct {
				Identity map[string]any `json:"identity"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(raw, &st); err != nil {
		t.Fatalf("reading state: %v", err)
	}
	out := map[string]map[string]any{}
	for _, r := range st.Resources {
		for _, inst := range r.Instances {
			out[r.Type+"."+r.Name] = inst.Identity
		}
	}
	return out
}

// Example reads a file under examples/.
func Example(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(RepoPath("examples", rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
