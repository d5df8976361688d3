package serverlessinstance

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
)

// planSettledUpdate makes the plan of a tag or termination protection change show only
// that change. The framework leaves computed attributes without a value of their own
// unknown in any update; but Update sends the change and waits until Atlas reports the
// instance IDLE, and such a change touches neither the MongoDB version nor the private
// endpoints. So state_name is planned IDLE and the other two keep their state values
// (Update stores the planned values; see keepPlanned).
//
// Other updates (only timeouts, or continuous backup, which the flex API ignores) do not
// always send anything or wait, so their plans stay as the framework made them.
func planSettledUpdate(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || resp.Plan.Raw.IsNull() || resp.Plan.Raw.Equal(req.State.Raw) || len(resp.RequiresReplace) > 0 {
		return
	}
	var plan, state resourceModel
	if diags := resp.Plan.Get(ctx, &plan); diags.HasError() {
		return
	}
	if diags := req.State.Get(ctx, &state); diags.HasError() {
		return
	}
	if plan.Tags.Equal(state.Tags) && plan.TerminationProtectionEnabled.Equal(state.TerminationProtectionEnabled) {
		return
	}
	if plan.StateName.IsUnknown() {
		plan.StateName = types.StringValue(atlas.StateIdle)
	}
	if plan.MongoDBVersion.IsUnknown() {
		plan.MongoDBVersion = state.MongoDBVersion
	}
	if plan.ConnectionStringsPrivateEndpointSrv.IsUnknown() {
		plan.ConnectionStringsPrivateEndpointSrv = state.ConnectionStringsPrivateEndpointSrv
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// keepPlanned stores, after an update, the planned values of the attributes
// planSettledUpdate filled in. Atlas changing one of them between plan and apply would
// otherwise make Terraform reject the apply after Atlas had made the change; the next
// refresh records the new value instead.
func keepPlanned(next *resourceModel, plan resourceModel) {
	if !plan.MongoDBVersion.IsUnknown() && !plan.MongoDBVersion.IsNull() {
		next.MongoDBVersion = plan.MongoDBVersion
	}
	if !plan.ConnectionStringsPrivateEndpointSrv.IsUnknown() && !plan.ConnectionStringsPrivateEndpointSrv.IsNull() {
		next.ConnectionStringsPrivateEndpointSrv = plan.ConnectionStringsPrivateEndpointSrv
	}
}
