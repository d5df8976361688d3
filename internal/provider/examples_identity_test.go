package provider_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
)

// identityExamples are the import-by-identity examples with the resource
// examples that declare what they import. Their placeholder ids are replaced
// with the ids of what the test created.
var identityExamples = []string{
	"resources/mongodbatlas_project/import-by-identity.tf",
	"resources/mongodbatlas_cloud_manager_project/import-by-identity.tf",
	"resources/mongodbatlas_database_user/import-by-identity.tf",
	"resources/mongodbatlas_project_ip_access_list/import-by-identity.tf",
}

// Placeholder ids in the import-by-identity examples.
const (
	exampleProjectID             = "5f1e2d3c4b5a697887766554"
	exampleCloudManagerProjectID = "6a0b1c2d3e4f506172839405"
)

// TestAccExamples_importByIdentity runs the import-by-identity examples as a
// user would: the resources of the examples exist in Atlas but not in the
// state, and the import blocks bring them in with a plan of 4 to import and
// nothing else. It uses the real CLI in a workspace because the test framework
// writes its own import blocks.
func TestAccExamples_importByIdentity(t *testing.T) {
	env := acctest.NewEnv(t)
	w := acctest.NewWorkspace(t, env)
	w.SkipUnlessTerraform(t, acctest.Terraform1_12)
	resources := exampleConfig(t, []string{
		"resources/mongodbatlas_project/resource.tf",
		"resources/mongodbatlas_cloud_manager_project/resource.tf",
		"resources/mongodbatlas_database_user/resource.tf",
		"resources/mongodbatlas_project_ip_access_list/resource.tf",
	}, map[string]bool{})
	writeExampleRoot(t, w, env, resources)
	w.MustRun(t, "init", "-no-color", "-input=false")
	w.MustRun(t, "apply", "-auto-approve", "-no-color", "-input=false")
	projectID := w.MustRun(t, "state", "show", "-no-color", "mongodbatlas_project.example")
	cmID := w.MustRun(t, "state", "show", "-no-color", "mongodbatlas_cloud_manager_project.example")
	projectID, cmID = stateShowID(t, projectID), stateShowID(t, cmID)

	imported := []string{"mongodbatlas_project.example", "mongodbatlas_cloud_manager_project.example",
		"mongodbatlas_database_user.iam", "mongodbatlas_project_ip_access_list.office"}
	w.MustRun(t, append([]string{"state", "rm"}, imported...)...)
	var imports strings.Builder
	for _, f := range identityExamples {
		src, err := os.ReadFile(acctest.RepoPath("examples", f))
		must(t, err)
		if !strings.Contains(string(src), exampleProjectID) && !strings.Contains(string(src), exampleCloudManagerProjectID) {
			t.Fatalf("examples/%s holds none of the placeholder ids this test replaces", f)
		}
		imports.WriteString(strings.NewReplacer(exampleProjectID, projectID, exampleCloudManagerProjectID, cmID).Replace(string(src)))
	}
	w.Write(t, "imports.tf", []byte(imports.String()))

	env.Sim.ResetRequests()
	changes, out := w.Plan(t)
	if !strings.Contains(out, "Plan: 4 to import, 0 to add, 0 to change, 0 to destroy.") {
		t.Errorf("the plan of the import-by-identity examples is not 4 to import and nothing else:\n%s", out)
	}
	for _, addr := range imported {
		if c := changes[addr]; strings.Join(c.Change.Actions, ",") != "no-op" {
			t.Errorf("%s plans %v, want no-op (import only)", addr, c.Change.Actions)
		}
	}
	w.MustRun(t, "apply", "-auto-approve", "-no-color", "-input=false", "adopt.tfplan")
	w.MustRun(t, "destroy", "-auto-approve", "-no-color", "-input=false")
}

// stateShowID reads the id attribute from `terraform state show` output.
func stateShowID(t *testing.T, out string) string {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		fields := strings.Fields(line)
		if len(fields) == 3 && fields[0] == "id" && fields[1] == "=" {
			return strings.Trim(fields[2], `"`)
		}
	}
	t.Fatalf("no id in:\n%s", out)
	return ""
}

// writeExampleRoot writes a root module that runs documented examples as they
// are: the provider pointed at the simulator (Atlas and Cloud Manager), the
// org_id variable the examples use and its value, then body.
func writeExampleRoot(t *testing.T, w *acctest.Workspace, env *acctest.Env, body string) {
	t.Helper()
	w.Write(t, "main.tf", []byte(fmt.Sprintf(`terraform {
  required_providers {
    mongodbatlas = { source = "tfatlas/mongodbatlas" }
  }
}

provider "mongodbatlas" {
  cloud_manager_base_url = %q
}

variable "org_id" {
  type = string
}
`, env.URL)+body))
	w.Write(t, "terraform.tfvars", []byte(fmt.Sprintf("org_id = %q\n", env.OrgID)))
}
