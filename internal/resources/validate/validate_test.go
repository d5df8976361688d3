package validate

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func validateString(v validator.String, value string) []string {
	resp := &validator.StringResponse{}
	v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("x"), ConfigValue: types.StringValue(value)}, resp)
	var out []string
	for _, d := range resp.Diagnostics {
		out = append(out, d.Detail())
	}
	return out
}

func TestProjectName(t *testing.T) {
	// Names Atlas accepts although the spec's pattern excludes them.
	for _, ok := range []string{"a", "Project 0", "First Project", "Create Project API Example", "Prod_DB-1",
		"équipe.données", "x(1),y:&@+'", "semi;colon", "10gen", strings.Repeat("n", 64), strings.Repeat("é", 64)} {
		if errs := validateString(ProjectName(), ok); len(errs) > 0 {
			t.Errorf("%q rejected: %v", ok, errs)
		}
	}
	for _, bad := range []struct{ name, want string }{
		{"", "Attribute x: the project name is empty; Atlas requires 1 to 64 characters."},
		{strings.Repeat("n", 65), `Attribute x: the project name "` + strings.Repeat("n", 65) + `" is 65 characters long; Atlas allows at most 64. Shorten it.`},
		{"my-10gen-team", `Attribute x: the project name "my-10gen-team" contains "10gen-" or "-10gen", which Atlas reserves. Choose another name.`},
		{"10GEN-x", `Attribute x: the project name "10GEN-x" contains "10gen-" or "-10gen", which Atlas reserves. Choose another name.`},
	} {
		if errs := validateString(ProjectName(), bad.name); len(errs) != 1 || errs[0] != bad.want {
			t.Errorf("%q: %q, want %q", bad.name, errs, bad.want)
		}
	}
}

func TestHexID(t *testing.T) {
	if errs := validateString(HexID(), "5f1e2d3c4b5a697887766554"); len(errs) > 0 {
		t.Errorf("valid id rejected: %v", errs)
	}
	for _, bad := range []string{"5F1E2D3C4B5A697887766554", "5f1e2d3c", "zzzzzzzzzzzzzzzzzzzzzzzz"} {
		if errs := validateString(HexID(), bad); len(errs) == 0 {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestTags(t *testing.T) {
	cases := []struct {
		name  string
		tags  map[string]string
		wants string
	}{
		{"fine", map[string]string{"env": "prod", "cost center": "a;b@c_d-e.f+g"}, ""},
		{"empty value", map[string]string{"env": ""}, "is empty"},
		{"slash", map[string]string{"path": "a/b"}, "contains characters Atlas rejects"},
		{"long key", map[string]string{strings.Repeat("k", 256): "v"}, "is 256 characters long"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			elems := map[string]attr.Value{}
			for k, v := range tc.tags {
				elems[k] = types.StringValue(v)
			}
			resp := &validator.MapResponse{}
			Tags().ValidateMap(context.Background(), validator.MapRequest{Path: path.Root("tags"),
				ConfigValue: types.MapValueMust(types.StringType, elems)}, resp)
			got := ""
			for _, d := range resp.Diagnostics {
				got += d.Detail()
			}
			if tc.wants == "" && got != "" || tc.wants != "" && !strings.Contains(got, tc.wants) {
				t.Errorf("diagnostics %q, want %q", got, tc.wants)
			}
		})
	}
	elems := map[string]attr.Value{}
	for i := range 51 {
		elems[strings.Repeat("k", i+1)] = types.StringValue("v")
	}
	resp := &validator.MapResponse{}
	Tags().ValidateMap(context.Background(), validator.MapRequest{Path: path.Root("tags"), ConfigValue: types.MapValueMust(types.StringType, elems)}, resp)
	if !resp.Diagnostics.HasError() {
		t.Error("51 tags accepted")
	}
}
