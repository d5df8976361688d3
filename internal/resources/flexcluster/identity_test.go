package flexcluster_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

// identityChecks: the identity is {project_id, name}, the same values as the state's.
func identityChecks(name string) []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectIdentity(addr, map[string]knownvalue.Check{
			"project_id": knownvalue.StringRegexp(regexp.MustCompile(`^[a-f0-9]{24}$`)),
			"name":       knownvalue.StringExact(name),
		}),
		statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New("project_id")),
		statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New("name")),
	}
}

// The identity is set on create, kept by an update and a refresh, and an
// import block by identity (Terraform 1.12+) imports the cluster with no change
// planned, also from a configuration Terraform generates.
func TestAccFlexCluster_identity(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{acctest.SkipUnlessTerraform(acctest.Terraform1_12)},
		Steps: []resource.TestStep{
			{
				Config:            flexConfig(env, "identity-flex", "US_EAST_1", `  tags = { env = "dev" }`),
				ConfigStateChecks: identityChecks("identity-flex"),
			},
			{
				Config:            flexConfig(env, "identity-flex", "US_EAST_1", `  tags = { env = "prod" }`),
				ConfigStateChecks: identityChecks("identity-flex"),
			},
			{RefreshState: true},
			{
				Config:            flexConfig(env, "identity-flex", "US_EAST_1", `  tags = { env = "prod" }`),
				ConfigStateChecks: identityChecks("identity-flex"),
			},
			{
				// The test framework writes import { to = ..., identity = { project_id, name } }
				// from the state's identity, and fails unless the import plans no change
				// and gives the same identity.
				Config:          flexConfig(env, "identity-flex", "US_EAST_1", `  tags = { env = "prod" }`),
				ResourceName:    addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
			{
				Config:          flexConfig(env, "identity-flex", "US_EAST_1", `  tags = { env = "prod" }`),
				ResourceName:    addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
				GenerateConfig:  true,
			},
		},
	})
}

// Create saves the cluster, with its identity, before it waits: a create whose
// wait times out leaves a tainted cluster in the state that has its identity.
func TestAccFlexCluster_identityAfterFailedCreate(t *testing.T) {
	env := acctest.NewEnv(t, acctest.WithTransition(6*time.Second))
	w := acctest.NewWorkspace(t, env)
	w.SkipUnlessTerraform(t, acctest.Terraform1_12)
	p, err := newClient(t, env).CreateProject(context.Background(), atlas.ProjectCreate{Name: "slow-project", OrgID: env.OrgID})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(t, "main.tf", []byte(fmt.Sprintf(`terraform {
  required_providers {
    mongodbatlas = { source = "tfatlas/mongodbatlas" }
  }
}

resource "mongodbatlas_flex_cluster" "test" {
  project_id = %q
  name       = "slow-flex"
  provider_settings = {
    backing_provider_name = "AWS"
    region_name           = "US_EAST_1"
  }
  delete_on_create_timeout = false
  timeouts                 = { create = "1s" }
}
`, p.ID)))
	w.MustRun(t, "init", "-no-color", "-input=false")
	if out, err := w.Run("apply", "-auto-approve", "-no-color", "-input=false"); err == nil || !strings.Contains(out, "marked tainted") {
		t.Fatalf("the create did not fail with the cluster kept (%v):\n%s", err, out)
	}
	raw, err := os.ReadFile(filepath.Join(w.Dir, "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	var st struct {
		Resources []struct {
			Instances []struct {
				Status   string         `json:"status"`
				Identity map[string]any `json:"identity"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(raw, &st); err != nil || len(st.Resources) != 1 {
		t.Fatalf("state: %v\n%s", err, raw)
	}
	inst := st.Resources[0].Instances[0]
	if inst.Status != "tainted" || inst.Identity["project_id"] != p.ID || inst.Identity["name"] != "slow-flex" {
		t.Errorf("the kept cluster is %q with identity %v, want tainted with {%s, slow-flex}", inst.Status, inst.Identity, p.ID)
	}
}

func newClient(t *testing.T, env *acctest.Env) *atlas.Client {
	t.Helper()
	c, err := atlas.NewClient(atlas.Config{BaseURL: env.URL,
		Credentials: atlas.Credentials{PublicKey: atlassim.DefaultPublicKey, PrivateKey: atlassim.DefaultPrivateKey}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}
