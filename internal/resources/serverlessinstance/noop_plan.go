package serverlessinstance

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// keepStateWhenNothingChanges turns a plan that changes nothing into a no-op.
//
// The framework decides that a resource changes before the attribute plan
// modifiers run, by comparing configuration and state; it then marks computed
// attributes without a plan modifier unknown. A configuration saying SERVERLESS
// for an instance whose state says FLEX (imported once only the flex API
// answered) differs in that comparison, and although serverlessEqualsFlex then
// plans FLEX, state_name, mongo_db_version and the private endpoint strings
// stay "known after apply": an update in place that never goes away. When
// taking their state values makes the plan equal to the state, nothing was
// going to change, so the plan is the state.
func keepStateWhenNothingChanges(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || resp.Plan.Raw.IsNull() || resp.Plan.Raw.Equal(req.State.Raw) {
		return
	}
	var plan, state resourceModel
	if diags := resp.Plan.Get(ctx, &plan); diags.HasError() {
		return
	}
	if diags := req.State.Get(ctx, &state); diags.HasError() {
		return
	}
	if plan.StateName.IsUnknown() {
		plan.StateName = state.StateName
	}
	if plan.MongoDBVersion.IsUnknown() {
		plan.MongoDBVersion = state.MongoDBVersion
	}
	if plan.ConnectionStringsPrivateEndpointSrv.IsUnknown() {
		plan.ConnectionStringsPrivateEndpointSrv = state.ConnectionStringsPrivateEndpointSrv
	}
	candidate := resp.Plan
	if diags := candidate.Set(ctx, &plan); diags.HasError() {
		return
	}
	if candidate.Raw.Equal(req.State.Raw) {
		resp.Plan = candidate
	}
}
