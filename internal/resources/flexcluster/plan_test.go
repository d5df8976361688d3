package flexcluster

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestIdleAfterUpdate(t *testing.T) {
	for _, tc := range []struct {
		name        string
		state, plan types.String
		wantPlanned types.String
	}{
		{"update plans IDLE", types.StringValue("UPDATING"), types.StringUnknown(), types.StringValue("IDLE")},
		{"create stays unknown", types.StringNull(), types.StringUnknown(), types.StringUnknown()},
		{"no change keeps the state", types.StringValue("IDLE"), types.StringValue("IDLE"), types.StringValue("IDLE")},
		{"destroy stays null", types.StringValue("IDLE"), types.StringNull(), types.StringNull()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := &planmodifier.StringResponse{PlanValue: tc.plan}
			idleAfterUpdate{}.PlanModifyString(context.Background(), planmodifier.StringRequest{StateValue: tc.state, PlanValue: tc.plan}, resp)
			if !resp.PlanValue.Equal(tc.wantPlanned) {
				t.Errorf("planned %s, want %s", resp.PlanValue, tc.wantPlanned)
			}
		})
	}
}

func TestKeepPlannedVersion(t *testing.T) {
	for _, tc := range []struct {
		name              string
		planned, reported types.String
		want              types.String
	}{
		{"planned version kept when Atlas reports a newer one", types.StringValue("8.0.4"), types.StringValue("8.0.5"), types.StringValue("8.0.4")},
		{"same version", types.StringValue("8.0.4"), types.StringValue("8.0.4"), types.StringValue("8.0.4")},
		{"unknown plan takes Atlas's answer", types.StringUnknown(), types.StringValue("8.0.5"), types.StringValue("8.0.5")},
	} {
		if got := keepPlannedVersion(tc.planned, tc.reported); !got.Equal(tc.want) {
			t.Errorf("%s: got %s, want %s", tc.name, got, tc.want)
		}
	}
}
