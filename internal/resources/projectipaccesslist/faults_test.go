package projectipaccesslist_test

import (
	"fmt"
	"net/http"
	"regexp"
	"testing"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/reliability"
)

// faultyEntry is an address, so its path is one segment and the fault
// patterns ("*" per segment) match it.
const faultyEntry = "203.0.113.77"

// entrySubject describes mongodbatlas_project_ip_access_list to the fault
// matrix: a project and one entry; the update changes the comment, which is
// a POST of the same entry.
func entrySubject() reliability.Subject {
	entryPath := "/api/atlas/v2/groups/*/accessList/" + faultyEntry
	listPath := "/api/atlas/v2/groups/*/accessList"
	return reliability.Subject{
		Address: addr,
		Config: func(env *acctest.Env, kind string, updated bool, extra string) string {
			comment := "first"
			if updated {
				comment = "second"
			}
			return env.ProviderConfig(kind) + projectBlock(env) + fmt.Sprintf(`
resource "mongodbatlas_project_ip_access_list" "test" {
  project_id = mongodbatlas_project.test.id
  ip_address = %q
  comment    = %q
%s
}
`, faultyEntry, comment, extra)
		},
		Targets: map[reliability.Operation]reliability.Target{
			reliability.Create: {Method: "POST", Path: listPath},
			reliability.Read:   {Method: "GET", Path: entryPath},
			reliability.Update: {Method: "POST", Path: listPath},
			reliability.Delete: {Method: "DELETE", Path: entryPath},
		},
		Consistent: reliability.All(reliability.SameProjects,
			reliability.SameKeys("mongodbatlas_project_ip_access_list", func(attrs map[string]string) string {
				return attrs["project_id"] + "/" + attrs["ip_address"]
			}, func(env *acctest.Env) ([]string, error) {
				var keys []string
				for _, p := range env.Sim.Projects() {
					for _, e := range env.Sim.ProjectAccessList(p.ID) {
						keys = append(keys, p.ID+"/"+e.IPAddress)
					}
				}
				return keys, nil
			})),
		Stored: func(env *acctest.Env) int {
			n := 0
			for _, p := range env.Sim.Projects() {
				n += len(env.Sim.ProjectAccessList(p.ID))
			}
			return n
		},
		Updated: func(env *acctest.Env) error {
			for _, p := range env.Sim.Projects() {
				for _, e := range env.Sim.ProjectAccessList(p.ID) {
					if e.Comment == "second" {
						return nil
					}
				}
			}
			return fmt.Errorf("the simulator does not hold the updated comment")
		},
	}
}

func entryFailures(op reliability.Operation, cause string) *regexp.Regexp {
	what := map[reliability.Operation]string{
		reliability.Read:   "Reading access list entry " + faultyEntry + " in project",
		reliability.Update: "Adding " + faultyEntry + " to the IP access list of project",
		reliability.Delete: "Removing " + faultyEntry + " from the IP access list of project",
	}[op]
	return regexp.MustCompile(`(?s)` + reliability.Words(what) + `.*` + cause + `.*` + reliability.Words("run the same command again"))
}

func TestAccProjectIPAccessList_faults(t *testing.T) {
	s := entrySubject()
	cases := reliability.StandardCases(s, entryFailures)
	// The update is a POST of the same entry, which is safe to repeat: a 500
	// is settled like a create's, by a lookup and a second POST.
	for i, c := range cases {
		if c.Op == reliability.Update && c.Fault == "500" {
			cases[i].WantError, cases[i].Recovery, cases[i].StoredAfterFailure = nil, "", 0
			cases[i].Log = func(_ *testing.T, env *acctest.Env) error {
				if n := reliability.Count(env, http.MethodPost, s.Targets[reliability.Update].Path, 200); n != 1 {
					return fmt.Errorf("%d successful POSTs after the 500, want 1", n)
				}
				return nil
			}
		}
	}
	reliability.Run(t, s, cases)
}
