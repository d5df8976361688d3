package project_test

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/reliability"
)

const faultyName = "faulty-project"

// projectSubject describes mongodbatlas_project to the fault matrix; the
// update changes the project's tags (PATCH /groups/{id}).
func projectSubject() reliability.Subject {
	projectPath := "/api/atlas/v2/groups/*"
	return reliability.Subject{
		Address: addr,
		Config: func(env *acctest.Env, kind string, updated bool, extra string) string {
			tags := `{ env = "dev" }`
			if updated {
				tags = `{ env = "prod", team = "data" }`
			}
			return env.ProviderConfig(kind) + fmt.Sprintf(`
resource "mongodbatlas_project" "test" {
  name   = %q
  org_id = %q
  tags   = %s
  # A configured setting makes a refresh read the settings too: two requests,
  # which the expired-token case needs to show one token serving several.
  is_data_explorer_enabled = true
%s
}
`, faultyName, env.OrgID, tags, extra)
		},
		Targets: map[reliability.Operation]reliability.Target{
			reliability.Create: {Method: "POST", Path: "/api/atlas/v2/groups"},
			reliability.Read:   {Method: "GET", Path: projectPath},
			reliability.Update: {Method: "PATCH", Path: projectPath},
			reliability.Delete: {Method: "DELETE", Path: projectPath},
		},
		Consistent: reliability.SameProjects,
		Stored:     func(env *acctest.Env) int { return len(env.Sim.Projects()) },
		Updated: func(env *acctest.Env) error {
			for _, p := range env.Sim.Projects() {
				if len(p.Tags) == 2 {
					return nil
				}
			}
			return fmt.Errorf("the simulator does not hold the updated tags")
		},
	}
}

func projectFailures(op reliability.Operation, cause string) *regexp.Regexp {
	id := `[0-9a-f]{24}`
	advice := `.*` + reliability.Words("run the same command again")
	switch op {
	case reliability.Read:
		return regexp.MustCompile(`(?s)` + reliability.Words("Reading project") + `\s+` + id + `\s+failed.*` + cause + advice)
	case reliability.Update:
		return regexp.MustCompile(`(?s)` + reliability.Words(`Updating project "`+faultyName+`"`) + `\s+\(` + id + `\)\s+` +
			reliability.Words("failed while changing its name or tags") + `.*` + cause + advice)
	}
	return regexp.MustCompile(`(?s)` + reliability.Words(`Deleting project "`+faultyName+`"`) + `\s+\(` + id + `\)\s+failed.*` + cause + advice)
}

func TestAccProject_faults(t *testing.T) {
	s := projectSubject()
	cases := reliability.StandardCases(s, projectFailures)
	cases = append(cases,
		// Creating and updating a project are synchronous. Its delete waits
		// while Atlas refuses it because a deployment is still being deleted:
		// here longer than timeouts.delete. The project stays in state, and
		// once the timeout is raised the destroy waits it out. The cluster
		// starts leaving right before the destroy and takes 20 s, far more
		// than the destroy's 2 s wait plus the CLI's start-up on a busy machine.
		reliability.Case{Op: reliability.Delete, Fault: "slow_async",
			EnvOptions: []func(*atlassim.Options){acctest.WithTransition(20 * time.Second)},
			Extra:      `  timeouts = { delete = "2s" }`,
			Setup: func(env *acctest.Env) error {
				projects := env.Sim.Projects()
				if len(projects) != 1 {
					return fmt.Errorf("%d projects in the simulator, want 1", len(projects))
				}
				id := projects[0].ID
				if err := env.Sim.SeedCluster(id, "leaving"); err != nil {
					return err
				}
				if !env.Sim.DeleteClusterOutOfBand(id, "leaving") {
					return fmt.Errorf("could not start deleting the cluster")
				}
				return nil
			},
			WantError: regexp.MustCompile(`(?s)` + reliability.Words("Atlas kept refusing the deletion for 2s because the project still holds resources that are being removed") +
				`.*CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS.*` + reliability.Words("Wait until they are gone and run terraform destroy again, or raise timeouts.delete.")),
			StoredAfterFailure: 1,
			Recovery:           plancheck.ResourceActionUpdate, // timeouts.delete raised; the final destroy then waits
		},
	)
	reliability.Run(t, s, cases)
}
