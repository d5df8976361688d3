// Package tfvalue builds Terraform values from what the API returned, the same way in
// every resource.
package tfvalue

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// OptionalString is null for an empty string: Atlas leaves out fields it has no value for,
// and the schema's null says the same.
func OptionalString(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// StringList is a list of strings, empty (not null) when values is empty.
func StringList(values []string) types.List {
	elems := make([]attr.Value, 0, len(values))
	for _, v := range values {
		elems = append(elems, types.StringValue(v))
	}
	return types.ListValueMust(types.StringType, elems)
}

// MapLike is m with the empty form of like: when m has no elements, it is an
// empty map if like is a known, non-null map, and null otherwise. Atlas reports
// "nothing" the same way whether the configuration said {} or left the
// attribute out; Terraform requires the state to keep what was planned, so the
// form of the plan (or of the prior state, on refresh) decides.
func MapLike(m, like types.Map) types.Map {
	if m.IsUnknown() || len(m.Elements()) > 0 {
		return m
	}
	if like.IsNull() || like.IsUnknown() {
		return types.MapNull(m.ElementType(context.Background()))
	}
	return types.MapValueMust(m.ElementType(context.Background()), map[string]attr.Value{})
}

// IsEmpty reports whether m is null or a known map without elements: the two
// spellings of "nothing" that Atlas does not tell apart.
func IsEmpty(m types.Map) bool {
	return m.IsNull() || (!m.IsUnknown() && len(m.Elements()) == 0)
}

// SameMap reports whether a and b hold the same elements, counting null and
// empty as the same, so changing only the spelling of "nothing" sends nothing
// to Atlas.
func SameMap(a, b types.Map) bool {
	if IsEmpty(a) && IsEmpty(b) {
		return true
	}
	return a.Equal(b)
}
