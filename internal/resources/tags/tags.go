// Package tags converts between Terraform's map(string) tags and Atlas's key/value tag lists.
package tags

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/tfvalue"
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

// ToMapLike is ToMap keeping the form of like for "no tags": an empty map when
// like is one, null otherwise (see tfvalue.MapLike). Resources pass the plan on
// create and update and the prior state on refresh.
func ToMapLike(list []atlas.Tag, like types.Map) types.Map {
	return tfvalue.MapLike(ToMap(list), like)
}

// Equal reports whether two tag maps ask Atlas for the same tags: an empty map
// and a null one both mean no tags.
func Equal(a, b types.Map) bool { return tfvalue.SameMap(a, b) }

// Empty is the empty tags map, the form an import stores when Atlas reports no
// tags: with NoneKeepsState it matches both `tags = {}` and no attribute.
func Empty() types.Map { return types.MapValueMust(types.StringType, map[string]attr.Value{}) }

// NoneKeepsState plans the tags attribute (Optional and Computed) so that the
// two spellings of "no tags" never plan a change against each other: when the
// configuration leaves tags out and the state holds an empty map, the empty map
// is kept; otherwise a configuration without tags plans null, which removes
// every tag. A configured value is planned as written (Terraform requires it).
func NoneKeepsState() planmodifier.Map { return noneKeepsState{} }

type noneKeepsState struct{}

func (noneKeepsState) Description(context.Context) string {
	return "No tags in the configuration matches an empty map in the state; otherwise removing the attribute removes every tag."
}

func (m noneKeepsState) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (noneKeepsState) PlanModifyMap(_ context.Context, req planmodifier.MapRequest, resp *planmodifier.MapResponse) {
	if !req.ConfigValue.IsNull() {
		return
	}
	if !req.StateValue.IsNull() && tfvalue.IsEmpty(req.StateValue) {
		resp.PlanValue = req.StateValue
		return
	}
	resp.PlanValue = types.MapNull(types.StringType)
}
