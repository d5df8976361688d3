package flexcluster

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
)

// idleAfterUpdate plans state_name for an update in place. Update always waits until
// Atlas reports the cluster IDLE and stores that answer, so IDLE is exactly what the
// apply will write; "known after apply" would only add noise to a plan that changes tags.
// A create keeps it unknown (the state is null) and a replacement is planned as a create.
type idleAfterUpdate struct{}

func (idleAfterUpdate) Description(context.Context) string {
	return "An update in place ends when the cluster is IDLE."
}

func (m idleAfterUpdate) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (idleAfterUpdate) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.StateValue.IsNull() || !req.PlanValue.IsUnknown() {
		return
	}
	resp.PlanValue = types.StringValue(atlas.StateIdle)
}

// keepPlannedVersion is the version to store after an update: the planned one when the
// plan knew it. A tag or protection change does not touch the version; if Atlas upgraded
// the cluster between the plan and the apply, storing the new value would make Terraform
// reject the apply after Atlas had made the change, so the next refresh records it instead.
func keepPlannedVersion(planned, reported types.String) types.String {
	if planned.IsUnknown() || planned.IsNull() {
		return reported
	}
	return planned
}
