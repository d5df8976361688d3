package reliability_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/acctest"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlassim"
)

func TestMain(m *testing.M) { acctest.Main(m) }

const loadSize = 100

// loadConfig is 100 projects with one flex cluster each: the layout of
// organisations that give every team or service its own project, and the
// one that sends the most project creations (counted per user, org-wide)
// through the rate limiter.
func loadConfig(env *acctest.Env) string {
	return env.Config(fmt.Sprintf(`
resource "mongodbatlas_project" "load" {
  count  = %[1]d
  name   = "load-${count.index}"
  org_id = %[2]q
}

resource "mongodbatlas_flex_cluster" "load" {
  count      = %[1]d
  project_id = mongodbatlas_project.load[count.index].id
  name       = "flex-${count.index}"
  provider_settings = {
    backing_provider_name = "AWS"
    region_name           = "US_EAST_1"
  }
}
`, loadSize, env.OrgID))
}

// TestAccLoad applies, refreshes and destroys 200 resources with
// Terraform's default parallelism of 10 (the test framework runs plain
// `terraform apply`, whose -parallelism defaults to 10), first against
// Atlas's default rate limits, then against buckets shrunk so far that
// 429s must happen and be retried. Nothing may fail, and the simulator must
// hold exactly what the state says after each step and nothing at the end.
func TestAccLoad(t *testing.T) {
	for _, variant := range []struct {
		name   string
		limits atlassim.RateLimitMode
		want   bool // 429s must have happened
	}{
		{name: "default_limits"},
		{name: "shrunken_limits", want: true, limits: atlassim.RateLimitMode{Buckets: map[atlassim.EndpointSet]atlassim.Bucket{
			// Project creations share one bucket per user: 10 a second.
			atlassim.EndpointSetProjects: {Capacity: 10, Refill: 10, Period: time.Second},
			// One flex request per project per second: the create's first poll follows its POST at once.
			atlassim.EndpointSetFlexClusters: {Capacity: 1, Refill: 1, Period: time.Second},
		}}},
	} {
		t.Run(variant.name, func(t *testing.T) {
			env := acctest.NewEnv(t, acctest.WithTransition(200*time.Millisecond), func(o *atlassim.Options) { o.RateLimits = variant.limits })
			cfg := loadConfig(env)
			total := 0
			phase := func(name string) {
				requests, limited := 0, 0
				for _, r := range env.Sim.Requests() {
					if r.Status == 401 { // digest challenges
						continue
					}
					requests++
					if r.Status == 429 {
						limited++
					}
				}
				total += limited
				t.Logf("%s: %d requests, %d answered 429 and retried", name, requests, limited)
				env.Sim.ResetRequests()
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				CheckDestroy: func(*terraform.State) error {
					phase("destroy")
					t.Logf("total: %d answers 429, all retried", total)
					if n := len(env.Sim.Projects()); n != 0 {
						return fmt.Errorf("%d projects left after destroy", n)
					}
					if variant.want && total == 0 {
						return fmt.Errorf("no 429 at all: the shrunken buckets did not limit anything")
					}
					return nil
				},
				Steps: []resource.TestStep{
					{
						Config: cfg,
						Check: func(s *terraform.State) error {
							phase("step 1 (plan, apply)")
							return matches(env, s)
						},
					},
					{
						RefreshState: true,
						Check: func(s *terraform.State) error {
							phase("step 2 (post-apply plans, refresh, plan)")
							return matches(env, s)
						},
					},
				},
			})
		})
	}
}

// matches checks that the simulator holds exactly the projects and flex
// clusters of the state, 100 of each.
func matches(env *acctest.Env, s *terraform.State) error {
	var inState, inSim []string
	for _, rs := range s.RootModule().Resources {
		switch rs.Type {
		case "mongodbatlas_project":
			inState = append(inState, "project "+rs.Primary.ID)
		case "mongodbatlas_flex_cluster":
			inState = append(inState, "flex "+rs.Primary.Attributes["project_id"]+"/"+rs.Primary.Attributes["name"])
		}
	}
	for _, p := range env.Sim.Projects() {
		inSim = append(inSim, "project "+p.ID)
		for _, c := range env.Sim.FlexClusters(p.ID) {
			if c.State != "IDLE" {
				return fmt.Errorf("flex cluster %s/%s is %s", p.ID, c.Name, c.State)
			}
			inSim = append(inSim, "flex "+p.ID+"/"+c.Name)
		}
	}
	slices.Sort(inState)
	slices.Sort(inSim)
	if len(inState) != 2*loadSize || !slices.Equal(inState, inSim) {
		return fmt.Errorf("state holds %d objects, the simulator %d, and they differ", len(inState), len(inSim))
	}
	return nil
}
