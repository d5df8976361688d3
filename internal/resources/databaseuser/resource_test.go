package databaseuser_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

const addr = "mongodbatlas_database_user.test"

// userConfig is a project plus one database user; body goes inside the user block.
func userConfig(env *acctest.Env, username, authDB, body string) string {
	return env.Config(fmt.Sprintf(`
resource "mongodbatlas_project" "test" {
  name   = "users-project"
  org_id = %q
}

resource "mongodbatlas_database_user" "test" {
  project_id         = mongodbatlas_project.test.id
  username           = %q
  auth_database_name = %q
%s
}
`, env.OrgID, username, authDB, body))
}

const readWriteRole = `
  roles {
    role_name     = "readWrite"
    database_name = "shop"
  }`

func projectID(s *terraform.State) string {
	return s.RootModule().Resources["mongodbatlas_project.test"].Primary.ID
}

func checkSimUser(env *acctest.Env, db, username string, f func(atlassim.DatabaseUserSnapshot) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		u, ok := env.Sim.DatabaseUser(projectID(s), db, username)
		if !ok {
			return fmt.Errorf("user %s/%s is not in the simulator", db, username)
		}
		return f(u)
	}
}

func checkPassword(env *acctest.Env, username, password string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		if !env.Sim.CheckDatabaseUserPassword(projectID(s), "admin", username, password) {
			return fmt.Errorf("user %s cannot log in with %q", username, password)
		}
		return nil
	}
}

func TestAccDatabaseUser_basic(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := userConfig(env, "app-user", "admin", `  password_wo         = "first-password"
  password_wo_version = 1
  description         = "the shop application"`+readWriteRole+`
  roles {
    role_name       = "read"
    database_name   = "reports"
    collection_name = "daily"
  }
  scopes {
    name = "Cluster0"
    type = "CLUSTER"
  }
  labels {
    key   = "team"
    value = "data"
  }`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		CheckDestroy: func(*terraform.State) error {
			for _, p := range env.Sim.Projects() {
				if n := len(env.Sim.DatabaseUsers(p.ID)); n != 0 {
					return fmt.Errorf("%d users left after destroy", n)
				}
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("password_wo"), knownvalue.Null()),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("password_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("password"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("x509_type"), knownvalue.StringExact("NONE")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("aws_iam_type"), knownvalue.StringExact("NONE")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("ldap_auth_type"), knownvalue.StringExact("NONE")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("oidc_auth_type"), knownvalue.StringExact("NONE")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("roles"), knownvalue.SetSizeExact(2)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("scopes"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{"name": knownvalue.StringExact("Cluster0"), "type": knownvalue.StringExact("CLUSTER")}),
					})),
					// The official provider's id encoding, so configurations that read it keep working.
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(
						`^YXV0aF9kYXRhYmFzZV9uYW1l:YWRtaW4=-cHJvamVjdF9pZA==:[A-Za-z0-9+/=]+-dXNlcm5hbWU=:YXBwLXVzZXI=$`))),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkPassword(env, "app-user", "first-password"),
					checkSimUser(env, "admin", "app-user", func(u atlassim.DatabaseUserSnapshot) error {
						if len(u.Roles) != 2 || len(u.Scopes) != 1 || len(u.Labels) != 1 || u.Description != "the shop application" {
							return fmt.Errorf("simulator user %+v", u)
						}
						return nil
					}),
					// The write-only password is nowhere in the state.
					func(s *terraform.State) error {
						for k, v := range s.RootModule().Resources[addr].Primary.Attributes {
							if strings.Contains(v, "first-password") {
								return fmt.Errorf("state attribute %s holds the password", k)
							}
						}
						return nil
					},
				),
			},
			{
				Config: cfg + `
data "mongodbatlas_database_user" "one" {
  project_id         = mongodbatlas_database_user.test.project_id
  username           = mongodbatlas_database_user.test.username
  auth_database_name = "admin"
}

data "mongodbatlas_database_users" "all" {
  project_id = mongodbatlas_database_user.test.project_id
}
`,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttrPair("data.mongodbatlas_database_user.one", "id", addr, "id"),
					resource.TestCheckResourceAttr("data.mongodbatlas_database_user.one", "roles.#", "2"),
					resource.TestCheckResourceAttr("data.mongodbatlas_database_user.one", "labels.0.key", "team"),
					resource.TestCheckResourceAttr("data.mongodbatlas_database_user.one", "description", "the shop application"),
					resource.TestCheckResourceAttr("data.mongodbatlas_database_users.all", "results.#", "1"),
					resource.TestCheckResourceAttr("data.mongodbatlas_database_users.all", "results.0.username", "app-user"),
					resource.TestCheckResourceAttr("data.mongodbatlas_database_users.all", "results.0.scopes.#", "1"),
					resource.TestCheckResourceAttrPair("data.mongodbatlas_database_users.all", "id", addr, "project_id"),
				),
			},
		},
	})
}

func TestAccDatabaseUser_update(t *testing.T) {
	env := acctest.NewEnv(t)
	wo := func(password string, version int, extra string) string {
		return userConfig(env, "rotating", "admin", fmt.Sprintf(`  password_wo         = %q
  password_wo_version = %d%s%s`, password, version, readWriteRole, extra))
	}
	passwordChanges := func(want int) resource.TestCheckFunc {
		return checkSimUser(env, "admin", "rotating", func(u atlassim.DatabaseUserSnapshot) error {
			if u.PasswordChanges != want {
				return fmt.Errorf("password changed %d times, want %d", u.PasswordChanges, want)
			}
			return nil
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: wo("password-one", 1, ""), Check: checkPassword(env, "rotating", "password-one")},
			{
				// A new write-only value alone changes nothing: Terraform cannot see it.
				Config:             wo("password-two", 1, ""),
				PlanOnly:           true,
				ExpectNonEmptyPlan: false,
			},
			{
				// A new version sends the new password, and the plan shows only the version.
				Config: wo("password-two", 2, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					acctest.ChangedAttributes(addr, "password_wo_version"),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(checkPassword(env, "rotating", "password-two"), passwordChanges(1)),
			},
			{
				// Roles, scopes, labels and description change in place without touching the password.
				Config: wo("password-two", 2, `
  roles {
    role_name     = "readAnyDatabase"
    database_name = "admin"
  }
  scopes {
    name = "Cluster1"
    type = "CLUSTER"
  }
  labels {
    key   = "env"
    value = "prod"
  }
  description = "rotated"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					acctest.ChangedAttributes(addr, "roles", "scopes", "labels", "description"),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					passwordChanges(1),
					checkSimUser(env, "admin", "rotating", func(u atlassim.DatabaseUserSnapshot) error {
						if len(u.Roles) != 2 || len(u.Scopes) != 1 || u.Scopes[0].Name != "Cluster1" || u.Description != "rotated" {
							return fmt.Errorf("simulator user %+v", u)
						}
						return nil
					}),
				),
			},
			{
				// Removing them clears them in Atlas.
				Config: wo("password-two", 2, ""),
				Check: checkSimUser(env, "admin", "rotating", func(u atlassim.DatabaseUserSnapshot) error {
					if len(u.Roles) != 1 || len(u.Scopes) != 0 || len(u.Labels) != 0 || u.Description != "" {
						return fmt.Errorf("simulator user %+v", u)
					}
					return nil
				}),
			},
			{
				// The classic password attribute: in state (sensitive), sent when it changes.
				Config: userConfig(env, "rotating", "admin", `  password = "password-three"`+readWriteRole),
				Check:  resource.ComposeAggregateTestCheckFunc(checkPassword(env, "rotating", "password-three"), passwordChanges(2)),
			},
			{
				// A new user name replaces the user.
				Config: userConfig(env, "renamed", "admin", `  password = "password-three"`+readWriteRole),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: func(s *terraform.State) error {
					users := env.Sim.DatabaseUsers(projectID(s))
					if len(users) != 1 || users[0].Username != "renamed" {
						return fmt.Errorf("simulator users %+v", users)
					}
					return nil
				},
			},
		},
	})
}

func TestAccDatabaseUser_authenticationKinds(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := env.Config(fmt.Sprintf(`
resource "mongodbatlas_project" "test" {
  name   = "auth-kinds"
  org_id = %q
}

resource "mongodbatlas_database_user" "x509" {
  project_id         = mongodbatlas_project.test.id
  username           = "CN=app,OU=eng"
  auth_database_name = "$external"
  x509_type          = "CUSTOMER"
  roles {
    role_name     = "read"
    database_name = "shop"
  }
}

resource "mongodbatlas_database_user" "iam" {
  project_id         = mongodbatlas_project.test.id
  username           = "arn:aws:iam::123456789012:role/app"
  auth_database_name = "$external"
  aws_iam_type       = "ROLE"
  roles {
    role_name     = "readWriteAnyDatabase"
    database_name = "admin"
  }
}

resource "mongodbatlas_database_user" "ldap" {
  project_id         = mongodbatlas_project.test.id
  username           = "CN=analysts,DC=example,DC=com"
  auth_database_name = "$external"
  ldap_auth_type     = "GROUP"
  roles {
    role_name     = "read"
    database_name = "reports"
  }
}

resource "mongodbatlas_database_user" "oidc" {
  project_id         = mongodbatlas_project.test.id
  username           = "0oa1idp/engineers"
  auth_database_name = "admin"
  oidc_auth_type     = "IDP_GROUP"
  roles {
    role_name     = "readAnyDatabase"
    database_name = "admin"
  }
}
`, env.OrgID))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(s *terraform.State) error {
					if n := len(env.Sim.DatabaseUsers(projectID(s))); n != 4 {
						return fmt.Errorf("%d users in the simulator", n)
					}
					return nil
				},
			},
			{
				// The OIDC user name holds a slash, and still imports.
				Config:            cfg,
				ResourceName:      "mongodbatlas_database_user.oidc",
				ImportState:       true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) { return projectID(s) + "-0oa1idp/engineers-admin", nil },
				ImportStateVerify: true,
			},
		},
	})
}

func TestAccDatabaseUser_import(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := userConfig(env, "imported-user", "admin", `  password = "imported-pass"
  description = "imported"`+readWriteRole+`
  labels {
    key   = "team"
    value = "data"
  }`)
	importID := func(s *terraform.State) (string, error) { return projectID(s) + "-imported-user-admin", nil }
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				Config:                  cfg,
				ResourceName:            addr,
				ImportState:             true,
				ImportStateIdFunc:       importID,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"password"}, // Atlas never returns it
			},
			{
				Config:        cfg,
				ResourceName:  addr,
				ImportState:   true,
				ImportStateId: "imported-user-admin",
				ExpectError:   regexp.MustCompile(`(?s)must be\s+\{project_id\}-\{username\}-\{auth_database_name\}`),
			},
		},
	})
}

func TestAccDatabaseUser_disappears(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: userConfig(env, "vanishing", "admin", `  password = "vanishing-pass"`+readWriteRole),
			Check: func(s *terraform.State) error {
				if !env.Sim.DeleteDatabaseUserOutOfBand(projectID(s), "admin", "vanishing") {
					return fmt.Errorf("could not delete the user out of band")
				}
				return nil
			},
			ExpectNonEmptyPlan: true,
		}},
	})
}

func TestAccDatabaseUser_lostCreateResponse(t *testing.T) {
	env := acctest.NewEnv(t)
	env.Sim.AddFault(atlassim.Fault{Method: "POST", Path: "/api/atlas/v2/groups/*/databaseUsers", Count: 1, DropResponse: true})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: userConfig(env, "adopted", "admin", `  password = "adopted-pass"`+readWriteRole),
			Check: func(s *terraform.State) error {
				if n := env.CountRequests("POST", "/api/atlas/v2/groups/"+projectID(s)+"/databaseUsers"); n != 1 {
					return fmt.Errorf("POST databaseUsers sent %d times, want exactly once", n)
				}
				if users := env.Sim.DatabaseUsers(projectID(s)); len(users) != 1 {
					return fmt.Errorf("%d users in the simulator, want 1", len(users))
				}
				return nil
			},
		}},
	})
}

func TestAccDatabaseUser_badInput(t *testing.T) {
	env := acctest.NewEnv(t)
	cases := []struct{ name, cfg, want string }{
		{"auth database", userConfig(env, "u", "local", `  password = "password1"`+readWriteRole), `(?s)auth_database_name.*value must be one of`},
		{"x509 in admin", userConfig(env, "CN=u", "admin", `  x509_type = "CUSTOMER"`+readWriteRole), `(?s)auth_database_name = "\$external"`},
		{"scram without password", userConfig(env, "u", "admin", readWriteRole), `(?s)Password required.*password_wo`},
		{"password for iam", userConfig(env, "arn:aws:iam::123456789012:user/u", "$external", `  aws_iam_type = "USER"
  password = "password1"`+readWriteRole), `(?s)Password not allowed`},
		{"two kinds", userConfig(env, "CN=u", "$external", `  x509_type = "CUSTOMER"
  ldap_auth_type = "USER"`+readWriteRole), `(?s)Only one authentication kind`},
		{"short password", userConfig(env, "u", "admin", `  password = "short"`+readWriteRole), `(?s)password.*at least 8`},
		{"both passwords", userConfig(env, "u", "admin", `  password = "password1"
  password_wo = "password2"`+readWriteRole), `(?s)"password_wo" cannot be specified when "password" is specified`},
		{"no roles", userConfig(env, "u", "admin", `  password = "password1"`), `(?s)At least one role.*roles block`},
		{"scope type", userConfig(env, "u", "admin", `  password = "password1"`+readWriteRole+`
  scopes {
    name = "c0"
    type = "SERVER"
  }`), `(?s)scopes.*type value must be one\s+of: \["CLUSTER" "DATA_LAKE" "STREAM"\], got: "SERVER"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				Steps:                    []resource.TestStep{{Config: tc.cfg, PlanOnly: true, ExpectError: regexp.MustCompile(tc.want)}},
			})
		})
	}
	// A role Atlas refuses is reported with Atlas's explanation, naming the role.
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: userConfig(env, "u", "admin", `  password = "password1"
  roles {
    role_name     = "atlasAdmin"
    database_name = "shop"
  }`),
			ExpectError: regexp.MustCompile(`(?s)Creating database user "u".*atlasAdmin can only be granted on the admin\s+database`),
		}},
	})
}
