package tfvalue

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestOptionalString(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want types.String
	}{
		{"", types.StringNull()},
		{"M10", types.StringValue("M10")},
	} {
		if got := OptionalString(tc.in); !got.Equal(tc.want) {
			t.Errorf("OptionalString(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestStringList(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want types.List
	}{
		{nil, types.ListValueMust(types.StringType, []attr.Value{})},
		{[]string{"a", "b"}, types.ListValueMust(types.StringType, []attr.Value{types.StringValue("a"), types.StringValue("b")})},
	} {
		got := StringList(tc.in)
		if !got.Equal(tc.want) || got.IsNull() {
			t.Errorf("StringList(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}
