package provider_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

// listExamples are the list resources' examples, which TestAccQuery_generateConfig runs.
var listExamples = []string{
	"list-resources/mongodbatlas_project/list-resource.tfquery.hcl",
	"list-resources/mongodbatlas_cloud_manager_project/list-resource.tfquery.hcl",
}

// TestAccQuery_generateConfig: `terraform query -generate-config-out` over
// projects and a Cloud Manager project made outside Terraform writes resource
// blocks and import blocks by identity that `terraform plan` shows as 3 to
// import and nothing else, although one project has tags, a limit and
// settings that differ from Atlas's defaults. It runs the real CLI, as a user
// does, because the test framework cannot generate configuration. The query is
// the documented list examples.
func TestAccQuery_generateConfig(t *testing.T) {
	env := acctest.NewEnv(t)
	w := acctest.NewWorkspace(t, env)
	w.SkipUnlessTerraform(t, acctest.Terraform1_14)
	ctx := context.Background()
	client, err := atlas.NewClient(atlas.Config{BaseURL: env.URL,
		Credentials: atlas.Credentials{PublicKey: atlassim.DefaultPublicKey, PrivateKey: atlassim.DefaultPrivateKey}})
	must(t, err)
	tuned, err := client.CreateProject(ctx, atlas.ProjectCreate{Name: "Existing Project", OrgID: env.OrgID, Tags: []atlas.Tag{{Key: "env", Value: "prod"}}})
	must(t, err)
	_, err = client.SetProjectLimit(ctx, tuned.ID, "atlas.project.deployment.clusters", 40)
	must(t, err)
	off := false
	_, err = client.UpdateProjectSettings(ctx, tuned.ID, atlas.ProjectSettings{IsDataExplorerEnabled: &off})
	must(t, err)
	must(t, client.SetManagedSlowMs(ctx, tuned.ID, false))
	_, err = client.CreateProject(ctx, atlas.ProjectCreate{Name: "plain", OrgID: env.OrgID})
	must(t, err)
	_, err = env.Sim.SeedCloudManagerProject("ops-project")
	must(t, err)

	writeExampleRoot(t, w, env, "")
	// The documented list examples are the query.
	var query []byte
	for _, example := range listExamples {
		src, err := os.ReadFile(acctest.RepoPath("examples", example))
		must(t, err)
		query = append(query, src...)
	}
	w.Write(t, "existing.tfquery.hcl", query)
	w.MustRun(t, "init", "-no-color", "-input=false")
	out := w.MustRun(t, "query", "-no-color", "-generate-config-out=generated.tf")
	for _, name := range []string{"Existing Project", "plain", "ops-project"} {
		if !strings.Contains(out, name) {
			t.Errorf("terraform query does not show %q:\n%s", name, out)
		}
	}
	generated, err := os.ReadFile(filepath.Join(w.Dir, "generated.tf"))
	must(t, err)
	if n := strings.Count(string(generated), "import {"); n != 3 {
		t.Errorf("generated.tf holds %d import blocks, want 3:\n%s", n, generated)
	}
	if !strings.Contains(string(generated), tuned.ID) {
		t.Errorf("generated.tf does not name project %s by identity:\n%s", tuned.ID, generated)
	}

	env.Sim.ResetRequests()
	changes, planOut := w.Plan(t)
	if !strings.Contains(planOut, "Plan: 3 to import, 0 to add, 0 to change, 0 to destroy.") {
		t.Errorf("the plan of the generated configuration is not 3 to import and nothing else:\n%s\n%s", planOut, generated)
	}
	for addr, c := range changes {
		if strings.Join(c.Change.Actions, ",") != "no-op" {
			t.Errorf("%s plans %v, want no-op (import only)", addr, c.Change.Actions)
		}
	}
	for _, r := range env.Sim.Requests() {
		if r.Method != "GET" && r.Status != 401 {
			t.Errorf("the plan wrote to Atlas: %s %s %d", r.Method, r.Path, r.Status)
		}
	}
}
