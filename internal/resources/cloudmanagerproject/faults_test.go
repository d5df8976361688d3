package cloudmanagerproject_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/reliability"
)

const (
	faultyName   = "faulty-cm-project"
	faultyRename = "faulty-cm-project-renamed"
)

// cloudManagerSubject describes mongodbatlas_cloud_manager_project to the
// fault matrix; the update renames the project (PATCH /groups/{id}), the only
// change the Public API allows in place. The resource has no timeouts: every
// call is synchronous, so extra stays empty (it is passed through so a case
// that set it would fail loudly instead of being silently ignored).
func cloudManagerSubject() reliability.Subject {
	projectPath := cmGroups + "/*"
	return reliability.Subject{
		Address: addr,
		Config: func(env *acctest.Env, kind string, updated bool, extra string) string {
			name := faultyName
			if updated {
				name = faultyRename
			}
			return env.ProviderConfig(kind) + fmt.Sprintf(`
resource "mongodbatlas_cloud_manager_project" "test" {
  name   = %q
  org_id = %q
%s
}
`, name, env.OrgID, extra)
		},
		Targets: map[reliability.Operation]reliability.Target{
			reliability.Create: {Method: "POST", Path: cmGroups},
			reliability.Read:   {Method: "GET", Path: projectPath},
			reliability.Update: {Method: "PATCH", Path: projectPath},
			reliability.Delete: {Method: "DELETE", Path: projectPath},
		},
		Consistent: reliability.SameIDs("mongodbatlas_cloud_manager_project", func(env *acctest.Env) []string {
			var ids []string
			for _, p := range env.Sim.CloudManagerProjects() {
				ids = append(ids, p.ID)
			}
			return ids
		}),
		Stored: func(env *acctest.Env) int { return len(env.Sim.CloudManagerProjects()) },
		Updated: func(env *acctest.Env) error {
			for _, p := range env.Sim.CloudManagerProjects() {
				if p.Name == faultyRename {
					return nil
				}
			}
			return fmt.Errorf("the simulator holds no Cloud Manager project named %q", faultyRename)
		},
	}
}

// cloudManagerAdvice is the end of the diagnostic for a failure with this
// cause: the resource's own hints, which speak of Cloud Manager, not Atlas.
func cloudManagerAdvice(cause string) string {
	switch {
	case strings.Contains(cause, "oauth"):
		return reliability.Words("The token endpoint at base_url refused to issue an access token for the service account: check client_id and client_secret")
	case strings.Contains(cause, "HTTP"):
		return reliability.Words("Cloud Manager had a problem on its side: run the same command again in a few minutes.")
	}
	return reliability.Words("The connection to Cloud Manager or Ops Manager failed and retrying did not help: check the network and cloud_manager_base_url, then run the same command again.")
}

func cloudManagerFailures(op reliability.Operation, cause string) *regexp.Regexp {
	id := `[0-9a-f]{24}`
	advice := `.*` + cloudManagerAdvice(cause)
	switch op {
	case reliability.Read:
		return regexp.MustCompile(`(?s)` + reliability.Words("Reading Cloud Manager project") + `\s+` + id + `\s+failed.*` + cause + advice)
	case reliability.Update:
		return regexp.MustCompile(`(?s)` + reliability.Words("Renaming Cloud Manager project") + `\s+` + id + `\s+` +
			reliability.Words(`from "`+faultyName+`" to "`+faultyRename+`" failed`) + `.*` + cause + advice)
	}
	return regexp.MustCompile(`(?s)` + reliability.Words(`Deleting Cloud Manager project "`+faultyName+`"`) + `\s+\(` + id + `\)\s+failed.*` + cause + advice)
}

// TestAccCloudManagerProject_faults is the standard matrix: every call of
// the resource is synchronous (no wait, no timeouts), so there is no
// slow_async case.
func TestAccCloudManagerProject_faults(t *testing.T) {
	s := cloudManagerSubject()
	cases := reliability.StandardCases(s, cloudManagerFailures)
	i := slices.IndexFunc(cases, func(c reliability.Case) bool { return c.Op == reliability.Read && c.Fault == "expired_token" })
	if i < 0 {
		t.Fatal("the standard cases no longer hold read/expired_token")
	}
	cases[i] = expiredTokenOnRename(cases[i])
	reliability.Run(t, s, cases)
}

// expiredTokenOnRename moves the standard expired-token case from the
// refresh to the rename. Its check wants fewer tokens than API requests (no
// token per request), which a refresh of this resource, a single GET, cannot
// show; a rename is two requests in two CLI runs, the plan's GET and the
// apply's PATCH, that must share the one token renewed after the previous
// step's expired. The tokens live 8 s instead of 2 so that the renewed one
// (used until a quarter of its lifetime is left) outlasts the gap between
// the two runs on a busy machine.
func expiredTokenOnRename(c reliability.Case) reliability.Case {
	const lifetime = 8 * time.Second
	c.Op = reliability.Update
	c.EnvOptions = append(slices.Clone(c.EnvOptions), func(o *atlassim.Options) { o.TokenLifetime = lifetime })
	c.Setup = func(*acctest.Env) error {
		time.Sleep(lifetime + 500*time.Millisecond) // setup, not an assertion: the cached token has now expired
		return nil
	}
	return c
}
