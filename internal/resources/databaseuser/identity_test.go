package databaseuser_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
)

// A database user's identity is {project_id, username, auth_database_name}:
// set on create, unchanged by an update and a refresh, and an import block by
// identity plans no change. The user authenticates with x509, so the
// configuration holds no password, which Atlas never returns and an import
// could not restore.
func TestAccDatabaseUser_identity(t *testing.T) {
	env := acctest.NewEnv(t)
	user := func(role string) string {
		return userConfig(env, "CN=identity,OU=apps", "$external", `  x509_type = "CUSTOMER"
  roles {
    role_name     = "`+role+`"
    database_name = "shop"
  }`)
	}
	identity := []statecheck.StateCheck{
		statecheck.ExpectIdentity(addr, map[string]knownvalue.Check{
			"project_id":         knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{24}$`)),
			"username":           knownvalue.StringExact("CN=identity,OU=apps"),
			"auth_database_name": knownvalue.StringExact("$external"),
		}),
		statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New("project_id")),
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{acctest.SkipUnlessTerraform(acctest.Terraform1_12)},
		Steps: []resource.TestStep{
			{Config: user("read"), ConfigStateChecks: identity},
			{
				Config: user("readWrite"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: identity,
			},
			{
				Config:            user("readWrite"),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: identity,
			},
			{
				Config:          user("readWrite"),
				ResourceName:    addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
				}},
			},
		},
	})
}

// An identity with an authentication database Atlas does not have is refused
// with the values it may take.
func TestAccDatabaseUser_importByIdentityInvalid(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{acctest.SkipUnlessTerraform(acctest.Terraform1_12)},
		Steps: []resource.TestStep{{
			Config: userConfig(env, "app", "admin", `  password = "secret-pass"`+readWriteRole) + `
import {
  to       = mongodbatlas_database_user.test
  identity = {
    project_id         = "5f1e2d3c4b5a697887766554"
    username           = "app"
    auth_database_name = "shop"
  }
}
`,
			ExpectError: regexp.MustCompile(`identity.auth_database_name must be admin or \$external. Got "shop"`),
		}},
	})
}
