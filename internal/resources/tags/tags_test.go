package tags

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
)

func TestFromMapSortsByKey(t *testing.T) {
	m := types.MapValueMust(types.StringType, map[string]attr.Value{
		"zone": types.StringValue("b"), "app": types.StringValue("a"),
	})
	got, diags := FromMap(context.Background(), m)
	if diags.HasError() {
		t.Fatal(diags)
	}
	want := []atlas.Tag{{Key: "app", Value: "a"}, {Key: "zone", Value: "b"}}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestFromMapNullGivesEmptyList(t *testing.T) {
	for _, m := range []types.Map{types.MapNull(types.StringType), types.MapUnknown(types.StringType)} {
		got, diags := FromMap(context.Background(), m)
		if diags.HasError() || got == nil || len(got) != 0 {
			t.Errorf("%v: got %#v, %v; want an empty, non-nil list (sent as [] to clear tags)", m, got, diags)
		}
	}
}

func TestToMap(t *testing.T) {
	if got := ToMap(nil); !got.IsNull() {
		t.Errorf("no tags: got %v, want null so a configuration without tags has no diff", got)
	}
	got := ToMap([]atlas.Tag{{Key: "env", Value: "prod"}})
	want := types.MapValueMust(types.StringType, map[string]attr.Value{"env": types.StringValue("prod")})
	if !got.Equal(want) {
		t.Errorf("got %v, want %v", got, want)
	}
}
