package project

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
)

// keepLimitValues keeps the limits of the state in the plan when every
// configured limit has the name and value it already has. Without it, any
// update of the project (a rename, a team change) planned Atlas's empty
// counters of limits without a default (dataFederation.*: no current_usage,
// default_limit or maximum_limit) as "known after apply", a diff Atlas never made.
type keepLimitValues struct{}

func (keepLimitValues) Description(context.Context) string {
	return "Keeps the computed values of limits whose names and values do not change."
}

func (m keepLimitValues) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (keepLimitValues) PlanModifySet(ctx context.Context, req planmodifier.SetRequest, resp *planmodifier.SetResponse) {
	if req.StateValue.IsNull() || req.StateValue.IsUnknown() || req.PlanValue.IsNull() || req.PlanValue.IsUnknown() ||
		len(req.PlanValue.Elements()) != len(req.StateValue.Elements()) {
		return
	}
	var planned []limitModel
	if diags := req.PlanValue.ElementsAs(ctx, &planned, false); diags.HasError() {
		return
	}
	for _, l := range planned {
		if l.Name.IsUnknown() || l.Value.IsUnknown() {
			return
		}
	}
	want, diags := limitsFromModel(ctx, req.PlanValue)
	had, moreDiags := limitsFromModel(ctx, req.StateValue)
	if diags.HasError() || moreDiags.HasError() || len(want) != len(had) || len(want) != len(planned) {
		return
	}
	for name, value := range want {
		if before, ok := had[name]; !ok || before != value {
			return
		}
	}
	resp.PlanValue = req.StateValue
}
