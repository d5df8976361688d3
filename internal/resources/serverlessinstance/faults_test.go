package serverlessinstance_test

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

const faultyName = "faulty-serverless"

// serverlessSubject describes mongodbatlas_serverless_instance to the fault
// matrix. The world date is before 2025-02-01, when Atlas still made real
// serverless instances, so create, read, update and delete all go to the
// serverless API. (From 2025-02-01 Atlas makes a flex cluster and every call
// after the create goes to the flex API, whose faults
// TestAccFlexCluster_faults covers.)
func serverlessSubject() reliability.Subject {
	instancePath := "/api/atlas/v2/groups/*/serverless/*"
	return reliability.Subject{
		Address:     addr,
		CreateWaits: true,
		Config: func(env *acctest.Env, kind string, updated bool, extra string) string {
			tags := `
  tags {
    key   = "env"
    value = "dev"
  }`
			if updated {
				tags = `
  tags {
    key   = "env"
    value = "prod"
  }
  tags {
    key   = "team"
    value = "data"
  }`
			}
			return env.ProviderConfig(kind) + instanceBody(env, faultyName, tags+"\n"+extra)
		},
		Targets: map[reliability.Operation]reliability.Target{
			reliability.Create: {Method: "POST", Path: "/api/atlas/v2/groups/*/serverless"},
			reliability.Read:   {Method: "GET", Path: instancePath},
			reliability.Update: {Method: "PATCH", Path: instancePath},
			reliability.Delete: {Method: "DELETE", Path: instancePath},
		},
		// The simulator has no list of serverless instances: it is asked, for every
		// project, about the one name the matrix uses.
		Consistent: reliability.All(reliability.SameProjects,
			reliability.SameKeys("mongodbatlas_serverless_instance", reliability.ProjectAndName, func(env *acctest.Env) ([]string, error) {
				var keys []string
				for _, p := range env.Sim.Projects() {
					if si, ok := env.Sim.ServerlessInstance(p.ID, faultyName); ok {
						if si.Kind != atlassim.ServerlessKindServerless {
							return nil, fmt.Errorf("the simulator made a %s, want a real serverless instance", si.Kind)
						}
						keys = append(keys, p.ID+"/"+si.Name)
					}
				}
				return keys, nil
			})),
		Stored: func(env *acctest.Env) int {
			n := 0
			for _, p := range env.Sim.Projects() {
				if _, ok := env.Sim.ServerlessInstance(p.ID, faultyName); ok {
					n++
				}
			}
			return n
		},
		Updated: func(env *acctest.Env) error {
			for _, p := range env.Sim.Projects() {
				if si, ok := env.Sim.ServerlessInstance(p.ID, faultyName); ok && len(si.Tags) == 2 {
					return nil
				}
			}
			return fmt.Errorf("the simulator does not hold the updated tags")
		},
		EnvOptions: []func(*atlassim.Options){acctest.WithWorldDate("2024-11-01")},
	}
}

func serverlessFailures(op reliability.Operation, cause string) *regexp.Regexp {
	verb := map[reliability.Operation]string{
		reliability.Read: "Reading", reliability.Update: "Updating", reliability.Delete: "Deleting",
	}[op]
	pattern := `(?s)` + reliability.Words(verb+` serverless instance "`+faultyName+`" in project`) + `\s+\w+\s+failed.*` + cause
	return regexp.MustCompile(pattern + `.*` + reliability.Words("run the same command again"))
}

func TestAccServerlessInstance_faults(t *testing.T) {
	s := serverlessSubject()
	cases := reliability.StandardCases(s, serverlessFailures)
	cases = append(cases,
		reliability.Case{Op: reliability.Create, Fault: "slow_async",
			EnvOptions: []func(*atlassim.Options){acctest.WithTransition(3 * time.Second)},
			Extra:      `  timeouts = { create = "1s" }`,
			WantError: regexp.MustCompile(`(?s)` + reliability.Words(`Serverless instance "`+faultyName+`" in project`) + `\s+\w+\s+` +
				reliability.Words("did not become ready") + `.*timed out after.*` +
				reliability.Words("The instance is kept in the Terraform state and marked tainted; the next apply replaces it.")),
			StoredAfterFailure: 1,
			Recovery:           plancheck.ResourceActionDestroyBeforeCreate,
		},
		reliability.Case{Op: reliability.Update, Fault: "slow_async",
			EnvOptions: []func(*atlassim.Options){acctest.WithTransition(3 * time.Second)},
			Extra:      `  timeouts = { update = "1s" }`,
			WantError: regexp.MustCompile(`(?s)` + reliability.Words(`Serverless instance "`+faultyName+`" did not finish updating`) + `.*` +
				reliability.Words("Atlas accepted the change; apply again once the instance is IDLE, or raise timeouts.update.")),
			StoredAfterFailure: 1,
			Recovery:           plancheck.ResourceActionUpdate,
		},
		reliability.Case{Op: reliability.Delete, Fault: "slow_async",
			EnvOptions: []func(*atlassim.Options){acctest.WithTransition(5 * time.Second)},
			Extra:      `  timeouts = { delete = "3s" }`,
			WantError: regexp.MustCompile(`(?s)` + reliability.Words("Atlas accepted the deletion but the instance was still there when timeouts.delete (3s) ran out") +
				`.*` + reliability.Words("last state: DELETING")),
			StoredAfterFailure: 1,
			RecoveryDestroy:    true,
		},
	)
	reliability.Run(t, s, cases)
}
