package provider_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
)

// exampleSets are the configurations under examples/ that run together; each
// set is applied, planned (no changes expected) and destroyed against a simulator.
// A set whose name has steps in exampleSteps runs them in order instead.
var exampleSets = map[string][]string{
	"quickstart": {"quickstart/main.tf"},
	"provider":   {"provider/provider.tf", "resources/mongodbatlas_project/resource.tf"},
	"project": {
		"resources/mongodbatlas_project/resource.tf",
		"data-sources/mongodbatlas_project/data-source.tf",
		"data-sources/mongodbatlas_projects/data-source.tf",
	},
	"flex_cluster": {
		"resources/mongodbatlas_project/resource.tf",
		"resources/mongodbatlas_flex_cluster/resource.tf",
		"data-sources/mongodbatlas_flex_cluster/data-source.tf",
		"data-sources/mongodbatlas_flex_clusters/data-source.tf",
	},
	"database_user": {
		"resources/mongodbatlas_project/resource.tf",
		"resources/mongodbatlas_database_user/resource.tf",
		"data-sources/mongodbatlas_database_user/data-source.tf",
		"data-sources/mongodbatlas_database_users/data-source.tf",
	},
	"project_ip_access_list": {
		"resources/mongodbatlas_project/resource.tf",
		"resources/mongodbatlas_project_ip_access_list/resource.tf",
		"data-sources/mongodbatlas_project_ip_access_list/data-source.tf",
		"data-sources/mongodbatlas_project_ip_access_lists/data-source.tf",
	},
	"cloud_manager_project": {
		"resources/mongodbatlas_cloud_manager_project/resource.tf",
		"data-sources/mongodbatlas_cloud_manager_project/data-source.tf",
	},
	"serverless_instance": {
		"resources/mongodbatlas_project/resource.tf",
		"resources/mongodbatlas_serverless_instance/resource.tf",
		"data-sources/mongodbatlas_serverless_instance/data-source.tf",
		"data-sources/mongodbatlas_serverless_instances/data-source.tf",
	},
}

// exampleSteps are examples that only make sense after another one: the
// serverless-to-flex guide moves the serverless example's instance.
var exampleSteps = map[string][]string{
	"serverless_instance": {"resources/mongodbatlas_project/resource.tf", "serverless-to-flex/main.tf"},
}

// examplesRunElsewhere start from a state another provider wrote, so a test
// of their own runs them.
var examplesRunElsewhere = map[string]string{
	"bring-existing-projects/main.tf":                                     "TestAccGuide_bringExistingProjects",
	"adopting/main.tf":                                                    "TestAccAdopting_resourceByResource",
	"modules/flex-app/main.tf":                                            "TestAccExampleModule_terraformTest",
	"modules/flex-app/variables.tf":                                       "TestAccExampleModule_terraformTest",
	"modules/flex-app/outputs.tf":                                         "TestAccExampleModule_terraformTest",
	"modules/flex-app/versions.tf":                                        "TestAccExampleModule_terraformTest",
	"resources/mongodbatlas_flex_cluster/import-by-identity.tf":           "TestAccFlexCluster_query",
	"resources/mongodbatlas_serverless_instance/import-by-identity.tf":    "TestAccServerlessInstance_query",
	"resources/mongodbatlas_project/import-by-identity.tf":                "TestAccExamples_importByIdentity",
	"resources/mongodbatlas_cloud_manager_project/import-by-identity.tf":  "TestAccExamples_importByIdentity",
	"resources/mongodbatlas_database_user/import-by-identity.tf":          "TestAccExamples_importByIdentity",
	"resources/mongodbatlas_project_ip_access_list/import-by-identity.tf": "TestAccExamples_importByIdentity",
}

func TestAccExamples(t *testing.T) {
	covered := map[string]bool{}
	for f := range examplesRunElsewhere {
		covered[f] = true
	}
	for name, files := range exampleSets {
		configs := []string{exampleConfig(t, files, covered)}
		if next, ok := exampleSteps[name]; ok {
			configs = append(configs, exampleConfig(t, next, covered))
		}
		t.Run(name, func(t *testing.T) {
			env := acctest.NewEnv(t)
			var steps []resource.TestStep
			for _, body := range configs {
				steps = append(steps, resource.TestStep{
					Config:          env.Config("variable \"org_id\" {\n  type = string\n}\n" + body),
					ConfigVariables: config.Variables{"org_id": config.StringVariable(env.OrgID)},
				})
			}
			resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProviderFactories(), Steps: steps})
		})
	}
	// Every example file must belong to a set, so none can rot unnoticed.
	err := filepath.WalkDir(acctest.RepoPath("examples"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".tf" {
			return err
		}
		rel, _ := filepath.Rel(acctest.RepoPath("examples"), path)
		if !covered[filepath.ToSlash(rel)] {
			t.Errorf("examples/%s is not run by TestAccExamples: add it to exampleSets", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// exampleConfig concatenates example files, without their own terraform,
// provider and org_id variable blocks, and marks them covered.
func exampleConfig(t *testing.T, files []string, covered map[string]bool) string {
	var body strings.Builder
	for _, f := range files {
		covered[f] = true
		src, err := os.ReadFile(acctest.RepoPath("examples", f))
		if err != nil {
			t.Fatal(err)
		}
		body.WriteString(withoutBlocks(string(src), `terraform {`, `provider "mongodbatlas" {`, `variable "org_id" {`))
		body.WriteString("\n")
	}
	return body.String()
}

// withoutBlocks removes top-level blocks that start with one of the headers,
// so that an example's own terraform/provider/variable blocks do not clash with
// the test's provider configuration.
func withoutBlocks(src string, headers ...string) string {
	var out strings.Builder
	lines := strings.Split(src, "\n")
	for i := 0; i < len(lines); i++ {
		skip := false
		for _, h := range headers {
			if strings.HasPrefix(lines[i], h) {
				skip = true
			}
		}
		if !skip {
			out.WriteString(lines[i] + "\n")
			continue
		}
		depth := 0
		for ; i < len(lines); i++ {
			depth += strings.Count(lines[i], "{") - strings.Count(lines[i], "}")
			if depth == 0 {
				break
			}
		}
	}
	return out.String()
}
