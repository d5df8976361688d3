package serverlessinstance_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

// State the official provider wrote has no identities. After `terraform state
// replace-provider`, the first refresh gives the flex cluster and the
// serverless instance their identity with an empty plan, and a moved block
// from the serverless instance to mongodbatlas_flex_cluster keeps it.
func TestAccServerlessInstance_identityFromOfficialState(t *testing.T) {
	env := acctest.NewEnv(t, acctest.WithWorldDate("2024-06-01"))
	w := acctest.NewWorkspace(t, env)
	w.SkipUnlessTerraform(t, acctest.Terraform1_12)
	ctx := context.Background()
	client, err := atlas.NewClient(atlas.Config{BaseURL: env.URL,
		Credentials: atlas.Credentials{PublicKey: atlassim.DefaultPublicKey, PrivateKey: atlassim.DefaultPrivateKey}})
	must(t, err)
	// What the official state file describes.
	p, err := client.CreateProject(ctx, atlas.ProjectCreate{Name: "official-state-project", OrgID: env.OrgID,
		Tags: []atlas.Tag{{Key: "env", Value: "dev"}, {Key: "team", Value: "core"}}})
	must(t, err)
	_, err = client.SetProjectLimit(ctx, p.ID, "atlas.project.deployment.clusters", 30)
	must(t, err)
	off := false
	_, err = client.UpdateProjectSettings(ctx, p.ID, atlas.ProjectSettings{IsDataExplorerEnabled: &off})
	must(t, err)
	f, err := client.CreateFlexCluster(ctx, p.ID, atlas.FlexClusterCreate{Name: "official-flex", BackingProviderName: "AWS",
		RegionName: "US_EAST_1", Tags: []atlas.Tag{{Key: "env", Value: "dev"}}, TerminationProtectionEnabled: true})
	must(t, err)
	_, err = client.CreateServerlessInstance(ctx, p.ID, atlas.ServerlessCreate{Name: "official-serverless", BackingProviderName: "AWS",
		RegionName: "US_EAST_1", ContinuousBackupEnabled: &off, Tags: []atlas.Tag{{Key: "env", Value: "dev"}}})
	must(t, err)
	env.Sim.FinishTransitions()

	official := acctest.OfficialState(t, p.ID, f.ID)
	w.Write(t, "terraform.tfstate", official.State)
	w.Write(t, "terraform.tfvars", []byte("org_id = \""+env.OrgID+"\"\n"))
	config := strings.Replace(official.Config, `source = "mongodb/mongodbatlas"`, `source = "tfatlas/mongodbatlas"`, 1)
	w.Write(t, "main.tf", []byte(config))
	w.MustRun(t, "state", "replace-provider", "-auto-approve", "mongodb/mongodbatlas", "tfatlas/mongodbatlas")
	w.MustRun(t, "init", "-no-color", "-input=false")
	for address, id := range w.Identities(t) {
		if id != nil {
			t.Fatalf("%s has an identity before the first refresh: %v", address, id)
		}
	}
	assertNoPlannedChange(t, w)
	w.MustRun(t, "apply", "-refresh-only", "-auto-approve", "-no-color", "-input=false")
	assertIdentity(t, w, "mongodbatlas_flex_cluster.f", p.ID, "official-flex")
	assertIdentity(t, w, "mongodbatlas_serverless_instance.s", p.ID, "official-serverless")
	assertNoPlannedChange(t, w)

	// Past Atlas's 2025 migration the instance is a flex cluster; the
	// configuration moves it.
	env.Sim.SetWorldDate(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	moved := config[:strings.Index(config, `resource "mongodbatlas_serverless_instance" "s"`)] + `
resource "mongodbatlas_flex_cluster" "s" {
  project_id = mongodbatlas_project.p.id
  name       = "official-serverless"
  provider_settings = {
    backing_provider_name = "AWS"
    region_name           = "US_EAST_1"
  }
  tags = { env = "dev" }
}

moved {
  from = mongodbatlas_serverless_instance.s
  to   = mongodbatlas_flex_cluster.s
}
`
	w.Write(t, "main.tf", []byte(moved))
	env.Sim.ResetRequests()
	_, out := w.Plan(t)
	if !strings.Contains(out, "mongodbatlas_serverless_instance.s has moved to mongodbatlas_flex_cluster.s") ||
		!strings.Contains(out, "Plan: 0 to add, 0 to change, 0 to destroy.") {
		t.Fatalf("the move plans a change:\n%s", out)
	}
	w.MustRun(t, "apply", "-no-color", "-input=false", "adopt.tfplan")
	assertIdentity(t, w, "mongodbatlas_flex_cluster.s", p.ID, "official-serverless")
	assertIdentity(t, w, "mongodbatlas_flex_cluster.f", p.ID, "official-flex")
	assertNoPlannedChange(t, w)
	if got := writes(env); len(got) > 0 {
		t.Errorf("the move wrote to Atlas: %v", got)
	}
}

func assertIdentity(t *testing.T, w *acctest.Workspace, address, projectID, name string) {
	t.Helper()
	id := w.Identities(t)[address]
	if id["project_id"] != projectID || id["name"] != name || len(id) != 2 {
		t.Errorf("%s: identity %v, want project_id %s and name %s", address, id, projectID, name)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func assertNoPlannedChange(t *testing.T, w *acctest.Workspace) {
	t.Helper()
	if out, err := w.Run("plan", "-no-color", "-input=false", "-detailed-exitcode"); err != nil || !strings.Contains(out, "No changes.") {
		t.Fatalf("the plan is not empty (%v):\n%s", err, out)
	}
}
