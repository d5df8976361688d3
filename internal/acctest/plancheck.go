package acctest

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sort"

	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

// ChangedAttributes is a plan check: the resource at addr is planned for an
// in-place update whose before and after values differ in exactly the listed
// top-level attributes (an attribute unknown after the plan counts as changed).
func ChangedAttributes(addr string, want ...string) plancheck.PlanCheck {
	return changedAttrsCheck{addr: addr, want: want}
}

type changedAttrsCheck struct {
	addr string
	want []string
}

func (c changedAttrsCheck) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != c.addr {
			continue
		}
		before, _ := rc.Change.Before.(map[string]any)
		after, _ := rc.Change.After.(map[string]any)
		unknown, _ := rc.Change.AfterUnknown.(map[string]any)
		changed := map[string]bool{}
		for k, v := range before {
			if !reflect.DeepEqual(v, after[k]) {
				changed[k] = true
			}
		}
		for k, v := range after {
			if !reflect.DeepEqual(v, before[k]) {
				changed[k] = true
			}
		}
		for k, v := range unknown {
			if hasTrue(v) {
				changed[k] = true
			}
		}
		got := make([]string, 0, len(changed))
		for k := range changed {
			got = append(got, k)
		}
		sort.Strings(got)
		want := slices.Clone(c.want)
		sort.Strings(want)
		if !slices.Equal(got, want) {
			detail := ""
			for _, k := range got {
				if !slices.Contains(want, k) {
					detail += fmt.Sprintf("\n  %s: %v -> %v (unknown: %v)", k, before[k], after[k], unknown[k])
				}
			}
			resp.Error = fmt.Errorf("%s: the plan changes %q, want exactly %q (actions %v)%s", c.addr, got, want, rc.Change.Actions, detail)
		}
		return
	}
	resp.Error = fmt.Errorf("%s is not in the plan", c.addr)
}

// hasTrue finds a true anywhere in an after_unknown value.
func hasTrue(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case map[string]any:
		for _, e := range x {
			if hasTrue(e) {
				return true
			}
		}
	case []any:
		for _, e := range x {
			if hasTrue(e) {
				return true
			}
		}
	}
	return false
}
