package tags

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
)

func benchTagMap(n int) types.Map {
	elems := make(map[string]attr.Value, n)
	for i := range n {
		elems[fmt.Sprintf("key-%02d", i)] = types.StringValue(fmt.Sprintf("value-%02d", i))
	}
	return types.MapValueMust(types.StringType, elems)
}

func BenchmarkFromMap(b *testing.B) {
	for _, n := range []int{1, 10, 50} {
		b.Run(fmt.Sprintf("tags=%d", n), func(b *testing.B) {
			m := benchTagMap(n)
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if list, diags := FromMap(ctx, m); diags.HasError() || len(list) != n {
					b.Fatal(diags)
				}
			}
		})
	}
}

func BenchmarkToMap(b *testing.B) {
	for _, n := range []int{1, 10, 50} {
		b.Run(fmt.Sprintf("tags=%d", n), func(b *testing.B) {
			list := make([]atlas.Tag, n)
			for i := range list {
				list[i] = atlas.Tag{Key: fmt.Sprintf("key-%02d", i), Value: fmt.Sprintf("value-%02d", i)}
			}
			b.ReportAllocs()
			for b.Loop() {
				if m := ToMap(list); len(m.Elements()) != n {
					b.Fatal(m)
				}
			}
		})
	}
}
