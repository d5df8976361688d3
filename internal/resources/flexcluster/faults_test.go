package flexcluster_test

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

const faultyName = "faulty-flex"

// flexSubject describes mongodbatlas_flex_cluster to the fault matrix: a
// project and one cluster; the update changes the cluster's tags.
func flexSubject() reliability.Subject {
	clusterPath := "/api/atlas/v2/groups/*/flexClusters/*"
	return reliability.Subject{
		Address:     addr,
		CreateWaits: true,
		Config: func(env *acctest.Env, kind string, updated bool, extra string) string {
			tags := `{ env = "dev" }`
			if updated {
				tags = `{ env = "prod", team = "data" }`
			}
			return env.ProviderConfig(kind) + flexBody(env, faultyName, "US_EAST_1", "  tags = "+tags+"\n"+extra)
		},
		Targets: map[reliability.Operation]reliability.Target{
			reliability.Create: {Method: "POST", Path: "/api/atlas/v2/groups/*/flexClusters"},
			reliability.Read:   {Method: "GET", Path: clusterPath},
			reliability.Update: {Method: "PATCH", Path: clusterPath},
			reliability.Delete: {Method: "DELETE", Path: clusterPath},
		},
		Consistent: reliability.All(reliability.SameProjects,
			reliability.SameKeys("mongodbatlas_flex_cluster", reliability.ProjectAndName, func(env *acctest.Env) ([]string, error) {
				var keys []string
				for _, p := range env.Sim.Projects() {
					for _, c := range env.Sim.FlexClusters(p.ID) {
						keys = append(keys, p.ID+"/"+c.Name)
					}
				}
				return keys, nil
			})),
		Stored: func(env *acctest.Env) int {
			n := 0
			for _, p := range env.Sim.Projects() {
				n += len(env.Sim.FlexClusters(p.ID))
			}
			return n
		},
		Updated: func(env *acctest.Env) error {
			for _, p := range env.Sim.Projects() {
				if c, ok := env.Sim.FlexCluster(p.ID, faultyName); ok && len(c.Tags) == 2 {
					return nil
				}
			}
			return fmt.Errorf("the simulator does not hold the updated tags")
		},
	}
}

func flexFailures(op reliability.Operation, cause string) *regexp.Regexp {
	verb := map[reliability.Operation]string{
		reliability.Read: "Reading", reliability.Update: "Updating", reliability.Delete: "Deleting",
	}[op]
	pattern := `(?s)` + reliability.Words(verb+` flex cluster "`+faultyName+`" in project`) + `\s+\w+\s+failed.*` + cause
	return regexp.MustCompile(pattern + `.*` + reliability.Words("run the same command again"))
}

func TestAccFlexCluster_faults(t *testing.T) {
	s := flexSubject()
	cases := reliability.StandardCases(s, flexFailures)
	cases = append(cases,
		// Atlas takes longer than the timeouts: the cluster stays in state
		// (tainted after a create), Atlas keeps it, and the next run finishes.
		reliability.Case{Op: reliability.Create, Fault: "slow_async",
			EnvOptions: []func(*atlassim.Options){acctest.WithTransition(3 * time.Second)},
			Extra:      "  timeouts = { create = \"1s\" }\n  delete_on_create_timeout = false",
			WantError: regexp.MustCompile(`(?s)` + reliability.Words("did not finish creating the cluster within timeouts.create (1s)") + `.*` +
				reliability.Words("delete_on_create_timeout is false, so the cluster is kept in the Terraform state and marked tainted")),
			StoredAfterFailure: 1,
			Recovery:           plancheck.ResourceActionDestroyBeforeCreate,
			RecoveryExtra:      "  delete_on_create_timeout = false",
		},
		reliability.Case{Op: reliability.Update, Fault: "slow_async",
			EnvOptions: []func(*atlassim.Options){acctest.WithTransition(3 * time.Second)},
			Extra:      `  timeouts = { update = "1s" }`,
			WantError: regexp.MustCompile(`(?s)` + reliability.Words(`Flex cluster "`+faultyName+`" in project`) + `\s+\w+\s+` +
				reliability.Words("did not finish updating") + `.*` + reliability.Words("run terraform apply again once the cluster is IDLE, or raise timeouts.update")),
			StoredAfterFailure: 1,
			Recovery:           plancheck.ResourceActionUpdate, // the timeouts change; the wait then sees IDLE
		},
		// The second destroy starts after the first one's 3 s wait and waits
		// 3 s more: longer than the 5 s transition, whatever the machine's speed.
		reliability.Case{Op: reliability.Delete, Fault: "slow_async",
			EnvOptions: []func(*atlassim.Options){acctest.WithTransition(5 * time.Second)},
			Extra:      `  timeouts = { delete = "3s" }`,
			WantError: regexp.MustCompile(`(?s)` + reliability.Words("Atlas accepted the deletion but the cluster was still there when timeouts.delete (3s) ran out") +
				`.*` + reliability.Words("last state: DELETING")),
			StoredAfterFailure: 1,
			RecoveryDestroy:    true,
		},
	)
	reliability.Run(t, s, cases)
}
