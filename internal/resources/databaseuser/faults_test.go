package databaseuser_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/reliability"
)

const faultyUser = "faulty-user"

// userSubject describes mongodbatlas_database_user to the fault matrix: a
// project and one user; the update changes the user's roles.
func userSubject() reliability.Subject {
	userPath := "/api/atlas/v2/groups/*/databaseUsers/admin/" + faultyUser
	return reliability.Subject{
		Address: addr,
		Config: func(env *acctest.Env, kind string, updated bool, extra string) string {
			role := readWriteRole
			if updated {
				role = `
  roles {
    role_name     = "readAnyDatabase"
    database_name = "admin"
  }`
			}
			return env.ProviderConfig(kind) + fmt.Sprintf(`
resource "mongodbatlas_project" "test" {
  name   = "users-project"
  org_id = %q
}

resource "mongodbatlas_database_user" "test" {
  project_id         = mongodbatlas_project.test.id
  username           = %q
  auth_database_name = "admin"
  password           = "faulty-password"
%s
%s
}
`, env.OrgID, faultyUser, role, extra)
		},
		Targets: map[reliability.Operation]reliability.Target{
			reliability.Create: {Method: "POST", Path: "/api/atlas/v2/groups/*/databaseUsers"},
			reliability.Read:   {Method: "GET", Path: userPath},
			reliability.Update: {Method: "PATCH", Path: userPath},
			reliability.Delete: {Method: "DELETE", Path: userPath},
		},
		Consistent: reliability.All(reliability.SameProjects,
			reliability.SameKeys("mongodbatlas_database_user", func(attrs map[string]string) string {
				return attrs["project_id"] + "/" + attrs["auth_database_name"] + "/" + attrs["username"]
			}, func(env *acctest.Env) ([]string, error) {
				var keys []string
				for _, p := range env.Sim.Projects() {
					for _, u := range env.Sim.DatabaseUsers(p.ID) {
						keys = append(keys, p.ID+"/"+u.DatabaseName+"/"+u.Username)
					}
				}
				return keys, nil
			})),
		Stored: func(env *acctest.Env) int {
			n := 0
			for _, p := range env.Sim.Projects() {
				n += len(env.Sim.DatabaseUsers(p.ID))
			}
			return n
		},
		Updated: func(env *acctest.Env) error {
			for _, p := range env.Sim.Projects() {
				if u, ok := env.Sim.DatabaseUser(p.ID, "admin", faultyUser); ok && len(u.Roles) == 1 && u.Roles[0].RoleName == "readAnyDatabase" {
					return nil
				}
			}
			return fmt.Errorf("the simulator does not hold the updated roles")
		},
	}
}

func userFailures(op reliability.Operation, cause string) *regexp.Regexp {
	verb := map[reliability.Operation]string{
		reliability.Read: "Reading", reliability.Update: "Updating", reliability.Delete: "Deleting",
	}[op]
	return regexp.MustCompile(`(?s)` + reliability.Words(verb+` database user "`+faultyUser+`"`) + `.*` + cause + `.*` +
		reliability.Words("run the same command again"))
}

func TestAccDatabaseUser_faults(t *testing.T) {
	s := userSubject()
	reliability.Run(t, s, reliability.StandardCases(s, userFailures))
}
