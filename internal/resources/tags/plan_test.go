package tags

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestNoneKeepsState(t *testing.T) {
	null := types.MapNull(types.StringType)
	unknown := types.MapUnknown(types.StringType)
	one := types.MapValueMust(types.StringType, map[string]attr.Value{"env": types.StringValue("dev")})
	cases := []struct {
		name                string
		config, state, plan types.Map
		want                types.Map
	}{
		{"no tags, state {}: no change", null, Empty(), unknown, Empty()},
		{"no tags, state has tags: remove them", null, one, unknown, null},
		{"no tags on create", null, null, unknown, null},
		{"no tags, state null", null, null, null, null},
		{"{} is planned as written", Empty(), null, Empty(), Empty()},
		{"tags are planned as written", one, Empty(), one, one},
		{"unknown configuration stays unknown", unknown, one, unknown, unknown},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := planmodifier.MapRequest{ConfigValue: tc.config, StateValue: tc.state, PlanValue: tc.plan}
			resp := &planmodifier.MapResponse{PlanValue: tc.plan}
			NoneKeepsState().PlanModifyMap(context.Background(), req, resp)
			if !resp.PlanValue.Equal(tc.want) {
				t.Errorf("planned %v, want %v", resp.PlanValue, tc.want)
			}
		})
	}
}

func TestToMapLike(t *testing.T) {
	if got := ToMapLike(nil, Empty()); !got.Equal(Empty()) {
		t.Errorf("no tags, configured {}: got %v, want {}", got)
	}
	if got := ToMapLike(nil, types.MapNull(types.StringType)); !got.IsNull() {
		t.Errorf("no tags, not configured: got %v, want null", got)
	}
	if !Equal(Empty(), types.MapNull(types.StringType)) {
		t.Error("{} and null must ask Atlas for the same tags")
	}
}
