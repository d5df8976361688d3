// Package tfvalue builds Terraform values from what the API returned, the same way in
// every resource.
package tfvalue

import (
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
