// Package bench holds the benchmark configurations that `make bench` runs at
// sizes 1 and 50 (scripts/bench.sh, bench/driver). This test applies each of
// them at size 1 against a simulator, so they keep working as the provider
// changes; it measures nothing.
package bench_test

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

func TestMain(m *testing.M) { acctest.Main(m) }

// benchConfigs are the directories under bench/ with a main.tf, and the
// resource address each creates. The serverless runs use a world date in the
// serverless API era, as the driver does by default.
var benchConfigs = map[string]string{
	"project":             "mongodbatlas_project.bench.0",
	"flexcluster":         "mongodbatlas_flex_cluster.bench.0",
	"serverlessinstance":  "mongodbatlas_serverless_instance.bench.0",
	"databaseuser":        "mongodbatlas_database_user.bench.0",
	"projectipaccesslist": "mongodbatlas_project_ip_access_list.bench.0",
}

func TestAccBenchConfigsAtSizeOne(t *testing.T) {
	entries, err := os.ReadDir(acctest.RepoPath("bench"))
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, e := range entries {
		if _, err := os.Stat(acctest.RepoPath("bench", e.Name(), "main.tf")); e.IsDir() && err == nil {
			dirs = append(dirs, e.Name())
		}
	}
	for name := range benchConfigs {
		if !slices.Contains(dirs, name) {
			t.Errorf("bench/%s/main.tf is missing", name)
		}
	}
	for _, dir := range dirs {
		address, known := benchConfigs[dir]
		if !known {
			t.Errorf("bench/%s/main.tf is not run by this test: add it to benchConfigs", dir)
			continue
		}
		t.Run(dir, func(t *testing.T) {
			var opts []func(*atlassim.Options)
			if dir == "serverlessinstance" {
				opts = append(opts, acctest.WithWorldDate("2024-12-01"))
			}
			env := acctest.NewEnv(t, opts...)
			src, err := os.ReadFile(acctest.RepoPath("bench", dir, "main.tf"))
			if err != nil {
				t.Fatal(err)
			}
			vars := config.Variables{"size": config.IntegerVariable(1)}
			if strings.Contains(string(src), `variable "org_id"`) {
				vars["org_id"] = config.StringVariable(env.OrgID)
			}
			if strings.Contains(string(src), `variable "project_id"`) {
				vars["project_id"] = config.StringVariable(fixtureProject(t, env))
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				Steps: []resource.TestStep{{
					Config:          env.Config(withoutBlocks(string(src), `terraform {`, `provider "mongodbatlas" {`)),
					ConfigVariables: vars,
					Check:           resource.TestCheckResourceAttrSet(address, "id"),
				}},
			})
		})
	}
}

// fixtureProject creates the project the flex and serverless configurations
// expect, as the driver does: through the API, not through Terraform.
func fixtureProject(t *testing.T, env *acctest.Env) string {
	t.Helper()
	client, err := atlas.NewClient(atlas.Config{
		BaseURL: env.URL, CloudManagerBaseURL: env.URL,
		Credentials: atlas.Credentials{PublicKey: atlassim.DefaultPublicKey, PrivateKey: atlassim.DefaultPrivateKey},
	})
	if err != nil {
		t.Fatal(err)
	}
	p, err := client.CreateProject(context.Background(), atlas.ProjectCreate{Name: "bench-fixture", OrgID: env.OrgID})
	if err != nil {
		t.Fatal(err)
	}
	return p.ID
}

// withoutBlocks drops the top-level blocks that start with one of the
// headers (the configurations' own terraform and provider blocks, which the
// test's provider block replaces).
func withoutBlocks(src string, headers ...string) string {
	var out strings.Builder
	lines := strings.Split(src, "\n")
	for i := 0; i < len(lines); i++ {
		if !slices.ContainsFunc(headers, func(h string) bool { return strings.HasPrefix(lines[i], h) }) {
			out.WriteString(lines[i] + "\n")
			continue
		}
		for depth := 0; i < len(lines); i++ {
			depth += strings.Count(lines[i], "{") - strings.Count(lines[i], "}")
			if depth == 0 {
				break
			}
		}
	}
	return out.String()
}
