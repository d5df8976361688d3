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

// The bring-existing-projects guide, step by step, with the real CLI: an
// organization with two projects, a flex cluster, a serverless instance that
// Atlas turned into a flex cluster and one that is still serverless (mid-2025),
// all made outside Terraform. One query over examples/bring-existing-projects
// generates the configuration; the plan imports all six and changes nothing;
// the apply writes nothing to Atlas; the next plan is empty.
func TestAccGuide_bringExistingProjects(t *testing.T) {
	env := acctest.NewEnv(t, acctest.WithWorldDate("2025-03-01"))
	w := acctest.NewWorkspace(t, env)
	w.SkipUnlessTerraform(t, acctest.Terraform1_14)
	ctx := context.Background()
	client, err := atlas.NewClient(atlas.Config{BaseURL: env.URL,
		Credentials: atlas.Credentials{PublicKey: atlassim.DefaultPublicKey, PrivateKey: atlassim.DefaultPrivateKey}})
	must(t, err)
	shop, err := client.CreateProject(ctx, atlas.ProjectCreate{Name: "Shop", OrgID: env.OrgID, Tags: []atlas.Tag{{Key: "team", Value: "web"}}})
	must(t, err)
	_, err = client.CreateFlexCluster(ctx, shop.ID, atlas.FlexClusterCreate{Name: "orders", BackingProviderName: "AWS", RegionName: "US_EAST_1",
		TerminationProtectionEnabled: true})
	must(t, err)
	legacy, err := client.CreateProject(ctx, atlas.ProjectCreate{Name: "Legacy", OrgID: env.OrgID})
	must(t, err)
	must(t, env.Sim.SeedServerlessInstance(legacy.ID, "reports"))
	must(t, env.Sim.MigrateServerless(legacy.ID, "reports", atlassim.ServerlessKindFlex))
	must(t, env.Sim.SeedServerlessInstance(legacy.ID, "archive"))

	for _, f := range []string{"main.tf", "existing.tfquery.hcl"} {
		src, err := os.ReadFile(acctest.RepoPath("examples", "bring-existing-projects", f))
		must(t, err)
		w.Write(t, f, src)
	}
	w.Write(t, "terraform.tfvars", []byte("org_id = \""+env.OrgID+"\"\n"))

	// Step 1: init and query.
	w.MustRun(t, "init", "-no-color", "-input=false")
	out := w.MustRun(t, "query", "-no-color", "-generate-config-out=generated.tf")
	for _, name := range []string{"Shop", "Legacy", "orders", "reports", "archive"} {
		if !strings.Contains(out, name) {
			t.Errorf("terraform query does not show %q:\n%s", name, out)
		}
	}
	generated, err := os.ReadFile(filepath.Join(w.Dir, "generated.tf"))
	must(t, err)
	gen := string(generated)
	if n := strings.Count(gen, "import {"); n != 5 {
		t.Errorf("generated.tf holds %d import blocks, want 5 (2 projects, 2 flex clusters, 1 serverless instance):\n%s", n, gen)
	}
	// The migrated instance is imported once, as the flex cluster it now is.
	if n := strings.Count(gen, `resource "mongodbatlas_serverless_instance"`); n != 1 {
		t.Errorf("generated.tf holds %d serverless instances, want 1 (archive):\n%s", n, gen)
	}

	// Step 2: plan: only imports.
	env.Sim.ResetRequests()
	_, planOut := w.Plan(t)
	if !strings.Contains(planOut, "Plan: 5 to import, 0 to add, 0 to change, 0 to destroy.") {
		t.Errorf("the plan of the generated configuration is not 5 to import and nothing else:\n%s\n%s", planOut, gen)
	}

	// Step 3: apply, then the plan is empty; nothing was written to Atlas.
	w.MustRun(t, "apply", "-no-color", "-input=false", "adopt.tfplan")
	if out := w.MustRun(t, "plan", "-no-color", "-input=false", "-detailed-exitcode"); !strings.Contains(out, "No changes.") {
		t.Errorf("the plan after the import is not empty:\n%s", out)
	}
	for _, r := range env.Sim.Requests() {
		if r.Method != "GET" && r.Status != 401 {
			t.Errorf("adopting wrote to Atlas: %s %s %d", r.Method, r.Path, r.Status)
		}
	}
}
