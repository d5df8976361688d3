package tfvalue

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestMapLikeAndSameMap(t *testing.T) {
	null := types.MapNull(types.StringType)
	empty := types.MapValueMust(types.StringType, map[string]attr.Value{})
	unknown := types.MapUnknown(types.StringType)
	one := types.MapValueMust(types.StringType, map[string]attr.Value{"env": types.StringValue("dev")})
	cases := []struct {
		name      string
		m, like   types.Map
		want      types.Map
		sameAsRaw bool // SameMap(m, like)
	}{
		{"nothing, configured {}", null, empty, empty, true},
		{"nothing, not configured", null, null, null, true},
		{"empty answer, not configured", empty, null, null, true},
		{"nothing, unknown plan", null, unknown, null, false},
		{"tags win over the form", one, empty, one, false},
		{"tags win over null", one, null, one, false},
		{"nothing, prior had tags", null, one, empty, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := MapLike(tc.m, tc.like); !got.Equal(tc.want) {
				t.Errorf("MapLike(%v, %v) = %v, want %v", tc.m, tc.like, got, tc.want)
			}
			if got := SameMap(tc.m, tc.like); got != tc.sameAsRaw {
				t.Errorf("SameMap(%v, %v) = %v, want %v", tc.m, tc.like, got, tc.sameAsRaw)
			}
		})
	}
}
