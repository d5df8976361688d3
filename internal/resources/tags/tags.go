// Package tags converts between Terraform's map(string) tags and Atlas's key/value tag lists.
package tags

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
)

// FromMap turns a Terraform tags map into the Atlas list, sorted by key so the
// request body is deterministic. A null or unknown map gives an empty list.
func FromMap(ctx context.Context, m types.Map) ([]atlas.Tag, diag.Diagnostics) {
	if m.IsNull() || m.IsUnknown() {
		return []atlas.Tag{}, nil
	}
	var values map[string]string
	diags := m.ElementsAs(ctx, &values, false)
	if diags.HasError() {
		return nil, diags
	}
	return FromGoMap(values), nil
}

// FromGoMap turns a plain map into the Atlas list, sorted by key.
func FromGoMap(values map[string]string) []atlas.Tag {
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]atlas.Tag, 0, len(keys))
	for _, k := range keys {
		out = append(out, atlas.Tag{Key: k, Value: values[k]})
	}
	return out
}

// ToMap turns the Atlas list into a Terraform map. An empty list becomes a null
// map, so a configuration without tags and a project without tags agree.
func ToMap(list []atlas.Tag) types.Map {
	if len(list) == 0 {
		return types.MapNull(types.StringType)
	}
	elems := make(map[string]attr.Value, len(list))
	for _, t := range list {
		elems[t.Key] = types.StringValue(t.Value)
	}
	return types.MapValueMust(types.StringType, elems)
}
